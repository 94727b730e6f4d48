// HEIC tiles decoded by NVDEC (NV12 for 8 bits, P016 for 10 and 12: samples in the high bits of 16) to RGBA8, written
// at the tile's place in the image. The arithmetic is libheif's (Op_YCbCr_to_RGB: nearest chroma sample, float
// coefficients from the stream's matrix, its limited-range factors 1.1689 and 1.1429, round half up into the stream's
// bit depth), then deeper samples are reduced to 8 bits rounding to nearest, so that the GPU and libheif on the CPU give
// the same pixels. HeifColourConversion.cs on the host is the same computation, step by step.
#include "common.cuh"

// The ICC profile's conversion to sRGB as a table of every 8-bit RGB value (16M entries, index r | g << 8 | b << 16,
// RGBA8 entries): what libvips' icc_transform gives each colour, so the GPU matches the CPU path exactly.
DEVICE void apply_table(const uint* table, int* rgb)
{
    uint converted = load_nc(table + (rgb[0] | (rgb[1] << 8) | (rgb[2] << 16)));
    rgb[0] = converted & 0xff;
    rgb[1] = (converted >> 8) & 0xff;
    rgb[2] = (converted >> 16) & 0xff;
}

// libheif's clip_f_u16: add one half, truncate, clamp to the bit depth's range.
DEVICE int round_sample(float v, int max_value) { return clamp_int((int)(v + 0.5f), 0, max_value); }

// A sample of 0..max_value to 0..255, rounded to nearest (half up), in integers as LibHeifDecoder.Reduce does.
DEVICE int reduce_to_8(int v, int max_value) { return max_value == 255 ? v : (v * 510 + max_value) / (2 * max_value); }

DEVICE int sample_at(const unsigned char* plane, int pitch, int x, int y, int sixteen_bit, int shift)
{
    if (!sixteen_bit) return plane[(long)y * pitch + x];
    return ((const unsigned short*)(plane + (long)y * pitch))[x] >> shift;
}

// One thread per pixel of the tile's visible part. frame: the mapped NVDEC surface (luma rows of pitch bytes, then the
// interleaved chroma rows from chroma_offset). (src_x, src_y): the display area's corner in the surface. The tile's
// width x height pixels go to (dst_x, dst_y) of the width x height image rgba, clipped to it.
// matrix: 0 (GBR), 8 (YCgCo) or any other (Y'CbCr with the coefficients given).
extern "C" __global__ void yuv_tile_to_rgba(
    const unsigned char* frame, int pitch, long chroma_offset, int sixteen_bit, int bit_depth,
    int src_x, int src_y, int tile_width, int tile_height,
    uint* rgba, int image_width, int image_height, int dst_x, int dst_y,
    int matrix, int full_range, float r_cr, float g_cb, float g_cr, float b_cb,
    const uint* icc_table)
{
    int x = global_x(), y = global_y();
    int ox = dst_x + x, oy = dst_y + y;
    if (x >= tile_width || y >= tile_height || ox >= image_width || oy >= image_height) return;

    int shift = 16 - bit_depth;
    int max_value = (1 << bit_depth) - 1;
    int half = 1 << (bit_depth - 1);
    const unsigned char* chroma = frame + chroma_offset;
    int lx = src_x + x, ly = src_y + y;
    int cx = lx >> 1, cy = ly >> 1;
    int yv = sample_at(frame, pitch, lx, ly, sixteen_bit, shift);
    int cb = sample_at(chroma, pitch, 2 * cx, cy, sixteen_bit, shift);
    int cr = sample_at(chroma, pitch, 2 * cx + 1, cy, sixteen_bit, shift);

    int rgb[3];
    if (matrix == 0)
    {
        float limited = (float)(16 << (bit_depth - 8));
        rgb[0] = full_range ? cr : round_sample((cr - limited) * 1.1429f, max_value);
        rgb[1] = full_range ? yv : round_sample((yv - limited) * 1.1689f, max_value);
        rgb[2] = full_range ? cb : round_sample((cb - limited) * 1.1429f, max_value);
    }
    else if (matrix == 8)
    {
        int g = cb - half, o = cr - half;
        rgb[0] = clamp_int(yv - g + o, 0, max_value);
        rgb[1] = clamp_int(yv + g, 0, max_value);
        rgb[2] = clamp_int(yv - g - o, 0, max_value);
    }
    else
    {
        float fy = (float)yv, fcb = (float)(cb - half), fcr = (float)(cr - half);
        if (!full_range)
        {
            fy = (fy - (float)(16 << (bit_depth - 8))) * 1.1689f;
            fcb = fcb * 1.1429f;
            fcr = fcr * 1.1429f;
        }

        rgb[0] = round_sample(fy + r_cr * fcr, max_value);
        rgb[1] = round_sample(fy + g_cb * fcb + g_cr * fcr, max_value);
        rgb[2] = round_sample(fy + b_cb * fcb, max_value);
    }

    for (int c = 0; c < 3; c++) rgb[c] = reduce_to_8(rgb[c], max_value);
    if (icc_table) apply_table(icc_table, rgb);
    rgba[(long)oy * image_width + ox] = (uint)rgb[0] | ((uint)rgb[1] << 8) | ((uint)rgb[2] << 16) | (255u << 24);
}

// The alpha plane's tile: its luma samples become the alpha of the pixels yuv_tile_to_rgba wrote, unchanged (reduced to
// 8 bits when deeper), as libheif takes them.
extern "C" __global__ void alpha_tile_to_rgba(
    const unsigned char* frame, int pitch, int sixteen_bit, int bit_depth,
    int src_x, int src_y, int tile_width, int tile_height,
    uint* rgba, int image_width, int image_height, int dst_x, int dst_y)
{
    int x = global_x(), y = global_y();
    int ox = dst_x + x, oy = dst_y + y;
    if (x >= tile_width || y >= tile_height || ox >= image_width || oy >= image_height) return;

    int a = reduce_to_8(sample_at(frame, pitch, src_x + x, src_y + y, sixteen_bit, 16 - bit_depth), (1 << bit_depth) - 1);
    long at = (long)oy * image_width + ox;
    rgba[at] = (rgba[at] & 0x00ffffffu) | ((uint)a << 24);
}
