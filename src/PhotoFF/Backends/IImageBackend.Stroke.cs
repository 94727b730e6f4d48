namespace PhotoFF.Backends;

internal partial interface IImageBackend
{
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
}
