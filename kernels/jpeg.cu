// The pixel steps around nvJPEG, which decodes to and encodes from interleaved 8-bit RGB (3 bytes a pixel, rows
// `pitch` bytes apart) while PhotoFF's images are packed RGBA words (R in the lowest byte).
#include "common.cuh"

typedef unsigned char uchar;

// Decoded RGB to opaque RGBA, with the EXIF orientation applied in the same pass: destination pixel (x, y) of the
// width x height output comes from source pixel (ax*x + bx*y + cx, ay*x + by*y + cy), the map that
// ExifOrientation.Map computes for the orientation (a mirror, a quarter turn or a transpose). Each thread writes one
// pixel, so the writes are coalesced whatever the orientation.
extern "C" __global__ void rgb_to_rgba(const uchar* rgb, long long pitch, uint* rgba, int width, int height,
                                       int ax, int bx, int cx, int ay, int by, int cy)
{
    int x = global_x(), y = global_y();
    if (x >= width || y >= height) return;
    int sx = ax * x + bx * y + cx;
    int sy = ay * x + by * y + cy;
    const uchar* p = rgb + (long long)sy * pitch + 3LL * sx;
    rgba[(long long)y * width + x] = (uint)p[0] | ((uint)p[1] << 8) | ((uint)p[2] << 16) | 0xFF000000u;
}

// Straight RGBA over white to RGB, for the encoder (JPEG has no alpha), as libvips' flatten with a white background:
// c' = (c * a + 255 * (255 - a)) / 255, rounded to nearest.
extern "C" __global__ void flatten_to_rgb(const uint* rgba, int width, int height, uchar* rgb, long long pitch)
{
    int x = global_x(), y = global_y();
    if (x >= width || y >= height) return;
    uint pixel = rgba[(long long)y * width + x];
    uint a = pixel >> 24;
    uint white = 255u * (255u - a) + 127u;
    uchar* q = rgb + (long long)y * pitch + 3LL * x;
    q[0] = (uchar)(((pixel & 0xFFu) * a + white) / 255u);
    q[1] = (uchar)((((pixel >> 8) & 0xFFu) * a + white) / 255u);
    q[2] = (uchar)((((pixel >> 16) & 0xFFu) * a + white) / 255u);
}
