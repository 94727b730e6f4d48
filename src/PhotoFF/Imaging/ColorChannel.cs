namespace PhotoFF.Imaging;

/// <summary>A channel of an RGBA pixel; the value is its byte's position in the pixel.</summary>
public enum ColorChannel
{
    R = 0,
    G = 1,
    B = 2,
    A = 3,
}
