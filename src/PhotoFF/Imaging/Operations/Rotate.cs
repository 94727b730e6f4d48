namespace PhotoFF.Imaging.Operations;

/// <summary>
/// A rotation about the image's centre, clockwise for positive angles (as ImageMagick's -rotate, CSS and
/// System.Drawing turn; PIL's Image.rotate turns the other way). Angles are taken modulo 360. Multiples of 90 degrees
/// are exact pixel permutations (90 and 270 swap width and height; four quarter turns give the image back). Any other
/// angle expands the canvas to hold the whole rotated image, samples bilinearly on premultiplied values, and fills the
/// area the image does not cover with <see cref="Background"/> (transparent by default).
/// </summary>
public sealed record Rotate
{
    /// <summary>The largest angle magnitude accepted, in degrees.</summary>
    public const double MaxAngle = 1_000_000;

    /// <summary>How far the exact extent may exceed a whole number and still round down to it: absorbs the last bits
    /// of sin and cos in double (cos 60 degrees is 0.5000000000000001).</summary>
    public const double ExtentTolerance = 1e-6;

    public Rotate(double angle, Rgba background = default)
    {
        if (!double.IsFinite(angle) || Math.Abs(angle) > MaxAngle)
        {
            throw new ArgumentOutOfRangeException(nameof(angle), angle, $"The angle is -{MaxAngle} to {MaxAngle} degrees.");
        }

        Angle = angle;
        Background = background;
    }

    /// <summary>The angle as given, in degrees, clockwise.</summary>
    public double Angle { get; }

    /// <summary>The colour of the area the rotated image does not cover (not used by multiples of 90 degrees).</summary>
    public Rgba Background { get; }

    /// <summary>The angle in [0, 360).</summary>
    public double NormalizedAngle
    {
        get
        {
            double turned = Angle % 360.0;
            return turned < 0 ? turned + 360.0 : turned;
        }
    }

    /// <summary>1, 2 or 3 for exact multiples of 90 degrees (0 is none), otherwise null.</summary>
    public int? QuarterTurns => NormalizedAngle switch
    {
        0.0 => 0,
        90.0 => 1,
        180.0 => 2,
        270.0 => 3,
        _ => null,
    };

    /// <summary>
    /// The size of the result: swapped by an odd number of quarter turns; for any other angle a the canvas that holds
    /// the whole rotated image, ceil(w |cos a| + h |sin a| - 1e-6) x ceil(w |sin a| + h |cos a| - 1e-6), in double.
    /// </summary>
    public (int Width, int Height) OutputSize(int width, int height)
    {
        if (QuarterTurns is int turns)
        {
            return turns % 2 == 1 ? (height, width) : (width, height);
        }

        (double sin, double cos) = SinCos();
        double w = Math.Abs(width * cos) + Math.Abs(height * sin);
        double h = Math.Abs(width * sin) + Math.Abs(height * cos);
        return (Math.Max(1, (int)Math.Ceiling(w - ExtentTolerance)), Math.Max(1, (int)Math.Ceiling(h - ExtentTolerance)));
    }

    /// <summary>
    /// The map from a result pixel (x, y) to the source position it samples, in the layout of
    /// <see cref="Backends.IImageBackend.WarpAffine"/>: sx = m0 x + m1 y + m2, sy = m3 x + m4 y + m5, pixel centres at
    /// whole numbers. Computed in double, about the centres of both canvases, and rounded to float once.
    /// </summary>
    public float[] InverseMap(int width, int height)
    {
        (int outWidth, int outHeight) = OutputSize(width, height);
        (double sin, double cos) = SinCos();
        // A result pixel's centre relative to the result's centre is (x + 0.5 - W'/2, y + 0.5 - H'/2); turning it back
        // (counterclockwise on screen, with y down) gives its place relative to the source's centre.
        double dx0 = 0.5 - outWidth / 2.0;
        double dy0 = 0.5 - outHeight / 2.0;
        return
        [
            (float)cos, (float)sin, (float)(cos * dx0 + sin * dy0 + width / 2.0 - 0.5),
            (float)-sin, (float)cos, (float)(-sin * dx0 + cos * dy0 + height / 2.0 - 0.5),
        ];
    }

    internal void Apply(CudaImage image)
    {
        int width = image.Width, height = image.Height;
        if (QuarterTurns == 0)
        {
            return;
        }

        (int outWidth, int outHeight) = OutputSize(width, height);
        var output = image.AllocateLike(outWidth, outHeight);
        try
        {
            if (QuarterTurns is int turns)
            {
                image.Backend.RotateQuarterTurns(image.Pixels, output, width, height, turns);
            }
            else
            {
                image.Backend.WarpAffine(image.Pixels, width, height, output, outWidth, outHeight, InverseMap(width, height), Background.Packed);
            }
        }
        catch
        {
            output.Dispose();
            throw;
        }

        image.ReplacePixels(output, outWidth, outHeight);
    }

    private (double Sin, double Cos) SinCos() => Math.SinCos(NormalizedAngle * Math.PI / 180.0);
}
