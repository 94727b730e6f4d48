"""What the host can move: memory copies and file reads from the page cache, on 1..N processes at once.

The multi-GPU import (issue 12) reads every file into pinned memory before a GPU's JPEG engine takes it; when two GPUs
decode faster than the host reads, the host is the bound. This measures that bound apart from PhotoFF: each process
copies a 256 MiB buffer (memcpy through bytearray slices), or reads its share of the files given (readinto a
preallocated buffer, as PhotoFF reads into its pinned pool), all processes starting together.

    python3 host_bandwidth.py [--processes 1,16,32] [--files DIR] [--passes 4]
"""

import argparse
import multiprocessing as mp
import os
import time

COPY_BYTES = 256 << 20


def copy_worker(barrier, passes, results):
    source = bytearray(os.urandom(1 << 20)) * (COPY_BYTES >> 20)
    target = bytearray(COPY_BYTES)
    target[:] = source  # fault the pages in before timing
    barrier.wait()
    start = time.perf_counter()
    for _ in range(passes):
        target[:] = source
    results.put((time.perf_counter() - start, passes * COPY_BYTES))


def read_worker(barrier, paths, passes, results):
    buffer = bytearray(max(os.path.getsize(p) for p in paths)) if paths else bytearray(1)
    view = memoryview(buffer)
    barrier.wait()
    start = time.perf_counter()
    total = 0
    for _ in range(passes):
        for path in paths:
            with open(path, "rb", buffering=0) as f:
                size = os.fstat(f.fileno()).st_size
                read = 0
                while read < size:
                    got = f.readinto(view[read:size])
                    if not got:
                        break
                    read += got
                total += read
    results.put((time.perf_counter() - start, total))


def run(target, count, make_args):
    barrier = mp.Barrier(count)
    results = mp.Queue()
    workers = [mp.Process(target=target, args=(barrier, *make_args(i), results)) for i in range(count)]
    for w in workers:
        w.start()
    outcomes = [results.get() for _ in workers]
    for w in workers:
        w.join()
    slowest = max(seconds for seconds, _ in outcomes)
    return sum(moved for _, moved in outcomes) / slowest


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--processes", default="1,16,32")
    parser.add_argument("--files")
    parser.add_argument("--passes", type=int, default=4)
    args = parser.parse_args()
    counts = [int(c) for c in args.processes.split(",")]
    print("| processes | memcpy GB/s (bytes copied) |" + (" file reads GB/s | files/s |" if args.files else ""))
    print("| ---: | ---: |" + (" ---: | ---: |" if args.files else ""))
    paths = sorted(os.path.join(args.files, n) for n in os.listdir(args.files)) if args.files else []
    mean_size = sum(os.path.getsize(p) for p in paths) / len(paths) if paths else 1
    for count in counts:
        copied = run(copy_worker, count, lambda i: (args.passes,))
        line = f"| {count} | {copied / 1e9:.1f} |"
        if paths:
            for path in paths:  # into the page cache
                with open(path, "rb") as f:
                    f.read()
            read = run(read_worker, count, lambda i: (paths[i::count], args.passes))
            line += f" {read / 1e9:.1f} | {read / mean_size:.0f} |"
        print(line, flush=True)


if __name__ == "__main__":
    main()
