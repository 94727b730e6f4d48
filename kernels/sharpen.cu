// Sharpening against the blurred image (the combine step of an unsharp mask), in place, as CpuBackend.Sharpen does. One thread per pixel.
#include "pixel.cuh"

DEVICE uint sharpen_channel(uint pixel, uint blurred, float amount, int threshold, int shift)
{
    int value = (int)((pixel >> shift) & 0xFFu);
    int difference = value - (int)((blurred >> shift) & 0xFFu);
    int magnitude = difference < 0 ? -difference : difference;
    uint result = magnitude > threshold ? to_byte(fma_f(amount, (float)difference, (float)value)) : (uint)value;
    return result << shift;
}

extern "C" __global__ void sharpen(uint* pixels, const uint* blurred, long long count, float amount, int threshold)
{
    long long i = (long long)block_x() * block_dim_x() + thread_x();
    if (i >= count) return;
    uint p = pixels[i];
    if ((p >> 24) == 0u) return;
    uint b = load_nc(blurred + i);
    pixels[i] = sharpen_channel(p, b, amount, threshold, 0) | sharpen_channel(p, b, amount, threshold, 8) |
                sharpen_channel(p, b, amount, threshold, 16) | (p & 0xFF000000u);
}
