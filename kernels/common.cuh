// Shared helpers for PhotoFF's kernels. They are compiled by clang-14 with no CUDA headers
// (-nocudainc -nocudalib), so the qualifiers and thread indices come from clang's builtins here.
#pragma once

#define __global__ __attribute__((global))
#define __device__ __attribute__((device))
#define __shared__ __attribute__((shared))
#define __forceinline__ __attribute__((always_inline)) inline
#define DEVICE static __device__ __forceinline__

typedef unsigned int uint;

// 16-byte aligned so that shared and global accesses are single vector loads and stores (ld.shared.v4.f32).
struct __attribute__((aligned(16))) float4v { float r, g, b, a; };

DEVICE int thread_x() { return __nvvm_read_ptx_sreg_tid_x(); }
DEVICE int thread_y() { return __nvvm_read_ptx_sreg_tid_y(); }
DEVICE int block_x() { return __nvvm_read_ptx_sreg_ctaid_x(); }
DEVICE int block_y() { return __nvvm_read_ptx_sreg_ctaid_y(); }
DEVICE int block_z() { return __nvvm_read_ptx_sreg_ctaid_z(); }
DEVICE int block_dim_x() { return __nvvm_read_ptx_sreg_ntid_x(); }
DEVICE int block_dim_y() { return __nvvm_read_ptx_sreg_ntid_y(); }
DEVICE void sync_threads() { __syncthreads(); }

DEVICE int global_x() { return block_x() * block_dim_x() + thread_x(); }
DEVICE int global_y() { return block_y() * block_dim_y() + thread_y(); }

DEVICE int clamp_int(int v, int lo, int hi) { return v < lo ? lo : (v > hi ? hi : v); }
DEVICE float min_f(float a, float b) { return __builtin_fminf(a, b); }
DEVICE float max_f(float a, float b) { return __builtin_fmaxf(a, b); }
DEVICE float clamp_f(float v, float lo, float hi) { return min_f(max_f(v, lo), hi); }
DEVICE float fma_f(float a, float b, float c) { return __builtin_fmaf(a, b, c); }
DEVICE float sqrt_f(float v) { return __builtin_sqrtf(v); }

// Read-only loads through the non-coherent cache.
DEVICE uint load_nc(const uint* p) { return __nvvm_ldg_ui(p); }
DEVICE float load_nc(const float* p) { return __nvvm_ldg_f(p); }
