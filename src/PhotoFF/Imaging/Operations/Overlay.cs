using PhotoFF.Backends;

namespace PhotoFF.Imaging.Operations;

/// <summary>
/// Composites <see cref="Image"/> over a target, source-over (PhotoFF's blend and blend_aligned), its alpha multiplied
/// by <see cref="Opacity"/> first. It is placed with its top-left corner at (<see cref="X"/>, <see cref="Y"/>), or,
/// with an <see cref="Alignment"/>, at that anchor of the target moved by (<see cref="X"/>, <see cref="Y"/>); positive
/// offsets move it right and down. Centred positions round toward the top-left ((W - w) / 2, floored). The part
/// outside the target is clipped; an overlay wholly outside leaves the target unchanged. The overlay must be on the
/// target's backend and another image object (see <see cref="SameImageGuard"/>); it is only read, never changed or
/// disposed.
/// </summary>
public sealed record Overlay
{
    public Overlay(CudaImage image, int x = 0, int y = 0, double opacity = 1.0, Anchor? alignment = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (!(opacity >= 0 && opacity <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(opacity), opacity, "The opacity is 0 to 1.");
        }

        if (alignment is Anchor anchor && !Enum.IsDefined(anchor))
        {
            throw new ArgumentOutOfRangeException(nameof(alignment), alignment, "The alignment is one of the 9 anchors, TopLeft to BottomRight.");
        }

        Image = image;
        X = x;
        Y = y;
        Opacity = opacity;
        Alignment = alignment;
    }

    /// <summary>The image laid on top.</summary>
    public CudaImage Image { get; }

    /// <summary>The overlay's left edge in the target; with an <see cref="Alignment"/>, the offset from the anchor.</summary>
    public int X { get; }

    /// <summary>The overlay's top edge in the target; with an <see cref="Alignment"/>, the offset from the anchor.</summary>
    public int Y { get; }

    public double Opacity { get; }

    /// <summary>The anchor the offsets count from; null when <see cref="X"/> and <see cref="Y"/> are absolute.</summary>
    public Anchor? Alignment { get; }

    /// <summary>Where the overlay's top-left corner lands on a target of <paramref name="width"/> x <paramref name="height"/>.</summary>
    public (long X, long Y) Position(int width, int height)
    {
        if (Alignment is not Anchor anchor)
        {
            return (X, Y);
        }

        long spareX = (long)width - Image.Width;
        long spareY = (long)height - Image.Height;
        long left = anchor switch
        {
            Anchor.TopLeft or Anchor.Left or Anchor.BottomLeft => 0,
            Anchor.Top or Anchor.Center or Anchor.Bottom => FloorHalf(spareX),
            _ => spareX,
        };
        long top = anchor switch
        {
            Anchor.TopLeft or Anchor.Top or Anchor.TopRight => 0,
            Anchor.Left or Anchor.Center or Anchor.Right => FloorHalf(spareY),
            _ => spareY,
        };
        return (left + X, top + Y);
    }

    internal void Apply(CudaImage image)
    {
        SameImageGuard.Check(image, Image, "The overlay is the same image object as the image it is laid on.");
        if (!ReferenceEquals(Image.Backend, image.Backend))
        {
            throw new ArgumentException(
                $"The overlay is on {Describe(Image.Backend)} but the image is on {Describe(image.Backend)}; " +
                "load or create both on one backend (New-CudaImage -Device, Import-CudaImage -Device).", "image");
        }

        PixelBuffer overlayPixels = Image.Pixels;
        (long x, long y) = Position(image.Width, image.Height);
        bool outside = x >= image.Width || y >= image.Height || x + Image.Width <= 0 || y + Image.Height <= 0;
        if (Opacity == 0 || outside)
        {
            return;
        }

        image.Backend.Overlay(image.Pixels, image.Width, image.Height, overlayPixels, Image.Width, Image.Height,
            (int)x, (int)y, (float)Opacity);
    }

    private static long FloorHalf(long value) => value >= 0 ? value / 2 : -((-value + 1) / 2);

    private static string Describe(IImageBackend backend) =>
        backend.Kind == BackendKind.Cpu ? "the CPU backend" : $"CUDA device {backend.DeviceOrdinal} ({backend.DeviceName})";
}
