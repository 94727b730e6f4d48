using PhotoFF.Memory;

namespace PhotoFF.Backends;

/// <summary>
/// The backend contract: the pixel work on buffers, and the specification of what each operation computes.
/// <c>CpuBackend</c> is the plain C# reference that implements it as written here; <c>CudaBackend</c> queues PTX kernels
/// on the buffer's stream without waiting and must give the same result within 1 per channel (the integer results,
/// distances and histograms, exactly). Images are RGBA8, straight alpha, R in the lowest byte of a packed
/// <see cref="uint"/>, rows packed (stride = 4 x width). Operations that cannot work in place take a separate
/// destination that the caller rented from <see cref="Allocate"/>. Parameters are primitives: the imaging layer
/// validates them and turns an operation's options into them.
/// </summary>
internal interface IImageBackend : IDisposable
{
    // ---------------------------------------------------------------------------------------------------------------
    // Buffers and transfers. Work on a buffer is queued behind the work already queued on it; an operation on buffers
    // of different queues orders itself after the work on each. Only the host transfers and measurements wait.

    BackendKind Kind { get; }

    /// <summary>The device name, or the processor for the CPU backend.</summary>
    string DeviceName { get; }

    /// <summary>The CUDA device ordinal; -1 for the CPU backend.</summary>
    int DeviceOrdinal { get; }

    /// <summary>Rents a buffer of at least <paramref name="bytes"/>; with <paramref name="sameQueueAs"/>, work on the
    /// new buffer is ordered after work already queued on that one (the same stream).</summary>
    PixelBuffer Allocate(long bytes, PixelBuffer? sameQueueAs = null);

    /// <summary>Copies host pixels in. The source may be reused as soon as this returns.</summary>
    void Upload(ReadOnlySpan<byte> source, PixelBuffer destination);

    /// <summary>Copies pixels out, after all work queued on the buffer has finished.</summary>
    void Download(PixelBuffer source, Span<byte> destination);

    /// <summary>Copies the first <paramref name="bytes"/> of <paramref name="source"/> into <paramref name="destination"/>.</summary>
    void Copy(PixelBuffer source, PixelBuffer destination, long bytes);

    /// <summary>Sets <paramref name="pixelCount"/> pixels to one RGBA value (R in the lowest byte).</summary>
    void Fill(PixelBuffer destination, long pixelCount, uint rgba);

    /// <summary>Waits for the work queued on the buffer.</summary>
    void Synchronize(PixelBuffer buffer);

    /// <summary>The pools behind this backend (device pixels, staging).</summary>
    IReadOnlyList<BufferPool> Pools { get; }

    // ---------------------------------------------------------------------------------------------------------------
    // In place, pixel by pixel.

    /// <summary>
    /// Multiplies each pixel's alpha by <paramref name="opacity"/> (0..1) in place: alpha = round(alpha x opacity) in
    /// float32, half away from zero; R, G and B are kept.
    /// </summary>
    void Opacity(PixelBuffer image, int width, int height, float opacity);

    /// <summary>
    /// Replaces R, G and B of each pixel with its luma, in place: round(0.299 R + 0.587 G + 0.114 B), summed in float32
    /// in that order with fused multiply-adds for the second and third terms; alpha is kept.
    /// </summary>
    void Grayscale(PixelBuffer image, int width, int height);

    /// <summary>
    /// Maps R, G and B of each pixel through <paramref name="table"/> (256 bytes), then, unless
    /// <paramref name="saturation"/> is 1, mixes each channel c with the pixel's luma L (of the mapped values, as in
    /// <see cref="Grayscale"/>): round(fma(saturation, c - L, L)) in float32, clamped to 0..255. Alpha is kept; in place.
    /// </summary>
    void ColorAdjustment(PixelBuffer image, int width, int height, ReadOnlySpan<byte> table, float saturation);

