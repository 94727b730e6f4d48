using PhotoFF.Cuda;

namespace PhotoFF.Backends.Cuda;

// The pixel steps around nvJPEG (kernels/jpeg.cu): its decoder writes interleaved RGB and its encoder reads it, while
// images are RGBA. The kernels run on the codec's stream, ordered against the image buffer's own stream both ways.
internal sealed partial class CudaBackend
{
    private static readonly Dim3 JpegBlock = new(32, 8);

    /// <summary>
    /// Writes <paramref name="destination"/> (<paramref name="width"/> x <paramref name="height"/>, opaque RGBA) from
    /// interleaved RGB at <paramref name="rgb"/>, rows <paramref name="pitch"/> bytes apart, taking each pixel from where
    /// <paramref name="map"/> says: the EXIF orientation is applied in the same pass.
    /// </summary>
    internal void ExpandRgbToRgba(CudaPixelBuffer rgb, long pitch, PixelBuffer destination, int width, int height, AffinePixelMap map, CudaStream stream)
    {
        CudaPixelBuffer output = Own(destination);
        OrderAfter(output.Stream, stream);
        Kernel("jpeg", "rgb_to_rgba").Launch(stream, Dim3.Cover(width, height, JpegBlock), JpegBlock, 0,
            [rgb.Pointer, pitch, output.Pointer, width, height, map.Ax, map.Bx, map.Cx, map.Ay, map.By, map.Cy]);
        OrderAfter(stream, output.Stream);
    }

    /// <summary>Writes interleaved RGB at <paramref name="rgb"/> (rows <paramref name="pitch"/> bytes apart) from the RGBA
    /// image <paramref name="source"/>, composited over white: JPEG has no alpha.</summary>
    internal void FlattenToRgb(PixelBuffer source, int width, int height, CudaPixelBuffer rgb, long pitch, CudaStream stream)
    {
        CudaPixelBuffer input = Own(source);
        OrderAfter(input.Stream, stream);
        Kernel("jpeg", "flatten_to_rgb").Launch(stream, Dim3.Cover(width, height, JpegBlock), JpegBlock, 0,
            [input.Pointer, width, height, rgb.Pointer, pitch]);

        // The source's release fence is recorded on its own stream: make that stream wait for this read.
        OrderAfter(stream, input.Stream);
    }
}
