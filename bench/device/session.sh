#!/usr/bin/env bash
# Runs on the GPU machine (from .device/run.sh, after bench/device/pack.sh here): the suites with CUDA required and/or
# the benchmarks. Logs and reports go to $OUT. Usage: session.sh [xunit] [pester] [pipeline] [heic] [ops] ...
#   xunit      the xunit suite, PHOTOFF_REQUIRE_CUDA=1           -> $OUT/xunit.log
#   pester     the Pester suite, PHOTOFF_REQUIRE_CUDA=1          -> $OUT/pester.log
#   pipeline   bench/pipeline.ps1 (PhotoFF and its peers)        -> $OUT/pipeline.log, $OUT/pipeline.md
#   feed       bench/feed.ps1 (the host feed of -Device All)      -> $OUT/feed.log, $OUT/feed.md
#   heic       bench/heic/Measure-HeicDecode.ps1                 -> $OUT/heic.log
#   ops        the per-operation benchmark (bench/PhotoFF.Bench) -> $OUT/ops.log
#   cpu-pipeline  bench/cpu-pipeline.ps1, 200 photos (the CPU backend and its peers; CPU_PIPELINE_ARGS adds its options,
#                 such as -PeerRepeat 3) -> $OUT/cpu-pipeline.log, .md
#   cpu-threads  bench/cpu-threads.ps1, 200 photos (CPU seconds by thread; CPU_THREADS_OUT names the output folder) -> $OUT/cpu-threads.log
#   bandwidth  bench/device/host_bandwidth.py (memcpy and page-cache reads, 1-32 processes) -> $OUT/bandwidth.log
#   cpu-ops    the CPU backend's per-operation benchmark (bench/PhotoFF.CpuBench; CPU_OPS_ARGS adds its options) -> $OUT/cpu-operations.log, .md
#   cpu-ops-one-core  the memory-bound operations (and the opaque blur and resize) pinned to one core -> $OUT/cpu-operations-one-core.*
#   versions   the peers' library versions (OpenCV, Pillow) and whether OpenCV can write JPEG 4:4:4
# XUNIT_TIMEOUT, PESTER_TIMEOUT, PIPELINE_TIMEOUT and CPU_TIMEOUT (seconds, 540 by default) fit several steps into one call.
# CPU_SET=0-15 runs the CPU steps on those cores alone (taskset), to measure 16 cores on a larger machine.
set -uo pipefail
cd "$(dirname "$0")/../.."
tests=tests/PhotoFF.Tests/bin/Release/net10.0/linux-x64
ln -sf "../$tests/libvips.so.42" bin/libvips.so.42
cpubench=bench/PhotoFF.CpuBench/bin/Release/net10.0/linux-x64
[ -d "$cpubench" ] && ln -sf "$PWD/$tests/libvips.so.42" "$cpubench/libvips.so.42"
for photo in HMD_Nokia_8.3_5G.jpg jolla.jpg Canon_40D.jpg; do   # left out of the pack: samples/photos has them
  [ -f "../shared/testimages/photos/$photo" ] || cp "samples/photos/$photo" ../shared/testimages/photos/
