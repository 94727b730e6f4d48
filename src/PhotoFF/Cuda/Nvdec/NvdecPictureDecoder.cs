using System.Runtime.InteropServices;

namespace PhotoFF.Cuda.Nvdec;

/// <summary>
/// Decodes a run of HEVC pictures (Annex B byte streams, parameter sets included, one picture each) with NVDEC, in the
/// order of the NVIDIA samples' NvDecoder: a parser (cuvidCreateVideoParser) calls back with the sequence's format, where
/// the decoder is created; with each picture's parameters, which go to cuvidDecodePicture; and with each picture ready
/// for display, which is mapped (cuvidMapVideoFrame64), handed to the caller's <c>onPicture</c> while mapped, and
/// unmapped once the work the caller queued on <c>stream</c> has finished. Every picture must decode without error: a
/// damaged one, or one that never comes out, is an <see cref="NvdecException"/>.
/// </summary>
internal sealed unsafe class NvdecPictureDecoder : IDisposable
{
    private readonly CudaContext context;
    private readonly CudaStream stream;
    private readonly Action<NvdecFrame> onPicture;
    private readonly bool[] displayed;
    private nint decoder;
    private CuvideoFormat format;
    private Exception? failure;

    private NvdecPictureDecoder(CudaContext context, CudaStream stream, int pictures, Action<NvdecFrame> onPicture)
    {
        this.context = context;
        this.stream = stream;
        this.onPicture = onPicture;
        displayed = new bool[pictures];
    }

    /// <summary>Decodes <paramref name="pictures"/> in order; <paramref name="onPicture"/> sees each one once, with its
    /// index in the list, while it is mapped, and must queue its reads on <paramref name="stream"/>.</summary>
    public static void Decode(CudaContext context, CudaStream stream, IReadOnlyList<byte[]> pictures, Action<NvdecFrame> onPicture)
    {
        using var session = new NvdecPictureDecoder(context, stream, pictures.Count, onPicture);
        session.Run(pictures);
    }

    private void Run(IReadOnlyList<byte[]> pictures)
    {
        context.MakeCurrent();
        var self = GCHandle.Alloc(this);
        nint parser = 0;
        try
        {
            CuvidParserParams parameters = default;
            parameters.CodecType = VideoCodec.Hevc;
            parameters.MaxNumDecodeSurfaces = 1; // raised by the sequence callback's answer
            parameters.ErrorThreshold = 0;       // a damaged picture is not decoded at all
            parameters.MaxDisplayDelay = 0;
            parameters.UserData = GCHandle.ToIntPtr(self);
            parameters.SequenceCallback = &OnSequence;
            parameters.DecodePicture = &OnDecode;
            parameters.DisplayPicture = &OnDisplay;
            CudaException.ThrowIfFailed(NvcuvidNative.cuvidCreateVideoParser(out parser, &parameters));

            for (var i = 0; i < pictures.Count; i++)
            {
                fixed (byte* payload = pictures[i])
                {
                    CuvidSourceDataPacket packet = default;
                    packet.Flags = new CULong(CuvidSourceDataPacket.HasTimestamp | CuvidSourceDataPacket.EndOfPicture);
                    packet.PayloadSize = new CULong((uint)pictures[i].Length);
                    packet.Payload = payload;
                    packet.Timestamp = i;
                    Parse(parser, &packet);
                }
            }

            CuvidSourceDataPacket end = default;
            end.Flags = new CULong(CuvidSourceDataPacket.EndOfStream);
            Parse(parser, &end);

            var missing = Array.IndexOf(displayed, false);
            if (missing >= 0)
            {
                throw new NvdecException($"picture {missing} of {pictures.Count} did not decode (its data is damaged or not HEVC)");
            }
        }
        finally
        {
            if (parser != 0)
            {
                NvcuvidNative.cuvidDestroyVideoParser(parser);
            }

            self.Free();
        }
    }

    private void Parse(nint parser, CuvidSourceDataPacket* packet)
    {
        var result = NvcuvidNative.cuvidParseVideoData(parser, packet);
        if (failure is not null)
        {
            throw failure is NvdecException or CudaException ? failure : new NvdecException(failure.Message, failure);
        }

        CudaException.ThrowIfFailed(result, "cuvidParseVideoData");
    }

    /// <summary>The sequence's format: check that NVDEC takes it, then create the decoder (once: every picture of a run
    /// must have the same format). Returns the number of decode surfaces, which the parser adopts.</summary>
    private int Sequence(CuvideoFormat* next)
    {
        if (decoder != 0)
        {
            if (next->CodedWidth != format.CodedWidth || next->CodedHeight != format.CodedHeight ||
                next->ChromaFormat != format.ChromaFormat || next->BitDepthLumaMinus8 != format.BitDepthLumaMinus8)
            {
                throw new NvdecException("the pictures of one image are coded in different formats");
            }

            return Surfaces(format);
        }

        format = *next;
        var bitDepth = format.BitDepthLumaMinus8 + 8;
        if (format.Codec != VideoCodec.Hevc || format.BitDepthChromaMinus8 != format.BitDepthLumaMinus8 ||
            !NvdecCapabilities.Supports(context, format.ChromaFormat, bitDepth, (int)format.CodedWidth, (int)format.CodedHeight))
        {
            throw new NvdecUnsupportedException(
                $"this GPU's video decoder does not take {format.ChromaFormat} HEVC of {bitDepth} bits at {format.CodedWidth}x{format.CodedHeight}");
        }

        var surfaces = Surfaces(format);
        CuvidDecodeCreateInfo info = default;
        info.Width = new CULong(format.CodedWidth);
        info.Height = new CULong(format.CodedHeight);
        info.MaxWidth = new CULong(format.CodedWidth);
        info.MaxHeight = new CULong(format.CodedHeight);
        info.NumDecodeSurfaces = new CULong((uint)surfaces);
        info.CodecType = VideoCodec.Hevc;
        info.ChromaFormat = format.ChromaFormat;
        info.CreationFlags = new CULong(0x04); // cudaVideoCreate_PreferCUVID: the dedicated video engines
        info.BitDepthMinus8 = new CULong(format.BitDepthLumaMinus8);
        info.OutputFormat = NvdecCapabilities.OutputFormat(bitDepth);
        info.DeinterlaceMode = 0; // weave: the pictures are progressive
        info.TargetWidth = new CULong(format.CodedWidth);
        info.TargetHeight = new CULong(format.CodedHeight);
        info.NumOutputSurfaces = new CULong(1);
        context.MakeCurrent();
        CudaException.ThrowIfFailed(NvcuvidNative.cuvidCreateDecoder(out decoder, &info));
        return surfaces;
    }

