using System.Runtime.InteropServices;

namespace PhotoFF.Cuda.Nvdec;

// The types of the NVIDIA Video Codec SDK's cuviddec.h and nvcuvid.h that HEVC decoding uses, field for field
// (checked against SDK 12/13 and FFmpeg's nv-codec-headers 13.0). The headers' "unsigned long" fields are CULong:
// 8 bytes on Linux, 4 on Windows, as in C. Sizes on x64 Linux are given for each struct.

/// <summary>cudaVideoCodec.</summary>
internal enum VideoCodec
{
    Hevc = 8,
}

/// <summary>cudaVideoChromaFormat.</summary>
internal enum VideoChromaFormat
{
    Monochrome = 0,
    Yuv420 = 1,
    Yuv422 = 2,
    Yuv444 = 3,
}

/// <summary>cudaVideoSurfaceFormat.</summary>
internal enum VideoSurfaceFormat
{
    Nv12 = 0,
    P016 = 1,
}

/// <summary>cuvidDecodeStatus.</summary>
internal enum DecodeStatus
{
    Invalid = 0,
    InProgress = 1,
    Success = 2,
    Error = 8,
    ErrorConcealed = 9,
}

/// <summary>CUVIDDECODECAPS (88 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct CuvidDecodeCaps
{
    public VideoCodec CodecType;
    public VideoChromaFormat ChromaFormat;
    public uint BitDepthMinus8;
    public fixed uint Reserved1[3];
    public byte IsSupported;
    public byte NvdecCount;
    public ushort OutputFormatMask;
    public uint MaxWidth;
    public uint MaxHeight;
    public uint MaxMacroblockCount;
    public ushort MinWidth;
    public ushort MinHeight;
    public byte IsHistogramSupported;
    public byte CounterBitDepth;
    public ushort MaxHistogramBins;
    public fixed uint Reserved3[10];
}

/// <summary>The short rectangles of CUVIDDECODECREATEINFO (display_area, target_rect).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ShortRect
{
    public short Left;
    public short Top;
    public short Right;
    public short Bottom;
}

/// <summary>CUVIDDECODECREATEINFO (176 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct CuvidDecodeCreateInfo
{
    public CULong Width;
    public CULong Height;
    public CULong NumDecodeSurfaces;
    public VideoCodec CodecType;
    public VideoChromaFormat ChromaFormat;
    public CULong CreationFlags;
    public CULong BitDepthMinus8;
    public CULong IntraDecodeOnly;
    public CULong MaxWidth;
    public CULong MaxHeight;
    public CULong Reserved1;
    public ShortRect DisplayArea;
    public VideoSurfaceFormat OutputFormat;
    public int DeinterlaceMode;
    public CULong TargetWidth;
    public CULong TargetHeight;
    public CULong NumOutputSurfaces;
    public nint VideoLock;
    public ShortRect TargetRect;
    public CULong EnableHistogram;
    public CULong Reserved2A;
    public CULong Reserved2B;
    public CULong Reserved2C;
    public CULong Reserved2D;
}

/// <summary>CUVIDPROCPARAMS (264 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct CuvidProcParams
{
    public int ProgressiveFrame;
    public int SecondField;
    public int TopFieldFirst;
    public int UnpairedField;
    public uint ReservedFlags;
    public uint ReservedZero;
    public ulong RawInputPointer;
    public uint RawInputPitch;
    public uint RawInputFormat;
    public ulong RawOutputPointer;
    public uint RawOutputPitch;
    public uint Reserved1;
    public nint OutputStream;
    public fixed uint Reserved[46];
    public nint HistogramPointer;
    public nint Reserved2;
}

/// <summary>CUVIDGETDECODESTATUS (192 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct CuvidGetDecodeStatus
{
    public DecodeStatus Status;
    public fixed uint Reserved[31];
    public fixed ulong PointerReserved[8];
}

/// <summary>CUVIDEOFORMAT (64 bytes): what the parser found in the sequence's parameter sets.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct CuvideoFormat
{
    public VideoCodec Codec;
    public uint FrameRateNumerator;
    public uint FrameRateDenominator;
    public byte ProgressiveSequence;
    public byte BitDepthLumaMinus8;
    public byte BitDepthChromaMinus8;
    public byte MinNumDecodeSurfaces;
    public uint CodedWidth;
    public uint CodedHeight;
    public int DisplayLeft;
    public int DisplayTop;
    public int DisplayRight;
    public int DisplayBottom;
    public VideoChromaFormat ChromaFormat;
    public uint Bitrate;
    public int AspectRatioX;
    public int AspectRatioY;

    /// <summary>The bit fields video_format (bits 0-2), video_full_range_flag (bit 3), reserved (bits 4-7).</summary>
    public byte VideoSignalBits;
    public byte ColourPrimaries;
    public byte TransferCharacteristics;
    public byte MatrixCoefficients;
    public uint SequenceHeaderDataLength;

    public readonly bool FullRange => (VideoSignalBits & 0x08) != 0;
}

/// <summary>CUVIDPARSERPARAMS (136 bytes); the callbacks are unmanaged function pointers.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct CuvidParserParams
{
    public VideoCodec CodecType;
    public uint MaxNumDecodeSurfaces;
    public uint ClockRate;
    public uint ErrorThreshold;
    public uint MaxDisplayDelay;
    public uint Flags;
    public fixed uint Reserved1[4];
    public nint UserData;
    public delegate* unmanaged<nint, CuvideoFormat*, int> SequenceCallback;
    public delegate* unmanaged<nint, nint, int> DecodePicture;
    public delegate* unmanaged<nint, CuvidParserDisplayInfo*, int> DisplayPicture;
    public nint GetOperatingPoint;
    public nint GetSeiMessage;
    public fixed ulong Reserved2[5];
    public nint ExtendedVideoInfo;
}

/// <summary>CUVIDSOURCEDATAPACKET (32 bytes on Linux, 24 on Windows).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct CuvidSourceDataPacket
{
    public const uint EndOfStream = 0x01;
    public const uint HasTimestamp = 0x02;
    public const uint EndOfPicture = 0x08;

    public CULong Flags;
    public CULong PayloadSize;
    public byte* Payload;
    public long Timestamp;
}

/// <summary>CUVIDPARSERDISPINFO (24 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct CuvidParserDisplayInfo
{
    public int PictureIndex;
    public int ProgressiveFrame;
    public int TopFieldFirst;
    public int RepeatFirstField;
    public long Timestamp;
}
