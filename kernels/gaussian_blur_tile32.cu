// The fused Gaussian blur in tiles of 32 x 32 (128 threads), for GPUs whose shared memory per block cannot hold
// gaussian_blur.cu's 32 x 64 tile at a given kernel size (CudaBackend.FusedTileHeight chooses). The same sums in
// the same order, so the same bits. A module of its own: GPUs that never need it never JIT-compile it.
#include "gaussian_blur.cuh"

// gaussian_blur_fused_h<HALF>_t32 for HALF = 1..16.
FUSED_ENTRIES(32)