    /// <summary>The parser's minimum, and at least two, so that one picture can be decoded while another is mapped.</summary>
    private static int Surfaces(CuvideoFormat format) => Math.Max(2, (int)format.MinNumDecodeSurfaces);

    private void Display(CuvidParserDisplayInfo* info)
    {
        var index = info->Timestamp;
        if (index < 0 || index >= displayed.Length || displayed[index])
        {
            throw new NvdecException($"the decoder returned picture {index}, which was not asked for or came twice");
        }

        CuvidGetDecodeStatus status = default;
        var statusResult = NvcuvidNative.cuvidGetDecodeStatus(decoder, info->PictureIndex, &status);
        if (statusResult == CudaResult.Success && status.Status is DecodeStatus.Error or DecodeStatus.ErrorConcealed)
        {
            throw new NvdecException($"picture {index} has damaged data (NVDEC decode status {status.Status})");
        }

        CuvidProcParams processing = default;
        processing.ProgressiveFrame = info->ProgressiveFrame;
        processing.SecondField = info->RepeatFirstField + 1;
        processing.TopFieldFirst = info->TopFieldFirst;
        processing.UnpairedField = info->RepeatFirstField < 0 ? 1 : 0;
        processing.OutputStream = stream.Handle.Handle;
        context.MakeCurrent();
        CudaException.ThrowIfFailed(NvcuvidNative.cuvidMapVideoFrame64(decoder, info->PictureIndex, out var frame, out var pitch, &processing));
        try
        {
            var bitDepth = format.BitDepthLumaMinus8 + 8;
            var described = format.ColourPrimaries != 0 || format.TransferCharacteristics != 0 || format.MatrixCoefficients != 0;

            // NVDEC aligns the luma height of the surface to 2; the chroma rows follow it (as NvDecoder copies them).
            var chromaOffset = (long)pitch * ((format.CodedHeight + 1) & ~1u);
            onPicture(new NvdecFrame((int)index, new CuDevicePtr(frame), (int)pitch, chromaOffset, bitDepth > 8, bitDepth,
                format.DisplayLeft, format.DisplayTop, format.DisplayRight - format.DisplayLeft, format.DisplayBottom - format.DisplayTop,
                format.ChromaFormat, described, format.ColourPrimaries, format.MatrixCoefficients, format.FullRange));
            stream.Synchronize();
        }
        finally
        {
            CudaException.ThrowIfFailed(NvcuvidNative.cuvidUnmapVideoFrame64(decoder, frame));
        }

        displayed[index] = true;
    }

    [UnmanagedCallersOnly]
    private static int OnSequence(nint user, CuvideoFormat* format) => Callback(user, session => session.Sequence(format));

    [UnmanagedCallersOnly]
    private static int OnDecode(nint user, nint pictureParameters) => Callback(user, session =>
    {
        CudaException.ThrowIfFailed(NvcuvidNative.cuvidDecodePicture(session.decoder, pictureParameters));
        return 1;
    });

    [UnmanagedCallersOnly]
    private static int OnDisplay(nint user, CuvidParserDisplayInfo* info) => Callback(user, session =>
    {
        if (info is not null)
        {
            session.Display(info);
        }

        return 1;
    });

    /// <summary>Runs a callback for the parser: an exception must not unwind through native code, so it is kept for
    /// <see cref="Parse"/> to throw, and the parser is told the callback failed (0).</summary>
    private static int Callback(nint user, Func<NvdecPictureDecoder, int> body)
    {
        var session = (NvdecPictureDecoder)GCHandle.FromIntPtr(user).Target!;
        if (session.failure is not null)
        {
            return 0;
        }

        try
        {
            return body(session);
        }
        catch (Exception e)
        {
            session.failure = e;
            return 0;
        }
    }

    public void Dispose()
    {
        if (decoder != 0)
        {
            context.MakeCurrent();
            NvcuvidNative.cuvidDestroyDecoder(decoder);
            decoder = 0;
        }
    }
}

/// <summary>NVDEC could not decode a picture: damaged data, or the decoder failed.</summary>
internal class NvdecException : Exception
{
    public NvdecException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}

/// <summary>The stream is valid but this GPU's decoder does not take it: another decoder should.</summary>
internal sealed class NvdecUnsupportedException : NvdecException
{
    public NvdecUnsupportedException(string message)
        : base(message)
    {
    }
}
