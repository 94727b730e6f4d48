using PhotoFF.Cuda;
using PhotoFF.Cuda.Nvdec;

namespace PhotoFF.Backends.Cuda;

public sealed partial class CudaBackend
{
    /// <summary>
    /// Converts a mapped NVDEC picture (NV12 or P016) to RGBA8 at (<paramref name="x"/>, <paramref name="y"/>) of
    /// <paramref name="image"/>, <paramref name="tileWidth"/> x <paramref name="tileHeight"/> pixels clipped to the
    /// image (kernels/heif_color.cu). <paramref name="lut"/>: an optional ICC-to-sRGB lattice of
    /// <paramref name="lutSize"/>^3 float4 nodes. Queued on the image's stream, which must be the one the frame was
    /// mapped on.
    /// </summary>
    internal void ConvertDecodedTile(NvdecFrame frame, PixelBuffer image, int imageWidth, int imageHeight, int x, int y,
        int tileWidth, int tileHeight, int matrix, bool fullRange, float rCr, float gCb, float gCr, float bCb,
        PixelBuffer? lut, int lutSize)
    {
        CudaPixelBuffer pixels = Own(image);
        CuDevicePtr table = lut is null ? default : Own(lut).Pointer;
        Dim3 block = new(32, 8);
        Kernel("heif_color", "yuv_tile_to_rgba").Launch(pixels.Stream, Dim3.Cover(tileWidth, tileHeight, block), block, 0,
        [
            frame.Pointer, frame.Pitch, frame.ChromaOffset, frame.SixteenBit ? 1 : 0, frame.BitDepth,
            frame.Left, frame.Top, tileWidth, tileHeight,
            pixels.Pointer, imageWidth, imageHeight, x, y,
            matrix, fullRange ? 1 : 0, rCr, gCb, gCr, bCb,
            table, lutSize,
        ]);
    }

    /// <summary>Sets the alpha of <paramref name="image"/>'s pixels under a tile from the luma of a mapped NVDEC picture
    /// of the alpha plane; queued on the image's stream.</summary>
    internal void ConvertDecodedAlphaTile(NvdecFrame frame, PixelBuffer image, int imageWidth, int imageHeight, int x, int y,
        int tileWidth, int tileHeight)
    {
        CudaPixelBuffer pixels = Own(image);
        Dim3 block = new(32, 8);
        Kernel("heif_color", "alpha_tile_to_rgba").Launch(pixels.Stream, Dim3.Cover(tileWidth, tileHeight, block), block, 0,
        [
            frame.Pointer, frame.Pitch, frame.SixteenBit ? 1 : 0, frame.BitDepth,
            frame.Left, frame.Top, tileWidth, tileHeight,
            pixels.Pointer, imageWidth, imageHeight, x, y,
        ]);
    }

    /// <summary>The stream that orders the work on <paramref name="buffer"/>: NVDEC maps its pictures on it.</summary>
    internal CudaStream StreamOf(PixelBuffer buffer) => Own(buffer).Stream;
}
