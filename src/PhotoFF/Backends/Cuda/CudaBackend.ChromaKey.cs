using PhotoFF.Cuda;

namespace PhotoFF.Backends.Cuda;

internal sealed partial class CudaBackend
{
    public void ChromaKey(PixelBuffer image, PixelBuffer key, int width, int height, int channel, int threshold, bool invert, bool zeroAllChannels)
    {
        CudaPixelBuffer pixels = Own(image);
        CudaPixelBuffer keys = Own(key);
        OrderAfter(keys, pixels);
        Kernel("color", "chroma_key").Launch(pixels.Stream, ColorGrid(width, height), new Dim3(ColorBlock), 0,
            [Aligned16(pixels), Aligned16(keys), (long)width * height, channel, threshold, invert ? 1 : 0, zeroAllChannels ? 1 : 0]);
        // Later work on the key image (a change, or reuse of its buffer) waits until this kernel has read it.
        OrderAfter(pixels, keys);
    }

    public void ColorKey(PixelBuffer image, int width, int height, uint keyRgba, float tolerance, float softness, int spillChannel)
    {
        CudaPixelBuffer pixels = Own(image);
        Kernel("color", "color_key").Launch(pixels.Stream, ColorGrid(width, height), new Dim3(ColorBlock), 0,
            [Aligned16(pixels), (long)width * height, (float)(keyRgba & 0xFF), (float)((keyRgba >> 8) & 0xFF), (float)((keyRgba >> 16) & 0xFF),
             tolerance, softness, spillChannel]);
    }
}
