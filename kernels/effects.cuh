// What the stroke and the shadow do to one pixel given its squared distance, as CpuBackend.Stroke and
// CpuBackend.Shadow do: shared by stroke.cu and shadow.cu (from a distance buffer) and by distance_field.cu, whose
// column pass can paint them as it finds the distances.
#pragma once
#include "layer_compose.cuh"

#define NO_TARGET 2147483647
#define SHAPE_ALPHA 128u

// The pixel with the stroke painted at squared distance d2 (reach = stroke width + 1); unchanged where not covered.
DEVICE uint stroke_pixel(uint p, int d2, float reach, uint color, int inner)
{
    if (d2 == 0 || d2 == NO_TARGET) return p;
    float coverage = clamp_f(reach - sqrt_f((float)d2), 0.0f, 1.0f);
    float alpha = (float)(color >> 24) * coverage;
    if (alpha == 0.0f) return p;
    return inner ? layer_atop_pixel(p, color, alpha) : pixel_over_layer(p, color, alpha);
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

// The pixel with the shadow (peak alpha 0..255) painted at squared distance d2; unchanged where there is none.
DEVICE uint shadow_pixel(uint p, int d2, float radius, float alpha, uint color, int inner)
{
    if (d2 == NO_TARGET) return p;
    if (inner && (p >> 24) < SHAPE_ALPHA) return p;
    float shade = alpha * shadow_falloff(d2, radius);
    if (shade == 0.0f) return p;
    return inner ? layer_atop_pixel(p, color, shade) : pixel_over_layer(p, color, shade);
}