    /// <summary>
    /// PhotoFF's chroma key, in place: each pixel of <paramref name="image"/> is keyed out where channel
    /// <paramref name="channel"/> (0 R, 1 G, 2 B, 3 A) of the pixel at the same position in <paramref name="key"/> (same
    /// size, same backend, possibly another queue) is greater than <paramref name="threshold"/>, or, with
    /// <paramref name="invert"/>, less than or equal to it. A keyed-out pixel gets alpha 0 and keeps R, G, B, or becomes
    /// 0 in all four channels with <paramref name="zeroAllChannels"/>. <paramref name="key"/> is only read; it may be
    /// <paramref name="image"/> itself.
    /// </summary>
    void ChromaKey(PixelBuffer image, PixelBuffer key, int width, int height, int channel, int threshold, bool invert, bool zeroAllChannels);

    /// <summary>
    /// Keys out a colour, in place. With d the Euclidean distance of a pixel's R, G, B from <paramref name="keyRgba"/>'s
    /// (its alpha is ignored), computed in float32 (squares summed R, G, B with fused multiply-adds, then an IEEE square
    /// root), alpha is multiplied by t = clamp((d - <paramref name="tolerance"/>) / <paramref name="softness"/>, 0, 1), or
    /// by 1 where d &gt; tolerance and 0 elsewhere when softness is 0, and rounded half away from zero; a pixel whose alpha
    /// becomes 0 is transparent black (pixels with t = 1 are not touched). Distances are in 8-bit units (0 to 255 x sqrt 3).
    /// With <paramref name="spillChannel"/> 0, 1 or 2 (-1: none), that channel of every pixel not made transparent is
    /// limited to (the sum of the other two + 1) / 2, in integers.
    /// </summary>
    void ColorKey(PixelBuffer image, int width, int height, uint keyRgba, float tolerance, float softness, int spillChannel);

    /// <summary>
    /// Mirrors the image in place: <paramref name="horizontal"/> reverses each row (left and right trade places),
    /// <paramref name="vertical"/> reverses the order of the rows; both together turn it by 180 degrees. Pixels move
    /// unchanged (a pure permutation, no arithmetic).
    /// </summary>
    void Flip(PixelBuffer image, int width, int height, bool horizontal, bool vertical);

    /// <summary>
    /// Rounds the four corners in place: each pixel's alpha is multiplied by the fraction of it inside a rounded
    /// rectangle of the image's size with corner radius <paramref name="radius"/> (anti-aliased edge).
    /// </summary>
    void CornerRadius(PixelBuffer image, int width, int height, float radius);

    /// <summary>
    /// Sharpens in place against <paramref name="blurred"/>, the image blurred (the combine step of an unsharp mask):
    /// for each colour channel (straight R, G, B) with difference = pixel - blurred (bytes, as integers), when
    /// |difference| &gt; <paramref name="threshold"/> the channel becomes round(pixel + <paramref name="amount"/> x
    /// difference) (one fused multiply-add, rounded half away from zero, clamped to 0..255); otherwise it stays. Alpha
    /// is kept, and fully transparent pixels are left as they are.
    /// </summary>
    void Sharpen(PixelBuffer image, PixelBuffer blurred, int width, int height, float amount, int threshold);

    // ---------------------------------------------------------------------------------------------------------------
    // Into a destination (or another image), resampling or moving pixels.

    /// <summary>
    /// Separable Gaussian blur of <paramref name="source"/> into <paramref name="destination"/> (same size), on
    /// premultiplied values, edges clamped. <paramref name="weights"/> holds the normalized 1-D kernel, odd length,
    /// centre in the middle.
    /// </summary>
    void GaussianBlur(PixelBuffer source, PixelBuffer destination, int width, int height, ReadOnlySpan<float> weights);

