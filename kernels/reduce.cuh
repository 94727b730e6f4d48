// Helpers for reductions and whole-buffer passes: grid size, 16-byte loads, integer atomics.
#pragma once
#include "common.cuh"

#define HISTOGRAM_BINS 256

typedef uint uint4e __attribute__((ext_vector_type(4)));

DEVICE int grid_dim_x() { return __nvvm_read_ptx_sreg_nctaid_x(); }

// Four pixels at once through the non-coherent cache; the buffer is 16-byte aligned (pooled allocations).
DEVICE uint4e load_nc4(const uint4e* p) { return __nvvm_ldg_ui4(p); }

// Integer atomic add; on a __shared__ array the compiler emits atom.shared, elsewhere atom.global.
DEVICE void atomic_add_u32(uint* p, uint v) { __nvvm_atom_add_gen_i((int*)p, (int)v); }

DEVICE uint channel(uint pixel, int c) { return (pixel >> (8 * c)) & 0xFFu; }
DEVICE uint abs_difference(uint a, uint b) { return a > b ? a - b : b - a; }
