namespace PhotoFF.Imaging.Operations;

/// <summary>
/// A mirror image: horizontal (left and right trade places), vertical (top and bottom), or both (a turn of 180
/// degrees). Done in place, pixel pairs swapped, with no new buffer; pixels are moved, never recomputed.
/// </summary>
public sealed record Flip
{
    public Flip(bool horizontal, bool vertical)
    {
        if (!horizontal && !vertical)
        {
            throw new ArgumentException("A flip is horizontal, vertical or both; neither was asked for.", nameof(horizontal));
        }

        Horizontal = horizontal;
        Vertical = vertical;
    }

    public bool Horizontal { get; }

    public bool Vertical { get; }

    internal void Apply(CudaImage image) => image.Backend.Flip(image.Pixels, image.Width, image.Height, Horizontal, Vertical);
}
