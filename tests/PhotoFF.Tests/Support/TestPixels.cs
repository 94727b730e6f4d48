namespace PhotoFF.Tests.Support;

/// <summary>Single pixels of packed RGBA8 arrays (rows packed), and the simple canvas the shape tests draw on.</summary>
internal static class TestPixels
{
    /// <summary>Pixel <paramref name="index"/> (row-major) as a packed RGBA value, R in the lowest byte.</summary>
    public static uint At(byte[] pixels, int index) => BitConverter.ToUInt32(pixels, index * 4);

    /// <summary>Pixel (<paramref name="x"/>, <paramref name="y"/>) of an image <paramref name="width"/> wide, packed.</summary>
    public static uint At(byte[] pixels, int width, int x, int y) => At(pixels, y * width + x);

    /// <summary>The four channels (R, G, B, A) of pixel (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public static byte[] Channels(byte[] pixels, int width, int x, int y) => pixels.AsSpan((y * width + x) * 4, 4).ToArray();

    /// <summary>A transparent <paramref name="size"/> x <paramref name="size"/> canvas (all zero) with an opaque white
    /// square [from, to) x [from, to).</summary>
    public static byte[] OpaqueSquare(int size, int from, int to)
    {
        byte[] pixels = new byte[size * size * 4];
        for (int y = from; y < to; y++)
        {
            for (int x = from; x < to; x++)
            {
                pixels.AsSpan((y * size + x) * 4, 4).Fill(255);
            }
        }

        return pixels;
    }
}
