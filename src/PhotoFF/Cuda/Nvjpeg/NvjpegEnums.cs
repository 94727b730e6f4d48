namespace PhotoFF.Cuda.Nvjpeg;

// The enums of nvjpeg.h that the module passes, with nvjpeg.h's values (C enums: 32-bit ints).

/// <summary><c>nvjpegBackend_t</c>.</summary>
internal enum NvjpegBackend
{
    Default = 0,
    Hybrid = 1,
    GpuHybrid = 2,
    Hardware = 3,
}

/// <summary><c>nvjpegOutputFormat_t</c>: only the interleaved RGB the module decodes to.</summary>
internal enum NvjpegOutputFormat
{
    InterleavedRgb = 5,
}

/// <summary><c>nvjpegInputFormat_t</c>: only the interleaved RGB the module encodes from.</summary>
internal enum NvjpegInputFormat
{
    InterleavedRgb = 5,
}

/// <summary><c>nvjpegChromaSubsampling_t</c>.</summary>
internal enum NvjpegChromaSubsampling
{
    Css444 = 0,
    Css422 = 1,
    Css420 = 2,
    Css440 = 3,
    Css411 = 4,
    Css410 = 5,
    Gray = 6,
    Css410V = 7,
    Unknown = -1,
}

/// <summary><c>libraryPropertyType</c> of library_types.h, for <c>nvjpegGetProperty</c>.</summary>
internal enum LibraryProperty
{
    MajorVersion = 0,
    MinorVersion = 1,
    PatchLevel = 2,
}

/// <summary>The <c>NVJPEG_FLAGS_*</c> bits of <c>nvjpegCreateEx</c>.</summary>
[Flags]
internal enum NvjpegFlags : uint
{
    Default = 0,

    /// <summary>NVJPEG_FLAGS_BITSTREAM_STRICT: refuse streams that do not follow the JPEG specification instead of
    /// decoding what can be decoded.</summary>
    BitstreamStrict = 4,

    /// <summary>NVJPEG_FLAGS_UPSAMPLING_WITH_INTERPOLATION (nvJPEG 12.1 and later): interpolated chroma upsampling,
    /// as libjpeg's "fancy upsampling" that libvips uses.</summary>
    UpsamplingWithInterpolation = 32,
}
