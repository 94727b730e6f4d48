using PhotoFF.Cuda;

namespace PhotoFF.Backends.Cuda;

internal sealed partial class CudaBackend
{
    public void ColorAdjustment(PixelBuffer image, int width, int height, ReadOnlySpan<byte> table, float saturation)
    {
        if (table.Length != 256)
        {
            throw new ArgumentException($"The table has 256 entries, not {table.Length}.", nameof(table));
        }

        CudaPixelBuffer pixels = Own(image);
        using PixelBuffer tableBuffer = Allocate(table.Length, pixels);
        Upload(table, tableBuffer);
        Kernel("color", "color_adjustment").Launch(pixels.Stream, ColorGrid(width, height), new Dim3(ColorBlock), 0,
            [Aligned16(pixels), (long)width * height, Own(tableBuffer).Pointer, saturation]);
    }
}