    /// <summary>
    /// Resamples <paramref name="source"/> with the tap tables <paramref name="columns"/> and <paramref name="rows"/>,
    /// on premultiplied values: first each needed source row into a float intermediate (taps summed in order with fused
    /// multiply-adds), then each column of that, back to straight RGBA8. The resampled image, columns.Length x
    /// rows.Length, lands at (<paramref name="x"/>, <paramref name="y"/>) in <paramref name="destination"/>
    /// (<paramref name="destinationWidth"/> x <paramref name="destinationHeight"/>); every other destination pixel is
    /// set to <paramref name="background"/> (packed RGBA, R in the lowest byte).
    /// </summary>
    void Resize(PixelBuffer source, int sourceWidth, int sourceHeight, PixelBuffer destination, int destinationWidth, int destinationHeight,
        int x, int y, ResampleTable columns, ResampleTable rows, uint background);

    /// <summary>
    /// Turns <paramref name="source"/> (<paramref name="width"/> x <paramref name="height"/>) clockwise by
    /// <paramref name="quarterTurns"/> x 90 degrees (1, 2 or 3) into <paramref name="destination"/>, which is
    /// <paramref name="height"/> x <paramref name="width"/> for 1 and 3 turns. A pure permutation: destination pixel
    /// (x, y) is source pixel (y, height - 1 - x) for one turn, (width - 1 - x, height - 1 - y) for two and
    /// (width - 1 - y, x) for three.
    /// </summary>
    void RotateQuarterTurns(PixelBuffer source, PixelBuffer destination, int width, int height, int quarterTurns);

    /// <summary>
    /// Resamples <paramref name="source"/> through an affine map into <paramref name="destination"/>
    /// (<paramref name="width"/> x <paramref name="height"/>), bilinearly on premultiplied values. Destination pixel
    /// (x, y) samples the source at sx = fma(m0, x, fma(m1, y, m2)), sy = fma(m3, x, fma(m4, y, m5)) (float32, source
    /// pixel i's centre at i): the four pixels around it are weighted by the fractions of sx and sy, lerps written
    /// fma(t, b - a, a), top row then bottom row, then between the rows. A tap outside the source counts as
    /// <paramref name="background"/>; a pixel whose taps all lie outside is exactly <paramref name="background"/>.
    /// </summary>
    void WarpAffine(PixelBuffer source, int sourceWidth, int sourceHeight, PixelBuffer destination, int width, int height,
        ReadOnlySpan<float> inverse, uint background);

    /// <summary>
    /// Copies the <paramref name="width"/> x <paramref name="height"/> rectangle at (<paramref name="x"/>,
    /// <paramref name="y"/>) of <paramref name="source"/> (<paramref name="sourceWidth"/> x <paramref name="sourceHeight"/>)
    /// into <paramref name="destination"/>, pixel for pixel; where the rectangle lies outside the source the destination
    /// is transparent (0). <paramref name="x"/> and <paramref name="y"/> may be negative.
    /// </summary>
    void Crop(PixelBuffer source, int sourceWidth, int sourceHeight, PixelBuffer destination, int x, int y, int width, int height);

    /// <summary>
    /// Copies the <paramref name="width"/> x <paramref name="height"/> rectangle at (<paramref name="sourceX"/>,
    /// <paramref name="sourceY"/>) of the source into the destination with its top-left corner at (<paramref name="x"/>,
    /// <paramref name="y"/>). Whatever falls outside the source or the destination is skipped (coordinates may be
    /// negative). Pixels are copied as they are, not blended; the rest of the destination is kept. Source and
    /// destination are different buffers.
    /// </summary>
    void CopyRegion(PixelBuffer source, int sourceWidth, int sourceHeight, int sourceX, int sourceY, int width, int height,
        PixelBuffer destination, int destinationWidth, int destinationHeight, int x, int y);

    /// <summary>
    /// Overlays <paramref name="overlay"/> on <paramref name="target"/> in place, source-over, its top-left corner
    /// at (<paramref name="x"/>, <paramref name="y"/>) of the target; only the part of the overlay inside the target
    /// is drawn. Straight alpha in and out, float32 on a 0..1 alpha scale, in this order:
    /// sa = (overlay alpha / 255) * <paramref name="opacity"/>; where sa is 0 the target pixel is left as it is;
    /// da = target alpha / 255; dw = da * (1 - sa); out_a = sa + dw; each colour channel
    /// fma(sc, sa, dc * dw) / out_a; alpha out_a * 255; rounded half away from zero; an alpha that rounds to 0 gives
    /// transparent black. <paramref name="overlay"/> is only read.
    /// </summary>
    void Overlay(PixelBuffer target, int width, int height, PixelBuffer overlay, int overlayWidth, int overlayHeight,
        int x, int y, float opacity);

