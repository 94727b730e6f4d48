namespace PhotoFF.Cuda.Nvdec;

/// <summary>
/// A decoded picture while it is mapped: the surface (luma rows of <see cref="Pitch"/> bytes, then the interleaved
/// chroma rows from <see cref="ChromaOffset"/>), where its visible area lies, and the stream's colour description
/// (ITU-T H.273 code points of the VUI; <see cref="HasColourDescription"/> false when the stream gives none).
/// </summary>
internal readonly record struct NvdecFrame(
    int Index,
    CuDevicePtr Pointer,
    int Pitch,
    long ChromaOffset,
    bool SixteenBit,
    int BitDepth,
    int Left,
    int Top,
    int Width,
    int Height,
    VideoChromaFormat ChromaFormat,
    bool HasColourDescription,
    int ColourPrimaries,
    int MatrixCoefficients,
    bool FullRange);
