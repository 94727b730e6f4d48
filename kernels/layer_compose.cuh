// A pixel composited with a layer of one colour at a float alpha (0..255), as Backends/Cpu/LayerCompose.cs does,
// operation by operation. Used by the stroke and the shadow.
#pragma once
#include "pixel.cuh"

// The pixel over the layer (source-over, premultiplied): what lies under the image.
DEVICE uint pixel_over_layer(uint pixel, uint color, float alpha)
{
    float4v p = premultiply(pixel);
    float scale = alpha / 255.0f;
    float uncovered = (255.0f - p.a) / 255.0f;
    float4v o;
    o.r = fma_f((float)(color & 0xFFu) * scale, uncovered, p.r);
    o.g = fma_f((float)((color >> 8) & 0xFFu) * scale, uncovered, p.g);
    o.b = fma_f((float)((color >> 16) & 0xFFu) * scale, uncovered, p.b);
    o.a = fma_f(alpha, uncovered, p.a);
    return unpremultiply(o);
}

DEVICE uint blend_channel(uint pixel, uint color, float share, int shift)
{
    int under = (int)((pixel >> shift) & 0xFFu);
    int over = (int)((color >> shift) & 0xFFu);
    return to_byte(fma_f(share, (float)(over - under), (float)under)) << shift;
}

// The layer over the pixel inside the pixel's own alpha (source-atop): straight colour blended, alpha kept.
DEVICE uint layer_atop_pixel(uint pixel, uint color, float alpha)
{
    float share = alpha / 255.0f;
    return blend_channel(pixel, color, share, 0) | blend_channel(pixel, color, share, 8) |
           blend_channel(pixel, color, share, 16) | (pixel & 0xFF000000u);
}

DEVICE long long global_index() { return (long long)block_x() * block_dim_x() + thread_x(); }