    /// <summary>
    /// Replaces every pixel with a gradient between two straight RGBA colours (R in the lowest byte). The position
    /// along the gradient is t = <paramref name="columnTerms"/>[x] + <paramref name="rowTerms"/>[y] (float32), its
    /// square root when <paramref name="radial"/>, then clamped to [0, 1]; <paramref name="seamless"/> folds it to
    /// 2t below 0.5 and 2(1 - t) from there (there and back). Each channel is fma(t, to - from, from), rounded half
    /// away from zero. The terms are computed by the caller, so both backends add the same floats.
    /// </summary>
    void FillGradient(PixelBuffer image, int width, int height, uint from, uint to,
        ReadOnlySpan<float> columnTerms, ReadOnlySpan<float> rowTerms, bool radial, bool seamless);

    // ---------------------------------------------------------------------------------------------------------------
    // Shapes: the distance field, and the stroke and shadow painted from it.

    /// <summary>The value <see cref="DistanceField"/> writes where no target pixel exists at all (and where the true
    /// squared distance would not fit an <see cref="int"/>): "infinitely far".</summary>
    const int NoTarget = int.MaxValue;

    /// <summary>The alpha from which a pixel belongs to the shape: the shape is the pixels with alpha 128 or more.</summary>
    const uint ShapeAlpha = 128;

    /// <summary>
    /// The exact Euclidean distance transform of the image's shape: writes, for each pixel, the squared distance (an
    /// <see cref="int"/>, centre to centre, in pixels squared) to the nearest target pixel into
    /// <paramref name="squaredDistances"/> (width x height ints, rows packed).
    /// <para>Outer (<paramref name="toBackground"/> false): the targets are the shape's pixels (alpha of
    /// <see cref="ShapeAlpha"/> or more); pixels of the shape get 0; an image without shape gets
    /// <see cref="NoTarget"/> everywhere. Inner (<paramref name="toBackground"/> true): the targets are the background
    /// pixels (alpha below <see cref="ShapeAlpha"/>) and everything outside the image, so background pixels get 0 and
    /// a fully opaque image measures to its own border.</para>
    /// <para>The target set is first moved by (<paramref name="offsetX"/>, <paramref name="offsetY"/>), targets moved
    /// outside the image included: a drop shadow's shape is the image's shape, offset.</para>
    /// <para>Computed as two exact separable passes (1-D distances along rows, then the lower envelope of parabolas
    /// along columns, Felzenszwalb and Huttenlocher) in integer arithmetic, so every backend writes the same
    /// integers; the cost is linear in the pixel count whatever the distances are.</para>
    /// </summary>
    void DistanceField(PixelBuffer image, PixelBuffer squaredDistances, int width, int height, bool toBackground, int offsetX, int offsetY);

    /// <summary>
    /// Paints a stroke in place from a distance field made by <see cref="DistanceField"/> (no offset; outer for an
    /// outer stroke, inner for an inner one). A pixel at squared distance D2 > 0 (and not <see cref="NoTarget"/>) is
    /// covered by coverage = clamp((<paramref name="strokeWidth"/> + 1) - sqrt(D2), 0, 1): the shape's edge lies half
    /// a pixel beyond the nearest shape pixel's centre, so the band is <paramref name="strokeWidth"/> pixels wide and
    /// anti-aliased. The stroke's alpha is A x coverage of <paramref name="rgba"/> (R in the lowest byte).
    /// Outer: the pixel is composited over the stroke (source-over, premultiplied). Inner: the stroke is composited
    /// over the pixel inside the pixel's own alpha (source-atop: straight colour blended, alpha kept).
    /// Pixels with no coverage are left exactly as they are.
    /// </summary>
    void Stroke(PixelBuffer image, PixelBuffer squaredDistances, int width, int height, float strokeWidth, uint rgba, bool inner);

