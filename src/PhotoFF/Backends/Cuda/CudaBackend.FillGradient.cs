using PhotoFF.Cuda;

namespace PhotoFF.Backends.Cuda;

internal sealed partial class CudaBackend
{
    public void FillGradient(PixelBuffer image, int width, int height, uint from, uint to,
        ReadOnlySpan<float> columnTerms, ReadOnlySpan<float> rowTerms, bool radial, bool seamless)
    {
        if (columnTerms.Length != width || rowTerms.Length != height)
        {
            throw new ArgumentException($"A {width}x{height} gradient takes {width} column terms and {height} row terms.");
        }

        CudaPixelBuffer pixels = Own(image);
        float[] terms = [.. columnTerms, .. rowTerms];
        using PixelBuffer termBuffer = UploadFloats(terms, pixels);
        Dim3 block = new(32, 8);
        Kernel("fill_gradient", "fill_gradient").Launch(pixels.Stream, Dim3.Cover(width, height, block), block, 0,
            [pixels.Pointer, width, height, from, to, Own(termBuffer).Pointer, radial ? 1 : 0, seamless ? 1 : 0]);
    }
}
