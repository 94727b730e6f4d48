namespace PhotoFF.Backends;

internal partial interface IImageBackend
{
    /// <summary>
    /// The combine step of an unsharp mask, in place: for each colour channel (straight R, G, B) with
    /// difference = pixel - <paramref name="blurred"/> (bytes, as integers), when |difference| &gt;
    /// <paramref name="threshold"/> the channel becomes round(pixel + <paramref name="amount"/> x difference) (one fused
    /// multiply-add, rounded half away from zero, clamped to 0..255); otherwise it stays. Alpha is kept, and fully
    /// transparent pixels are left as they are.
    /// </summary>
    void UnsharpMask(PixelBuffer image, PixelBuffer blurred, int width, int height, float amount, int threshold);
}
