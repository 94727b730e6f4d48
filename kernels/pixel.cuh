// Conversions between straight RGBA8 (R in the lowest byte) and premultiplied float on a 0..255 scale.
// Written operation by operation as src/PhotoFF/Backends/Cpu/Premultiplied.cs does, so that both backends
// round identically; the kernels are compiled with -ffp-contract=off and fuse only where fma_f says so.
#pragma once
#include "common.cuh"

DEVICE float4v premultiply(uint pixel)
{
    float a = (float)(pixel >> 24);
    float scale = a / 255.0f;
    float4v p;
    p.r = (float)(pixel & 0xFFu) * scale;
    p.g = (float)((pixel >> 8) & 0xFFu) * scale;
    p.b = (float)((pixel >> 16) & 0xFFu) * scale;
    p.a = a;
    return p;
}

// Round half away from zero (roundf), clamped to 0..255.
DEVICE uint to_byte(float v)
{
    float r = __builtin_roundf(v);
    return r <= 0.0f ? 0u : (r >= 255.0f ? 255u : (uint)r);
}

// Alpha rounds first; a pixel whose alpha rounds to 0 is transparent black.
DEVICE uint unpremultiply(float4v p)
{
    uint alpha = to_byte(p.a);
    if (alpha == 0u) return 0u;
    return to_byte(p.r * 255.0f / p.a) | (to_byte(p.g * 255.0f / p.a) << 8) | (to_byte(p.b * 255.0f / p.a) << 16) | (alpha << 24);
}

DEVICE float4v fma4(float w, float4v p, float4v acc)
{
    acc.r = fma_f(w, p.r, acc.r);
    acc.g = fma_f(w, p.g, acc.g);
    acc.b = fma_f(w, p.b, acc.b);
    acc.a = fma_f(w, p.a, acc.a);
    return acc;
}

DEVICE float4v zero4() { float4v z; z.r = 0.0f; z.g = 0.0f; z.b = 0.0f; z.a = 0.0f; return z; }
