namespace PhotoFF.Backends;

internal partial interface IImageBackend
{
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
}
