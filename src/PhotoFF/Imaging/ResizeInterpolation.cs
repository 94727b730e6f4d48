namespace PhotoFF.Imaging;

/// <summary>The resampling filter of a resize. Every filter but <see cref="Nearest"/> widens by the reduction
/// factor when shrinking, so downscaling is anti-aliased.</summary>
public enum ResizeInterpolation
{
    /// <summary>The source pixel whose centre is nearest; no filtering (sharp, blocky, aliased when shrinking).</summary>
    Nearest,

    /// <summary>The triangle filter: linear interpolation, 2 taps when enlarging.</summary>
    Bilinear,

    /// <summary>Keys' cubic convolution with a = -0.5 (Catmull-Rom), 4 taps when enlarging; the default.</summary>
    Bicubic,

    /// <summary>The Lanczos windowed sinc with 3 lobes, 6 taps when enlarging: the sharpest, with slight ringing.</summary>
    Lanczos3,
}