done
export NUGET_PACKAGES=$PWD/artifacts/nuget OUT=${OUT:-/tmp/out}
mkdir -p "$OUT"
nvidia-smi --query-gpu=index,name,driver_version,memory.total --format=csv,noheader
for step in "$@"; do
  start=$(date +%s)
  case "$step" in
    xunit)
      (cd "$tests" && PHOTOFF_REQUIRE_CUDA=1 exec timeout "${XUNIT_TIMEOUT:-540}" dotnet PhotoFF.Tests.dll -noColor -longRunning 30 > "$OUT/xunit.log" 2>&1) &
      runner=$!
      # STACKS_AFTER=N with dotnet-stack packed (.device/dstack.tar.xz): the managed stacks of a run still going after N s.
      if [ -n "${STACKS_AFTER:-}" ] && [ -f .device/dstack.tar.xz ]; then
        mkdir -p /tmp/dstack && tar -C /tmp/dstack -xJf .device/dstack.tar.xz
        for ((waited = 0; waited < STACKS_AFTER; waited++)); do kill -0 "$runner" 2>/dev/null || break; sleep 1; done
        if kill -0 "$runner" 2>/dev/null; then
          timeout 60 dotnet /tmp/dstack/dotnet-stack.dll report -p "$(pgrep -f '^dotnet PhotoFF.Tests.dll' | head -1)" > "$OUT/xunit-stacks.txt" 2>&1
          echo "stacks of the running suite: $OUT/xunit-stacks.txt"
        fi
      fi
      wait "$runner"
      grep -E '\[FAIL\]|Long Running|Total:' "$OUT/xunit.log" | head -40 ;;
    pester)
      PHOTOFF_REQUIRE_CUDA=1 timeout "${PESTER_TIMEOUT:-540}" pwsh -NoProfile -File tests/Pester/Invoke-PesterSuite.ps1 \
        -PesterManifest "$NUGET_PACKAGES/pester/5.7.1/tools/Pester.psd1" -Report "$OUT/pester.json" > "$OUT/pester.log" 2>&1
      grep -E '^\[-\]|Tests Passed' "$OUT/pester.log" | head -40 ;;
    pipeline)
      timeout "${PIPELINE_TIMEOUT:-540}" pwsh -NoProfile -File bench/pipeline.ps1 -Commit "${COMMIT:-unknown}" > "$OUT/pipeline.log" 2>&1
      tail -n 45 "$OUT/pipeline.log" ;;
    feed)
      timeout 300 pwsh -NoProfile -File bench/feed.ps1 -Commit "${COMMIT:-unknown}" > "$OUT/feed.log" 2>&1
      tail -n 15 "$OUT/feed.log" ;;
    heic)
      timeout 300 pwsh -NoProfile -File bench/heic/Measure-HeicDecode.ps1 -Count 64 -Backend Cuda -Output "$OUT/heic.md" -Commit "${COMMIT:-unknown}" > "$OUT/heic.log" 2>&1
      tail -n 10 "$OUT/heic.log" ;;
    cpu-pipeline)
      timeout "${CPU_TIMEOUT:-540}" ${CPU_SET:+taskset -c "$CPU_SET"} pwsh -NoProfile -File bench/cpu-pipeline.ps1 -Count 200 -Commit "${COMMIT:-unknown}" ${CPU_PIPELINE_ARGS:-} > "$OUT/cpu-pipeline.log" 2>&1
      tail -n 25 "$OUT/cpu-pipeline.log" ;;
    cpu-threads)
      echo "== cpu-threads ${CPU_SET:+on cores $CPU_SET} $(env | grep -E '^(DOTNET_|VIPS_|PHOTOFF_)' | tr '\n' ' ')" >> "$OUT/cpu-threads.log"
      timeout "${CPU_TIMEOUT:-540}" ${CPU_SET:+taskset -c "$CPU_SET"} pwsh -NoProfile -File bench/cpu-threads.ps1 -Count 200 ${CPU_THREADS_OUT:+-Out "$CPU_THREADS_OUT"} >> "$OUT/cpu-threads.log" 2>&1
      tail -n 12 "$OUT/cpu-threads.log" ;;
    bandwidth)
      batch=/tmp/photoff-bandwidth-batch
      sources=(HMD_Nokia_8.3_5G.jpg iphone_hdr_YES.jpg jolla.jpg)   # the pipeline benchmarks' batch
      mkdir -p "$batch" && for i in $(seq 0 200); do cp "../shared/testimages/photos/${sources[i % 3]}" "$batch/photo_$i.jpg"; done
      timeout 200 python3 bench/device/host_bandwidth.py --processes 1,8,16,32 --files "$batch" > "$OUT/bandwidth.log" 2>&1
      cat "$OUT/bandwidth.log" ;;
    cpu-ops)
      # CPU_OPS_ARGS passes options to the benchmark, such as --no-scalar --only 'GaussianBlur 5'.
      (cd "$cpubench" && eval "timeout 540 ${CPU_SET:+taskset -c $CPU_SET} dotnet PhotoFF.CpuBench.dll \"\$OUT/cpu-operations.md\" ${CPU_OPS_ARGS:-}" > "$OUT/cpu-operations.log" 2>&1)
      tail -n 30 "$OUT/cpu-operations.log" ;;
    cpu-ops-one-core)
      # The memory-bound operations against their floor on one core, as the issue measures them: pinned to one core
      # (CPU_ONE_CORE, 2 by default), so that no other core shares the memory bandwidth or the caches.
      (cd "$cpubench" && timeout 540 taskset -c "${CPU_ONE_CORE:-2}" dotnet PhotoFF.CpuBench.dll "$OUT/cpu-operations-one-core.md" --no-scalar \
        --only 'Grayscale|Set-Opacity|KeyImage|Flip|Rotate|Crop|opaque' > "$OUT/cpu-operations-one-core.log" 2>&1)
      tail -n 20 "$OUT/cpu-operations-one-core.log" ;;
    versions)
      python3 -c 'import cv2, PIL; print("OpenCV", cv2.__version__, "4:4:4 writable:", hasattr(cv2, "IMWRITE_JPEG_SAMPLING_FACTOR"), "| Pillow", PIL.__version__)' 2>&1 ;;
    *) echo "unknown step $step" ;;
  esac
  echo "== $step: $(( $(date +%s) - start )) s"
done