    /// <summary>
    /// <see cref="DistanceField"/> of the image's own shape (no offset; inner for an inner stroke) followed by
    /// <see cref="Stroke"/>, in one call so that a backend may paint the stroke as it finds the distances instead of
    /// writing them out and reading them back. The result is the two calls' exactly.
    /// </summary>
    void StrokeShape(PixelBuffer image, int width, int height, float strokeWidth, uint rgba, bool inner)
    {
        using PixelBuffer distances = Allocate((long)width * height * sizeof(int), image);
        DistanceField(image, distances, width, height, inner, 0, 0);
        Stroke(image, distances, width, height, strokeWidth, rgba, inner);
    }

    /// <summary>
    /// Paints a shadow in place from a distance field made by <see cref="DistanceField"/> with the shadow's offset.
    /// At squared distance D2 the shadow's alpha is <paramref name="alpha"/> x f, with f = 1 at D2 = 0 (inside the
    /// offset shape) and otherwise f = 1 - smoothstep(t), t = clamp((sqrt(D2) - 0.5) / <paramref name="radius"/>, 0, 1)
    /// (the distance from the offset shape's edge, over the radius); <see cref="NoTarget"/> gives no shadow.
    /// Outer: the pixel is composited over the shadow (source-over, premultiplied), so opaque pixels stay as they
    /// are. Inner: only shape pixels (alpha of <see cref="ShapeAlpha"/> or more) change; the shadow is composited over
    /// them inside their own alpha (source-atop). Pixels where the shadow's alpha is 0 are left exactly as they are.
    /// </summary>
    void Shadow(PixelBuffer image, PixelBuffer squaredDistances, int width, int height, float radius, float alpha, uint rgba, bool inner);

    /// <summary>
    /// <see cref="DistanceField"/> of the image's shape moved by (<paramref name="offsetX"/>, <paramref name="offsetY"/>)
    /// followed by <see cref="Shadow"/>, in one call so that a backend may paint the shadow as it finds the distances
    /// instead of writing them out and reading them back. The result is the two calls' exactly.
    /// </summary>
    void ShadowShape(PixelBuffer image, int width, int height, int offsetX, int offsetY, float radius, float alpha, uint rgba, bool inner)
    {
        using PixelBuffer distances = Allocate((long)width * height * sizeof(int), image);
        DistanceField(image, distances, width, height, inner, offsetX, offsetY);
        Shadow(image, distances, width, height, radius, alpha, rgba, inner);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Measurements, read back to the host.

    /// <summary>The number of bins of one channel's histogram: one per 8-bit value.</summary>
    const int HistogramBins = 256;

    /// <summary>
    /// Counts the values of each channel: <paramref name="histograms"/> (4 x 256 entries, overwritten) receives at
    /// [c * 256 + v] the number of pixels whose channel c (0 R, 1 G, 2 B, 3 A) equals v. Integer counts, so both
    /// backends agree exactly; minimum, maximum, sums and moments all follow from them. Waits for the result.
    /// </summary>
    void ChannelHistograms(PixelBuffer source, int width, int height, Span<uint> histograms);

    /// <summary>
    /// Compares two images of the same size. <paramref name="histograms"/> (5 x 256 entries, overwritten) receives at
    /// [c * 256 + d] the number of pixels whose channel c (0 R, 1 G, 2 B, 3 A) differs by exactly d = |a - b|, and at
    /// [4 * 256 + d] the number of pixels whose largest channel difference is d. With a <paramref name="difference"/>
    /// buffer, also writes |a - b| for R, G and B there with alpha 255, so that the difference is visible.
    /// Waits for the result.
    /// </summary>
    void DifferenceHistograms(PixelBuffer first, PixelBuffer second, int width, int height, PixelBuffer? difference, Span<uint> histograms);
}
