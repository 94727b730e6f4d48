"""The headline pipeline (decode, Gaussian blur radius 5, rounded corners 40, PNG encode) with the tools a user might
pick instead of PhotoFF, over the same photos, on all cores: Pillow, and OpenCV (blur on the CPU). Prints images per
second for each, to set beside `photoff -File samples/headline.ps1` on the same machine.

Usage: python3 bench/peers/headline_peers.py samples/photos [repeat]
"""
import os
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor

import numpy as np


def rounded_mask(width, height, radius):
    # Anti-aliased coverage of a rounded rectangle, as PhotoFF's corner radius computes it.
    radius = min(radius, width / 2, height / 2)
    x = np.arange(width) + 0.5
    y = np.arange(height) + 0.5
    dx = np.maximum(np.maximum(radius - x, x - (width - radius)), 0)[None, :]
    dy = np.maximum(np.maximum(radius - y, y - (height - radius)), 0)[:, None]
    inside = (dx == 0) | (dy == 0)
    coverage = np.clip(radius - np.sqrt(dx * dx + dy * dy) + 0.5, 0, 1)
    return np.where(inside, 1.0, coverage)


def pillow_one(args):
    from PIL import Image, ImageFilter, ImageOps
    path, out = args
    image = ImageOps.exif_transpose(Image.open(path)).convert("RGBA")
    image = image.filter(ImageFilter.GaussianBlur(2.5))
    alpha = (np.asarray(image.getchannel("A"), dtype=np.float32) * rounded_mask(image.width, image.height, 40)).round().astype(np.uint8)
    image.putalpha(Image.fromarray(alpha))
    image.save(os.path.join(out, os.path.basename(path) + ".png"))
    return image.width * image.height


def opencv_one(args):
    import cv2
    path, out = args
    image = cv2.imread(path, cv2.IMREAD_COLOR)  # applies EXIF orientation
    image = cv2.cvtColor(image, cv2.COLOR_BGR2BGRA)
    image = cv2.GaussianBlur(image, (17, 17), 2.5, borderType=cv2.BORDER_REPLICATE)
    h, w = image.shape[:2]
    image[:, :, 3] = (image[:, :, 3] * rounded_mask(w, h, 40)).round().astype(np.uint8)
    cv2.imwrite(os.path.join(out, os.path.basename(path) + ".png"), image)
    return w * h


def run(name, function, files, repeat):
    with tempfile.TemporaryDirectory() as out, ProcessPoolExecutor(os.cpu_count()) as pool:
        list(pool.map(function, [(f, out) for f in files]))  # warm-up
        start = time.perf_counter()
        pixels = 0
        for _ in range(repeat):
            pixels += sum(pool.map(function, [(f, out) for f in files]))
        seconds = time.perf_counter() - start
    count = len(files) * repeat
    print(f"{name}: {count} images, {pixels / 1e6:.1f} MP in {seconds:.2f} s: {count / seconds:.1f} images/s, {pixels / 1e6 / seconds:.1f} MP/s ({os.cpu_count()} processes)")


if __name__ == "__main__":
    folder = sys.argv[1]
    repeat = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    files = sorted(os.path.join(folder, f) for f in os.listdir(folder) if f.lower().endswith((".jpg", ".jpeg", ".png")))
    run("Pillow", pillow_one, files, repeat)
    run("OpenCV", opencv_one, files, repeat)
