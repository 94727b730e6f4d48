namespace PhotoFF.Backends;

internal partial interface IImageBackend
{
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
}
