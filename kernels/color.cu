// Per-pixel colour and alpha operations, in place: opacity, grayscale, the two chroma keys and the colour
// adjustment. Each computes exactly what its CpuBackend.<Op>.cs reference does, operation by operation.
// They are memory-bound: each thread moves four pixels with one 16-byte load and store (the pool's buffers are
// 256-byte aligned), and the last few pixels of an image whose size is not a multiple of four go one by one.
#include "pixel.cuh"

#define MEMBER __device__ __forceinline__

struct __attribute__((aligned(16))) uint4v { uint x, y, z, w; };

DEVICE long first_of_four() { return ((long)block_x() * block_dim_x() + thread_x()) * 4; }

template <typename Op>
DEVICE void map_pixels(uint* pixels, long count, const Op& op)
{
    long first = first_of_four();
    if (first + 4 <= count)
    {
        uint4v* p = (uint4v*)(pixels + first);
        uint4v v = *p;
        v.x = op(v.x);
        v.y = op(v.y);
        v.z = op(v.z);
        v.w = op(v.w);
        *p = v;
        return;
    }

    for (long i = first; i < count; i++) pixels[i] = op(pixels[i]);
}

// Like map_pixels, with a second, read-only image of the same size read at the same positions.
template <typename Op>
DEVICE void map_pixel_pairs(uint* pixels, const uint* others, long count, const Op& op)
{
    long first = first_of_four();
    if (first + 4 <= count)
    {
        uint4v* p = (uint4v*)(pixels + first);
        uint4v v = *p;
        uint4v o = *(const uint4v*)(others + first);
        v.x = op(v.x, o.x);
        v.y = op(v.y, o.y);
        v.z = op(v.z, o.z);
        v.w = op(v.w, o.w);
        *p = v;
        return;
    }

    for (long i = first; i < count; i++) pixels[i] = op(pixels[i], others[i]);
}

DEVICE uint red(uint p) { return p & 0xFFu; }
DEVICE uint green(uint p) { return (p >> 8) & 0xFFu; }
DEVICE uint blue(uint p) { return (p >> 16) & 0xFFu; }
DEVICE uint min_u(uint a, uint b) { return a < b ? a : b; }
DEVICE uint rgba(uint r, uint g, uint b, uint a) { return r | (g << 8) | (b << 16) | (a << 24); }

// Rec. 601 luma, summed in this order: 0.299 R, then + 0.587 G, then + 0.114 B, each a fused multiply-add.
DEVICE float luma(uint r, uint g, uint b)
{
    float l = 0.299f * (float)r;
    l = fma_f(0.587f, (float)g, l);
    return fma_f(0.114f, (float)b, l);
}

struct OpacityOp
{
    float opacity;
    MEMBER uint operator()(uint p) const
    {
        return (p & 0x00FFFFFFu) | (to_byte((float)(p >> 24) * opacity) << 24);
    }
};

extern "C" __global__ void opacity(uint* pixels, long count, float opacity)
{
    map_pixels(pixels, count, OpacityOp{opacity});
}

struct GrayscaleOp
{
    MEMBER uint operator()(uint p) const
    {
        uint v = to_byte(luma(red(p), green(p), blue(p)));
        return rgba(v, v, v, p >> 24);
    }
};

extern "C" __global__ void grayscale(uint* pixels, long count)
{
    map_pixels(pixels, count, GrayscaleOp{});
}

// PhotoFF's apply_chroma_key: a pixel is keyed out where the key image's channel is above the threshold (at or
// below it with invert); keyed out means alpha 0, or all four channels 0 with zero_all.
struct ChromaKeyOp
{
    uint shift;
    uint threshold;
    int invert;
    int zero_all;
    MEMBER uint operator()(uint p, uint key) const
    {
        uint value = (key >> shift) & 0xFFu;
        bool keyed = invert ? value <= threshold : value > threshold;
        if (!keyed) return p;
        return zero_all ? 0u : (p & 0x00FFFFFFu);
    }
};

extern "C" __global__ void chroma_key(uint* pixels, const uint* key, long count, int channel, int threshold, int invert, int zero_all)
{
    map_pixel_pairs(pixels, key, count, ChromaKeyOp{(uint)channel * 8u, (uint)threshold, invert, zero_all});
}

// Green-screen keying. d is the Euclidean RGB distance to the key colour (0..441.67); alpha is multiplied by
// t = clamp((d - tolerance) / softness, 0, 1), or by (d > tolerance) when softness is 0. A pixel whose alpha
// becomes 0 is transparent black. With spill >= 0 (the key's dominant channel), that channel of the pixels that
// stay is limited to the rounded-up mean of the other two.
struct ColorKeyOp
{
    float key_r, key_g, key_b;
    float tolerance;
    float softness;
    int spill;
    MEMBER uint operator()(uint p) const
    {
        float dr = (float)red(p) - key_r;
        float dg = (float)green(p) - key_g;
        float db = (float)blue(p) - key_b;
        float sum = dr * dr;
        sum = fma_f(dg, dg, sum);
        sum = fma_f(db, db, sum);
        float d = sqrt_f(sum);
        float t = softness > 0.0f ? clamp_f((d - tolerance) / softness, 0.0f, 1.0f) : (d > tolerance ? 1.0f : 0.0f);
        uint a = p >> 24;
        if (t < 1.0f)
        {
            a = to_byte((float)a * t);
            if (a == 0u) return 0u;
        }

        uint r = red(p), g = green(p), b = blue(p);
        if (spill == 0) r = min_u(r, (g + b + 1u) >> 1);
        else if (spill == 1) g = min_u(g, (r + b + 1u) >> 1);
        else if (spill == 2) b = min_u(b, (r + g + 1u) >> 1);
        return rgba(r, g, b, a);
    }
};

extern "C" __global__ void color_key(uint* pixels, long count, float key_r, float key_g, float key_b, float tolerance, float softness, int spill)
{
    map_pixels(pixels, count, ColorKeyOp{key_r, key_g, key_b, tolerance, softness, spill});
}

// The host computes a 256-entry table (brightness, contrast, gamma, invert) that maps R, G and B; saturation
// then mixes each channel with the pixel's luma: luma + saturation * (c - luma), one fused multiply-add.
struct ColorAdjustmentOp
{
    const unsigned char* table;
    float saturation;
    MEMBER uint operator()(uint p) const
    {
        uint r = table[red(p)];
        uint g = table[green(p)];
        uint b = table[blue(p)];
        if (saturation != 1.0f)
        {
            float l = luma(r, g, b);
            r = to_byte(fma_f(saturation, (float)r - l, l));
            g = to_byte(fma_f(saturation, (float)g - l, l));
            b = to_byte(fma_f(saturation, (float)b - l, l));
        }

        return rgba(r, g, b, p >> 24);
    }
};

// table: 256 bytes (64 words) in device memory, copied to shared memory by each block first.
extern "C" __global__ void color_adjustment(uint* pixels, long count, const uint* table, float saturation)
{
    __shared__ uint words[64];
    for (int i = thread_x(); i < 64; i += block_dim_x()) words[i] = load_nc(table + i);
    sync_threads();
    map_pixels(pixels, count, ColorAdjustmentOp{(const unsigned char*)words, saturation});
}
