"""The batch pipeline of bench/pipeline.ps1 with the tools a user might pick instead of PhotoFF, over the same files:
decode (EXIF orientation applied), Gaussian blur with sigma 2.5 (PhotoFF's radius 5, 17 taps), resize to 1920 wide
(bicubic, antialiased), JPEG at quality 90 with chroma at full resolution and optimized Huffman tables (what libvips
and PhotoFF write at quality 90), written to a folder. OpenCV before 4.7 cannot set the chroma subsampling and writes
4:2:0; its row says so.

Pillow and OpenCV run a process per core (spawned, not forked), one image per task. torchvision reads the files with a
thread pool, decodes each batch of 32 on the GPU with nvJPEG (decode_jpeg on a list: the hardware decoder where the GPU
has one), blurs and resizes on the GPU, encodes the batch on the GPU (encode_jpeg on a list) and writes with the
thread pool, reading the next batch while the GPU works on this one.

Usage: python3 bench/peers/pipeline_peers.py BATCH_DIR OUT_DIR [--repeat N] [--only pillow,opencv,torchvision] [--json]
Each peer does one warm-up pass and N timed passes; prints a line per peer, or with --json a JSON object per line.
"""
import argparse
import json
import multiprocessing
import os
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

WIDTH = 1920
SIGMA = 2.5
QUALITY = 90
BATCH = 32
# The cores this process may run on: under taskset (a 16-core slice of a larger machine) fewer than os.cpu_count().
CORES = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


def pillow_one(args):
    from PIL import Image, ImageFilter, ImageOps
    path, out = args
    with Image.open(path) as opened:
        image = ImageOps.exif_transpose(opened).convert("RGB")
    image = image.filter(ImageFilter.GaussianBlur(SIGMA))  # Pillow's radius is the standard deviation
    height = round(image.height * WIDTH / image.width)
    image = image.resize((WIDTH, height), Image.Resampling.BICUBIC)
    image.save(os.path.join(out, os.path.basename(path)), quality=QUALITY, subsampling=0, optimize=True)
    return 1


def opencv_one(args):
    import cv2
    cv2.setNumThreads(1)  # a process per core already
    path, out = args
    image = cv2.imread(path, cv2.IMREAD_COLOR)  # applies the EXIF orientation
    image = cv2.GaussianBlur(image, (17, 17), SIGMA, borderType=cv2.BORDER_REPLICATE)
    h, w = image.shape[:2]
    image = cv2.resize(image, (WIDTH, round(h * WIDTH / w)), interpolation=cv2.INTER_AREA)
    params = [cv2.IMWRITE_JPEG_QUALITY, QUALITY, cv2.IMWRITE_JPEG_OPTIMIZE, 1]
    if hasattr(cv2, "IMWRITE_JPEG_SAMPLING_FACTOR"):
        params += [cv2.IMWRITE_JPEG_SAMPLING_FACTOR, cv2.IMWRITE_JPEG_SAMPLING_FACTOR_444]
    cv2.imwrite(os.path.join(out, os.path.basename(path)), image, params)
    return 1


def opencv_jpeg_note():
    """What OpenCV's JPEG writer does here: OpenCV before 4.7 (Debian 12's 4.6) cannot set the chroma subsampling and
    writes 4:2:0, half the chroma samples that PhotoFF and libvips write at quality 90, so it encodes less."""
    import cv2
    if hasattr(cv2, "IMWRITE_JPEG_SAMPLING_FACTOR"):
        return f"OpenCV {cv2.__version__}, JPEG 4:4:4 as PhotoFF writes it"
    return f"OpenCV {cv2.__version__}: JPEG 4:2:0, as it cannot write 4:4:4 (less encode work than PhotoFF's 4:4:4)"


def run_processes(name, function, files, out, repeat, note=None):
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(CORES, mp_context=context) as pool:
        list(pool.map(function, [(f, out) for f in files], chunksize=1))  # warm-up: starts the processes
        start = time.perf_counter()
        for _ in range(repeat):
            list(pool.map(function, [(f, out) for f in files], chunksize=1))
        seconds = time.perf_counter() - start
    return {"peer": name, "images": len(files) * repeat, "seconds": seconds,
            "detail": f"{CORES} processes (spawned)" + (f"; {note}" if note else "")}


def torchvision_run(files, out, repeat):
    import torch
    import torchvision
    from torchvision.io import ImageReadMode, decode_jpeg, encode_jpeg, read_file
    from torchvision.transforms import InterpolationMode
    import torchvision.transforms.v2.functional as F

    device = torch.device("cuda")
    pool = ThreadPoolExecutor(CORES)

    def write(pair):
        path, data = pair
        with open(os.path.join(out, os.path.basename(path)), "wb") as f:
            f.write(data.numpy().tobytes())

    def one_pass():
        batches = [files[i:i + BATCH] for i in range(0, len(files), BATCH)]
        writes = []
        reading = pool.map(read_file, batches[0]) if batches else None
        for index, batch in enumerate(batches):
            data = list(reading)
            if index + 1 < len(batches):
                reading = pool.map(read_file, batches[index + 1])
            images = decode_jpeg(data, mode=ImageReadMode.RGB, device=device, apply_exif_orientation=True)
            results = []
            for image in images:
                image = F.gaussian_blur(image, kernel_size=[17, 17], sigma=[SIGMA, SIGMA])
                h, w = image.shape[-2:]
                image = F.resize(image, [round(h * WIDTH / w), WIDTH], interpolation=InterpolationMode.BICUBIC, antialias=True)
                results.append(image)
            encoded = encode_jpeg(results, quality=QUALITY)
            encoded = [e.cpu() for e in encoded]
            writes.extend(pool.map(write, zip(batch, encoded)))
        torch.cuda.synchronize()

    one_pass()  # warm-up: CUDA context, nvJPEG handles, kernels
    start = time.perf_counter()
    for _ in range(repeat):
        one_pass()
    seconds = time.perf_counter() - start
    pool.shutdown()
    return {"peer": "torchvision", "images": len(files) * repeat, "seconds": seconds,
            "detail": f"nvJPEG decode and encode on {torch.cuda.get_device_name()}, batches of {BATCH}, "
                      f"torch {torch.__version__}, torchvision {torchvision.__version__}"}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("batch")
    parser.add_argument("out")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--only", default="pillow,opencv,torchvision")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    files = sorted(os.path.join(args.batch, f) for f in os.listdir(args.batch) if f.lower().endswith((".jpg", ".jpeg")))
    peers = {
        "pillow": lambda out: run_processes("Pillow", pillow_one, files, out, args.repeat),
        "opencv": lambda out: run_processes("OpenCV", opencv_one, files, out, args.repeat, opencv_jpeg_note()),
        "torchvision": lambda out: torchvision_run(files, out, args.repeat),
    }
    for name in args.only.split(","):
        out = os.path.join(args.out, name)
        shutil.rmtree(out, ignore_errors=True)
        os.makedirs(out)
        try:
            result = peers[name](out)
            result["images_per_second"] = result["images"] / result["seconds"]
        except Exception as error:  # a missing package or GPU must not hide the other peers
            result = {"peer": name, "error": f"{type(error).__name__}: {error}"}
        if args.json:
            print(json.dumps(result), flush=True)
        elif "error" in result:
            print(f"{name}: failed: {result['error']}", flush=True)
        else:
            print(f"{result['peer']}: {result['images']} images in {result['seconds']:.2f} s: "
                  f"{result['images_per_second']:.1f} images/s ({result['detail']})", flush=True)


if __name__ == "__main__":
    sys.exit(main())
