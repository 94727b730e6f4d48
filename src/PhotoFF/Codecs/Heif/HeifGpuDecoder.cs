using PhotoFF.Backends;
using PhotoFF.Backends.Cuda;
using PhotoFF.Cuda.Nvdec;
using PhotoFF.Imaging;

namespace PhotoFF.Codecs.Heif;

/// <summary>
/// HEIC on a CUDA device: NVDEC decodes the HEVC tiles, a kernel converts each from YCbCr (the matrix and range of the
/// tile's nclx colour, else the primary item's, else the stream's VUI) to RGBA8 at its place in the grid, through the
/// ICC profile's conversion to sRGB when there is one; the alpha plane's tiles set the alpha; then clap, irot and imir
/// apply in their order. The pixels never leave the device.
/// </summary>
internal static class HeifGpuDecoder
{
    /// <summary>Whether NVDEC on <paramref name="backend"/>'s device takes every stream of the file; the reason when not.</summary>
    public static bool CanDecode(HeifFile file, CudaBackend backend, out string reason)
    {
        if (NvdecCapabilities.UnavailableReason is { } missing)
        {
            reason = missing;
            return false;
        }

        var colour = file.Image.Coded.Tiles[0].Configuration;
        if (!Supported(backend, file.Image.Coded, colour.ChromaFormat == 1, out reason))
        {
            return false;
        }

        if (file.Image.Alpha is { } alpha && !Supported(backend, alpha, alpha.Tiles[0].Configuration.ChromaFormat is 0 or 1, out reason))
        {
            reason = "alpha plane: " + reason;
            return false;
        }

        return true;
    }

    public static CudaImage Decode(HeifFile file, CudaBackend backend, DecodeOptions options)
    {
        file.CheckPixelLimit(options);
        var image = file.Image;
        var coded = image.Coded;
        var canvas = new CudaImage(backend, backend.Allocate(CudaImage.PixelBytes(coded.Width, coded.Height)), coded.Width, coded.Height);
        try
        {
            var iccTable = IccTableOn(backend, image.Icc);
            DecodeTiles(backend, canvas, coded, (frame, tile, x, y) =>
            {
                var conversion = Conversion(tile.Nclx ?? image.Nclx, frame);
                backend.ConvertDecodedTile(frame, canvas.Pixels, coded.Width, coded.Height, x, y, tile.Width, tile.Height,
                    conversion.Matrix, conversion.FullRange, conversion.RCr, conversion.GCb, conversion.GCr, conversion.BCb,
                    iccTable);
            });

            if (image.Alpha is { } alpha)
            {
                DecodeTiles(backend, canvas, alpha, (frame, tile, x, y) =>
                    backend.ConvertDecodedAlphaTile(frame, canvas.Pixels, coded.Width, coded.Height, x, y, tile.Width, tile.Height));
            }

            ApplyTransforms(canvas, image.Transforms);
            return canvas;
        }
        catch (Exception e)
        {
            canvas.Dispose();
            if (e is HeifFormatException format)
            {
                throw HeifFile.ToCodecException(format, file.Name);
            }

            if (e is NvdecException and not NvdecUnsupportedException)
            {
                throw new CodecException(CodecErrorKind.Corrupt, file.Name, $"the HEVC data is damaged: {e.Message}", e);
            }

            throw;
        }
    }

    /// <summary>The device's copy of the profile's conversion table; null for no profile, sRGB, or one libvips refuses.</summary>
    private static PixelBuffer? IccTableOn(CudaBackend backend, byte[]? icc)
    {
        if (icc is null || IccTable.KeyFor(icc) is not { } key || IccTable.For(icc) is not { } table)
        {
            return null;
        }

        return backend.DeviceTable(key, () => table);
    }

    private static bool Supported(CudaBackend backend, HeifCodedImage coded, bool chromaSupported, out string reason)
    {
        var configuration = coded.Tiles[0].Configuration;
        reason = string.Empty;
        if (!chromaSupported || coded.Tiles.Any(t => t.Configuration.ChromaFormat != configuration.ChromaFormat))
        {
            reason = $"chroma format {configuration.ChromaFormat} is not decoded on the GPU";
            return false;
        }

        if (configuration.BitDepthChroma != configuration.BitDepthLuma)
        {
            reason = "luma and chroma of different bit depths are not decoded on the GPU";
            return false;
        }

        var chroma = configuration.ChromaFormat == 0 ? VideoChromaFormat.Monochrome : VideoChromaFormat.Yuv420;
        if (!NvdecCapabilities.Supports(backend.Context, chroma, configuration.BitDepthLuma, coded.TileWidth, coded.TileHeight))
        {
            reason = $"this GPU's video decoder does not take {chroma} HEVC of {configuration.BitDepthLuma} bits at {coded.TileWidth}x{coded.TileHeight}";
            return false;
        }

        return true;
    }

    /// <summary>Decodes every tile of <paramref name="coded"/> and hands each, mapped, to <paramref name="convert"/>
    /// with its place in the image.</summary>
    private static void DecodeTiles(CudaBackend backend, CudaImage canvas, HeifCodedImage coded,
        Action<NvdecFrame, HeifTile, int, int> convert)
    {
        var pictures = coded.Tiles.Select(t => t.Configuration.ToAnnexB(t.Data.Span)).ToArray();
        NvdecPictureDecoder.Decode(backend.Context, backend.StreamOf(canvas.Pixels), pictures, frame =>
        {
            var tile = coded.Tiles[frame.Index];
            if (frame.Width < tile.Width || frame.Height < tile.Height)
            {
                throw new HeifFormatException($"tile {frame.Index} decodes to {frame.Width}x{frame.Height}, smaller than its ispe of {tile.Width}x{tile.Height}");
            }

            var column = frame.Index % coded.Columns;
            var row = frame.Index / coded.Columns;
            convert(frame, tile, column * coded.TileWidth, row * coded.TileHeight);
        });
    }

    /// <summary>The conversion libheif would use: nclx colour information when the file has it, else the VUI's, whose
    /// absence means BT.601 coefficients in limited range (H.265 E.3.1's defaults, as libde265 reports them).</summary>
    private static YCbCrConversion Conversion(NclxColourProperty? nclx, NvdecFrame frame)
    {
        if (nclx is not null)
        {
            return YCbCrConversion.For(nclx.Matrix, nclx.Primaries, nclx.FullRange);
        }

        return frame.HasColourDescription
            ? YCbCrConversion.For(frame.MatrixCoefficients, frame.ColourPrimaries, frame.FullRange)
            : YCbCrConversion.For(2, 2, frame.FullRange);
    }

    private static void ApplyTransforms(CudaImage image, IReadOnlyList<HeifProperty> transforms)
    {
        foreach (var transform in transforms)
        {
            switch (transform)
            {
                case CleanApertureProperty clap:
                    var (left, top, width, height) = HeifTransform.Crop(clap, image.Width, image.Height);
                    if (left != 0 || top != 0 || width != image.Width || height != image.Height)
                    {
                        image.Crop(left, top, width, height, strict: true);
                    }

                    break;
                case RotationProperty { QuarterTurns: > 0 } rotation:
                    image.Rotate(-90.0 * rotation.QuarterTurns); // irot turns anti-clockwise; Rotate turns clockwise
                    break;
                case MirrorProperty mirror:
                    image.Flip(horizontal: mirror.LeftRight, vertical: !mirror.LeftRight);
                    break;
            }
        }
    }
}
