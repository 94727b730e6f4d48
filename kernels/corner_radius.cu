// Anti-aliased rounded corners, in place. Only the four corner squares are visited: every other pixel is fully
// inside the rounded rectangle and stays as it is. Coverage is computed as RoundedRectangle.Coverage does.
#include "pixel.cuh"

DEVICE float coverage(int x, int y, int width, int height, float radius)
{
    float px = (float)x + 0.5f;
    float py = (float)y + 0.5f;
    float dx = max_f(max_f(radius - px, px - ((float)width - radius)), 0.0f);
    float dy = max_f(max_f(radius - py, py - ((float)height - radius)), 0.0f);
    if (dx == 0.0f || dy == 0.0f) return 1.0f;
    float distance = sqrt_f(fma_f(dx, dx, dy * dy));
    return clamp_f(radius - distance + 0.5f, 0.0f, 1.0f);
}

// Grid z picks the corner (0 top-left, 1 top-right, 2 bottom-left, 3 bottom-right). The left squares span columns
// [0, left) and the right ones [right, width); likewise rows, so the four never overlap.
extern "C" __global__ void corner_radius(uint* pixels, int width, int height, float radius, int left, int right, int top, int bottom)
{
    int corner = block_z();
    int cx = global_x(), cy = global_y();
    int x = (corner & 1) ? right + cx : cx;
    int y = (corner & 2) ? bottom + cy : cy;
    if (x >= ((corner & 1) ? width : left) || y >= ((corner & 2) ? height : top)) return;
    float c = coverage(x, y, width, height, radius);
    if (c < 1.0f)
    {
        uint* p = pixels + (long)y * width + x;
        uint alpha = to_byte((float)(*p >> 24) * c);
        *p = alpha == 0u ? 0u : ((*p & 0x00FFFFFFu) | (alpha << 24));
    }
}
