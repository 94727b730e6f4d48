// What the stroke and the shadow do to one pixel given its squared distance, as CpuBackend.Stroke and
// CpuBackend.Shadow do: shared by stroke.cu and shadow.cu (from a distance buffer) and by distance_field.cu, whose
// column pass can paint them as it finds the distances.
#pragma once
#include "layer_compose.cuh"

#define NO_TARGET 2147483647
#define SHAPE_ALPHA 128u

// The stroke's alpha (0..255) at squared distance d2 (reach = stroke width + 1); 0 where it does not cover.
DEVICE float stroke_alpha(int d2, float reach, uint color)
{
    if (d2 == 0 || d2 == NO_TARGET) return 0.0f;
    float coverage = clamp_f(reach - sqrt_f((float)d2), 0.0f, 1.0f);
    return (float)(color >> 24) * coverage;
}

// The pixel with the stroke of that alpha painted (the alpha is not 0).
DEVICE uint stroke_apply(uint p, float alpha, uint color, int inner)
{
    return inner ? layer_atop_pixel(p, color, alpha) : pixel_over_layer(p, color, alpha);
}

// The pixel with the stroke painted at squared distance d2; unchanged where not covered.
DEVICE uint stroke_pixel(uint p, int d2, float reach, uint color, int inner)
{
    float alpha = stroke_alpha(d2, reach, color);
    return alpha == 0.0f ? p : stroke_apply(p, alpha, color, inner);
}

// 1 inside the offset shape, then 1 - smoothstep of the distance from its edge over the radius (a radius of 0 gives
// +infinity before the clamp: a hard edge).
DEVICE float shadow_falloff(int d2, float radius)
{
    if (d2 == 0) return 1.0f;
    float t = clamp_f((sqrt_f((float)d2) - 0.5f) / radius, 0.0f, 1.0f);
    float twice = 2.0f * t;
    float slope = 3.0f - twice;
    float square = t * t;
    float step = square * slope;
    return 1.0f - step;
}

// The shadow's alpha (0..255, peak alpha at most) at squared distance d2; 0 where there is none.
DEVICE float shadow_alpha(int d2, float radius, float alpha)
{
    return d2 == NO_TARGET ? 0.0f : alpha * shadow_falloff(d2, radius);
}

// The pixel with the shadow of that alpha painted (the alpha is not 0); inner shadows only fall on the shape.
DEVICE uint shadow_apply(uint p, float shade, uint color, int inner)
{
    if (inner && (p >> 24) < SHAPE_ALPHA) return p;
    return inner ? layer_atop_pixel(p, color, shade) : pixel_over_layer(p, color, shade);
}

// The pixel with the shadow (peak alpha 0..255) painted at squared distance d2; unchanged where there is none.
DEVICE uint shadow_pixel(uint p, int d2, float radius, float alpha, uint color, int inner)
{
    float shade = shadow_alpha(d2, radius, alpha);
    return shade == 0.0f ? p : shadow_apply(p, shade, color, inner);
}
