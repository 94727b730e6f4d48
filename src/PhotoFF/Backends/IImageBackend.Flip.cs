namespace PhotoFF.Backends;

internal partial interface IImageBackend
{
    /// <summary>
    /// Mirrors the image in place: <paramref name="horizontal"/> reverses each row (left and right trade places),
    /// <paramref name="vertical"/> reverses the order of the rows; both together turn it by 180 degrees. Pixels move
    /// unchanged (a pure permutation, no arithmetic).
    /// </summary>
    void Flip(PixelBuffer image, int width, int height, bool horizontal, bool vertical);
}
