namespace PhotoFF.Imaging;

/// <summary>One integer per channel, such as the largest difference of each channel.</summary>
public readonly record struct ChannelValues(int R, int G, int B, int A)
{
    public int Max => Math.Max(Math.Max(R, G), Math.Max(B, A));

    public override string ToString() => $"R {R}, G {G}, B {B}, A {A}";
}
