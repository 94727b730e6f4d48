using PhotoFF.Backends;

namespace PhotoFF.Imaging.Operations;

/// <summary>
/// A crop: either a rectangle, which may reach outside the image (that part of the output is transparent, as in
/// PhotoFF) unless <see cref="Strict"/> refuses it, or margins taken off each side, given as in CSS (1 value: all
/// sides; 2: vertical, horizontal; 4: top, right, bottom, left).
/// </summary>
public sealed record Crop
{
    /// <summary>The largest coordinate, size or margin accepted.</summary>
    public const int MaxExtent = 1 << 20;

    private Crop(int x, int y, int width, int height, bool strict, int[]? margins)
    {
        X = x;
        Y = y;
        Width = width;
        Height = height;
        Strict = strict;
        Margins = margins;
    }

    public int X { get; }

    public int Y { get; }

    /// <summary>The rectangle's width; 0 for a crop by margins.</summary>
    public int Width { get; }

    public int Height { get; }

    /// <summary>Refuse a rectangle that is not wholly inside the image.</summary>
    public bool Strict { get; }

    /// <summary>Top, right, bottom, left; null for a crop to a rectangle.</summary>
    public IReadOnlyList<int>? Margins { get; }

    /// <summary>The <paramref name="width"/> x <paramref name="height"/> rectangle at (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public static Crop Rectangle(int x, int y, int width, int height, bool strict = false)
    {
        if (x is < -MaxExtent or > MaxExtent || y is < -MaxExtent or > MaxExtent)
        {
            throw new ArgumentOutOfRangeException(nameof(x), $"X and Y are -{MaxExtent} to {MaxExtent}.");
        }

        if (width is < 1 or > MaxExtent || height is < 1 or > MaxExtent || (long)width * height > CudaImage.MaxPixels)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"A crop is 1 to {MaxExtent} pixels a side and at most 512 Mi pixels; {width}x{height} was asked for.");
        }

        return new Crop(x, y, width, height, strict, null);
    }

    /// <summary>Margins as in CSS: 1 value (all sides), 2 (vertical, horizontal) or 4 (top, right, bottom, left).</summary>
    public static Crop FromMargins(IReadOnlyList<int> margins)
    {
        if (MarginProblem(margins) is string problem)
        {
            throw new ArgumentException(problem, nameof(margins));
        }

        int[] sides = margins.Count switch
        {
            1 => [margins[0], margins[0], margins[0], margins[0]],
            2 => [margins[0], margins[1], margins[0], margins[1]],
            _ => [margins[0], margins[1], margins[2], margins[3]],
        };
        return new Crop(0, 0, 0, 0, strict: true, sides);
    }

    /// <summary>Why <paramref name="margins"/> cannot be margins, or null when they can.</summary>
    public static string? MarginProblem(IReadOnlyList<int>? margins)
    {
        if (margins is null || margins.Count is not (1 or 2 or 4))
        {
            return $"Give 1 margin (all sides), 2 (vertical, horizontal) or 4 (top, right, bottom, left), as in CSS; not {margins?.Count ?? 0}.";
        }

        return margins.Any(m => m is < 0 or > MaxExtent) ? $"Margins are 0 to {MaxExtent} pixels." : null;
    }

    /// <summary>The rectangle cut from an image of <paramref name="imageWidth"/> x <paramref name="imageHeight"/>; an
    /// <see cref="ImageOperationException"/> when the crop cannot apply to that image.</summary>
    public (int X, int Y, int Width, int Height) RectangleIn(int imageWidth, int imageHeight)
    {
        if (Margins is [int top, int right, int bottom, int left])
        {
            long width = (long)imageWidth - left - right;
            long height = (long)imageHeight - top - bottom;
            if (width < 1 || height < 1)
            {
                throw new ImageOperationException("CropMarginsTooLarge",
                    $"Margins of {top}, {right}, {bottom}, {left} (top, right, bottom, left) leave nothing of a {imageWidth}x{imageHeight} image.");
            }

            return (left, top, (int)width, (int)height);
        }

        if (Strict && (X < 0 || Y < 0 || (long)X + Width > imageWidth || (long)Y + Height > imageHeight))
        {
            throw new ImageOperationException("CropOutsideImage",
                $"The {Width}x{Height} rectangle at ({X}, {Y}) is not inside the {imageWidth}x{imageHeight} image (-Strict).");
        }

        return (X, Y, Width, Height);
    }

    internal void Apply(CudaImage image)
    {
        (int x, int y, int width, int height) = RectangleIn(image.Width, image.Height);
        if (x == 0 && y == 0 && width == image.Width && height == image.Height)
        {
            return;
        }

        PixelBuffer output = image.AllocateLike(width, height);
        try
        {
            image.Backend.Crop(image.Pixels, image.Width, image.Height, output, x, y, width, height);
        }
        catch
        {
            output.Dispose();
            throw;
        }

        image.ReplacePixels(output, width, height);
    }
}
