using PhotoFF.Cuda;
using PhotoFF.Cuda.Nvdec;

namespace PhotoFF.Backends.Cuda;

internal sealed partial class CudaBackend
{
    private readonly Dictionary<string, PixelBuffer> deviceTables = new(StringComparer.Ordinal);

    /// <summary>
    /// Converts a mapped NVDEC picture (NV12 or P016) to RGBA8 at (<paramref name="x"/>, <paramref name="y"/>) of
    /// <paramref name="image"/>, <paramref name="tileWidth"/> x <paramref name="tileHeight"/> pixels clipped to the
    /// image (kernels/heif_color.cu). <paramref name="iccTable"/>: an optional ICC-to-sRGB table of every 8-bit RGB
    /// value (<see cref="DeviceTable"/>). Queued on the image's stream, which must be the one the frame was mapped on.
    /// </summary>
    internal void ConvertDecodedTile(NvdecFrame frame, PixelBuffer image, int imageWidth, int imageHeight, int x, int y,
        int tileWidth, int tileHeight, int matrix, bool fullRange, float rCr, float gCb, float gCr, float bCb,
        PixelBuffer? iccTable)
    {
        CudaPixelBuffer pixels = Own(image);
        CuDevicePtr table = iccTable is null ? default : Own(iccTable).Pointer;
        Dim3 block = new(32, 8);
        Kernel("heif_color", "yuv_tile_to_rgba").Launch(pixels.Stream, Dim3.Cover(tileWidth, tileHeight, block), block, 0,
        [
            frame.Pointer, frame.Pitch, frame.ChromaOffset, frame.SixteenBit ? 1 : 0, frame.BitDepth,
            frame.Left, frame.Top, tileWidth, tileHeight,
            pixels.Pointer, imageWidth, imageHeight, x, y,
            matrix, fullRange ? 1 : 0, rCr, gCb, gCr, bCb,
            table,
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

    /// <summary>
    /// A read-only table kept on the device for the backend's lifetime under <paramref name="key"/> (an ICC profile's
    /// conversion, 64 MB): built and uploaded on first use, freed with the backend.
    /// </summary>
    internal PixelBuffer DeviceTable(string key, Func<uint[]> build)
    {
        lock (deviceTables)
        {
            if (!deviceTables.TryGetValue(key, out PixelBuffer? table))
            {
                uint[] values = build();
                table = Allocate((long)values.Length * sizeof(uint));
                Upload(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()), table);
                Synchronize(table);
                deviceTables.Add(key, table);
            }

            return table;
        }
    }

    /// <summary>The stream that orders the work on <paramref name="buffer"/>: NVDEC maps its pictures on it.</summary>
    internal CudaStream StreamOf(PixelBuffer buffer) => Own(buffer).Stream;
}
