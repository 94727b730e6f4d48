namespace PhotoFF.Backends;

internal partial interface IImageBackend
{
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
}
