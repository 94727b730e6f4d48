using System.Runtime.InteropServices;
using PhotoFF.Cuda.Nvdec;

namespace PhotoFF.Tests.Codecs.Heif;

/// <summary>
/// The NVDEC structs as the driver reads them: sizes and field offsets of cuviddec.h and nvcuvid.h (Video Codec SDK 12
/// and 13) on 64-bit Linux and Windows, where C's unsigned long differs. A layout slip would make the driver read
/// garbage, so it is checked here, without a GPU.
/// </summary>
public sealed class NvdecLayoutTests
{
    private static readonly bool Windows = OperatingSystem.IsWindows();

    [Fact]
    public void Decoder_structs_have_the_headers_layout()
    {
        Assert.Equal(88, Marshal.SizeOf<CuvidDecodeCaps>());
        Assert.Equal(24, Offset<CuvidDecodeCaps>(nameof(CuvidDecodeCaps.IsSupported)));
        Assert.Equal(26, Offset<CuvidDecodeCaps>(nameof(CuvidDecodeCaps.OutputFormatMask)));
        Assert.Equal(36, Offset<CuvidDecodeCaps>(nameof(CuvidDecodeCaps.MaxMacroblockCount)));

        Assert.Equal(Windows ? 120 : 176, Marshal.SizeOf<CuvidDecodeCreateInfo>());
        Assert.Equal(Windows ? 12 : 24, Offset<CuvidDecodeCreateInfo>(nameof(CuvidDecodeCreateInfo.CodecType)));
        Assert.Equal(Windows ? 44 : 80, Offset<CuvidDecodeCreateInfo>(nameof(CuvidDecodeCreateInfo.DisplayArea)));
        Assert.Equal(Windows ? 52 : 88, Offset<CuvidDecodeCreateInfo>(nameof(CuvidDecodeCreateInfo.OutputFormat)));
        Assert.Equal(Windows ? 72 : 120, Offset<CuvidDecodeCreateInfo>(nameof(CuvidDecodeCreateInfo.VideoLock)));
        Assert.Equal(Windows ? 88 : 136, Offset<CuvidDecodeCreateInfo>(nameof(CuvidDecodeCreateInfo.EnableHistogram)));

        Assert.Equal(264, Marshal.SizeOf<CuvidProcParams>());
        Assert.Equal(24, Offset<CuvidProcParams>(nameof(CuvidProcParams.RawInputPointer)));
        Assert.Equal(56, Offset<CuvidProcParams>(nameof(CuvidProcParams.OutputStream)));
        Assert.Equal(248, Offset<CuvidProcParams>(nameof(CuvidProcParams.HistogramPointer)));

        Assert.Equal(192, Marshal.SizeOf<CuvidGetDecodeStatus>());
    }

    [Fact]
    public void Parser_structs_have_the_headers_layout()
    {
        Assert.Equal(64, Marshal.SizeOf<CuvideoFormat>());
        Assert.Equal(13, Offset<CuvideoFormat>(nameof(CuvideoFormat.BitDepthLumaMinus8)));
        Assert.Equal(15, Offset<CuvideoFormat>(nameof(CuvideoFormat.MinNumDecodeSurfaces)));
        Assert.Equal(16, Offset<CuvideoFormat>(nameof(CuvideoFormat.CodedWidth)));
        Assert.Equal(24, Offset<CuvideoFormat>(nameof(CuvideoFormat.DisplayLeft)));
        Assert.Equal(40, Offset<CuvideoFormat>(nameof(CuvideoFormat.ChromaFormat)));
        Assert.Equal(56, Offset<CuvideoFormat>(nameof(CuvideoFormat.VideoSignalBits)));
        Assert.Equal(59, Offset<CuvideoFormat>(nameof(CuvideoFormat.MatrixCoefficients)));

        Assert.Equal(136, Marshal.SizeOf<CuvidParserParams>());
        Assert.Equal(20, Offset<CuvidParserParams>(nameof(CuvidParserParams.Flags)));
        Assert.Equal(40, Offset<CuvidParserParams>(nameof(CuvidParserParams.UserData)));
        Assert.Equal(48, Offset<CuvidParserParams>(nameof(CuvidParserParams.SequenceCallback)));
        Assert.Equal(64, Offset<CuvidParserParams>(nameof(CuvidParserParams.DisplayPicture)));
        Assert.Equal(128, Offset<CuvidParserParams>(nameof(CuvidParserParams.ExtendedVideoInfo)));

        Assert.Equal(Windows ? 24 : 32, Marshal.SizeOf<CuvidSourceDataPacket>());
        Assert.Equal(Windows ? 16 : 24, Offset<CuvidSourceDataPacket>(nameof(CuvidSourceDataPacket.Timestamp)));
        Assert.Equal(24, Marshal.SizeOf<CuvidParserDisplayInfo>());
        Assert.Equal(16, Offset<CuvidParserDisplayInfo>(nameof(CuvidParserDisplayInfo.Timestamp)));
    }

    [Fact]
    public void The_full_range_flag_is_bit_3_of_the_video_signal_byte()
    {
        // video_format : 3 (bits 0-2, first declared, lowest on x86 compilers), video_full_range_flag : 1 (bit 3).
        Assert.True(new CuvideoFormat { VideoSignalBits = 0b0000_1101 }.FullRange);
        Assert.False(new CuvideoFormat { VideoSignalBits = 0b0000_0101 }.FullRange);
    }

    private static int Offset<T>(string field) => (int)Marshal.OffsetOf<T>(field);
}
