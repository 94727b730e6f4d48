using PhotoFF.Backends;

namespace PhotoFF.Imaging.Operations;

/// <summary>
/// A resize to a width and/or height, or by a scale factor, with a filter (<see cref="ResizeInterpolation"/>) that
/// is anti-aliased when shrinking, on premultiplied values, separable (rows then columns). With one dimension the
/// other follows the aspect ratio; with both, <see cref="ResizeFit"/> says how the image meets the box. The filter
/// taps are computed here (<see cref="ResampleWeights"/>) and handed to the backend.
/// </summary>
public sealed record Resize
{
    public const ResizeInterpolation DefaultInterpolation = ResizeInterpolation.Bicubic;

    public const ResizeFit DefaultFit = ResizeFit.Fill;

    /// <summary>The largest width or height asked for.</summary>
    public const int MaxDimension = 1 << 20;

    public const double MinScale = 0.0001;

    public const double MaxScale = 1000;

    private Resize(int? width, int? height, double? scale, ResizeFit fit, ResizeInterpolation interpolation, Rgba background, bool shrinkOnly)
    {
        if (!Enum.IsDefined(fit))
        {
            throw new ArgumentOutOfRangeException(nameof(fit), fit, "Unknown fit.");
        }

        if (!Enum.IsDefined(interpolation))
        {
            throw new ArgumentOutOfRangeException(nameof(interpolation), interpolation, "Unknown interpolation.");
        }

        Width = width;
        Height = height;
        Scale = scale;
        Fit = fit;
        Interpolation = interpolation;
        Background = background;
        ShrinkOnly = shrinkOnly;
    }

    /// <summary>The requested width; null when it follows from the height.</summary>
    public int? Width { get; }

    /// <summary>The requested height; null when it follows from the width.</summary>
    public int? Height { get; }

    /// <summary>The scale factor, when the resize is by scale rather than size.</summary>
    public double? Scale { get; }

    public ResizeFit Fit { get; }

    public ResizeInterpolation Interpolation { get; }

    /// <summary>The padding of <see cref="ResizeFit.Contain"/>.</summary>
    public Rgba Background { get; }

    /// <summary>Never enlarge: an image that would grow along either axis is left as it is.</summary>
    public bool ShrinkOnly { get; }

    /// <summary>A resize to <paramref name="width"/> and/or <paramref name="height"/> (at least one).</summary>
    public static Resize ToSize(int? width, int? height, ResizeFit fit = DefaultFit, ResizeInterpolation interpolation = DefaultInterpolation,
        Rgba? background = null, bool shrinkOnly = false)
    {
        if (width is null && height is null)
        {
            throw new ArgumentException("Give a width, a height, or both.", nameof(width));
        }

        CheckDimension(width, nameof(width));
        CheckDimension(height, nameof(height));
        return new Resize(width, height, null, fit, interpolation, background ?? Rgba.Transparent, shrinkOnly);
    }

    /// <summary>A resize by <paramref name="scale"/> along both axes.</summary>
    public static Resize ByScale(double scale, ResizeInterpolation interpolation = DefaultInterpolation, bool shrinkOnly = false)
    {
        if (!double.IsFinite(scale) || scale < MinScale || scale > MaxScale)
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, $"The scale is {MinScale} to {MaxScale}.");
        }

        return new Resize(null, null, scale, DefaultFit, interpolation, Rgba.Transparent, shrinkOnly);
    }

    /// <summary>Where the resize puts an image of <paramref name="sourceWidth"/> x <paramref name="sourceHeight"/>.</summary>
    public ResizeLayout Layout(int sourceWidth, int sourceHeight)
    {
        double w = sourceWidth;
        double h = sourceHeight;
        if (Scale is double scale)
        {
            return Stretched(Size(w * scale), Size(h * scale));
        }

        if (Height is null)
        {
            return Stretched(Width!.Value, Size(h * Width!.Value / w));
        }

        if (Width is null)
        {
            return Stretched(Size(w * Height.Value / h), Height.Value);
        }

        int width = Width.Value;
        int height = Height.Value;
        switch (Fit)
        {
            case ResizeFit.Fill:
                return Stretched(width, height);
            case ResizeFit.Cover:
            {
                double cover = Math.Max(width / w, height / h);
                return new ResizeLayout(width, height, 0, 0, width, height, cover, cover, (w - width / cover) / 2, (h - height / cover) / 2);
            }

            default:
            {
                double fit = Math.Min(width / w, height / h);
                int contentWidth = Math.Min(width, Size(w * fit));
                int contentHeight = Math.Min(height, Size(h * fit));
                ResizeLayout inside = Stretched(contentWidth, contentHeight);
                return Fit == ResizeFit.Inside
                    ? inside
                    : inside with { Width = width, Height = height, ContentX = (width - contentWidth) / 2, ContentY = (height - contentHeight) / 2 };
            }
        }

        // The content spans the whole source along each axis: the scale is the ratio of the sizes.
        ResizeLayout Stretched(int width, int height) => new(width, height, 0, 0, width, height, width / w, height / h);
    }

    internal void Apply(CudaImage image)
    {
        ResizeLayout layout = Layout(image.Width, image.Height);
        if (layout.IsIdentity(image.Width, image.Height) || (ShrinkOnly && layout.Enlarges))
        {
            return;
        }

        CheckOutput(layout, image.Height);
        ResampleTable columns = ResizeTables.Get(Interpolation, image.Width, layout.ContentWidth, layout.ScaleX, layout.OriginX);
        ResampleTable rows = ResizeTables.Get(Interpolation, image.Height, layout.ContentHeight, layout.ScaleY, layout.OriginY);
        PixelBuffer output = image.AllocateLike(layout.Width, layout.Height);
        try
        {
            image.Backend.Resize(image.Pixels, image.Width, image.Height, output, layout.Width, layout.Height,
                layout.ContentX, layout.ContentY, columns, rows, Background.Packed);
        }
        catch
        {
            output.Dispose();
            throw;
        }

        image.ReplacePixels(output, layout.Width, layout.Height);
    }

    /// <summary>The output and the intermediate (content width x source rows) must each be an image's size at most.</summary>
    private static void CheckOutput(ResizeLayout layout, int sourceHeight)
    {
        if (layout.Width > MaxDimension || layout.Height > MaxDimension || (long)layout.Width * layout.Height > CudaImage.MaxPixels)
        {
            throw new ImageOperationException("ResizeTooLarge", $"A {layout.Width}x{layout.Height} result is larger than an image can be (512 Mi pixels, {MaxDimension} pixels a side).");
        }

        if ((long)layout.ContentWidth * sourceHeight > CudaImage.MaxPixels)
        {
            throw new ImageOperationException("ResizeTooLarge",
                $"Widening to {layout.ContentWidth} pixels while shrinking {sourceHeight} rows needs a {layout.ContentWidth}x{sourceHeight} intermediate, " +
                "larger than an image can be; resize in two steps (the height first).");
        }
    }

    private static int Size(double exact) => (int)Math.Clamp(Math.Round(exact, MidpointRounding.AwayFromZero), 1, MaxDimension + 1.0);

    private static void CheckDimension(int? value, string name)
    {
        if (value is < 1 or > MaxDimension)
        {
            throw new ArgumentOutOfRangeException(name, value, $"The {name} is 1 to {MaxDimension}.");
        }
    }
}
