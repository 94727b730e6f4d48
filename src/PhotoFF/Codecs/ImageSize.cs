namespace PhotoFF.Codecs;

/// <summary>Pixel dimensions, as an image will be after auto-orientation.</summary>
public readonly record struct ImageSize(int Width, int Height)
{
    public long Pixels => (long)Width * Height;

    public override string ToString() => $"{Width}x{Height}";
}
