using PhotoFF.Cuda;

namespace PhotoFF.Backends.Cuda;

internal sealed partial class CudaBackend
{
    /// <summary>The square tile of rotate_quarter_turns (TILE in kernels/rotate.cu): one block transposes one tile.</summary>
    private const int RotateTile = 32;

    public void RotateQuarterTurns(PixelBuffer source, PixelBuffer destination, int width, int height, int quarterTurns)
    {
        if (quarterTurns is < 1 or > 3)
        {
            throw new ArgumentOutOfRangeException(nameof(quarterTurns), quarterTurns, "A rotation by quarter turns takes 1, 2 or 3 of them.");
        }

        CudaPixelBuffer input = Own(source);
        CudaPixelBuffer output = Own(destination);
        OrderAfter(input, output);
        int outWidth = quarterTurns == 2 ? width : height;
        int outHeight = quarterTurns == 2 ? height : width;
        Kernel("rotate", "rotate_quarter_turns").Launch(output.Stream, Dim3.Cover(outWidth, outHeight, new Dim3(RotateTile, RotateTile)), new Dim3(32, 8), 0,
            [input.Pointer, output.Pointer, width, height, quarterTurns]);
    }

    public void WarpAffine(PixelBuffer source, int sourceWidth, int sourceHeight, PixelBuffer destination, int width, int height,
        ReadOnlySpan<float> inverse, uint background)
    {
        if (inverse.Length != 6)
        {
            throw new ArgumentException("An affine map has 6 coefficients.", nameof(inverse));
        }

        CudaPixelBuffer input = Own(source);
        CudaPixelBuffer output = Own(destination);
        OrderAfter(input, output);
        Dim3 block = new(32, 8);
        Kernel("rotate", "warp_affine").Launch(output.Stream, Dim3.Cover(width, height, block), block, 0,
            [input.Pointer, sourceWidth, sourceHeight, output.Pointer, width, height,
             inverse[0], inverse[1], inverse[2], inverse[3], inverse[4], inverse[5], background]);
    }
}
