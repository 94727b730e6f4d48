namespace PhotoFF.Backends;

internal partial interface IImageBackend
{
    /// <summary>
    /// Rounds the four corners in place: each pixel's alpha is multiplied by the fraction of it inside a rounded
    /// rectangle of the image's size with corner radius <paramref name="radius"/> (anti-aliased edge).
    /// </summary>
    void CornerRadius(PixelBuffer image, int width, int height, float radius);
}
