#!/usr/bin/env python3
"""Compares PhotoFF's HEIC decode with torchvision.io.decode_heic (libheif), an independent reference on the GPU machine.

PhotoFF writes each HEIC file as a lossless PNG first:
    dotnet pwsh -c "Import-Module ./PhotoFF.psd1; Get-ChildItem <dir> -Filter *.HEIC | Import-CudaImage | Export-CudaImage /tmp/photoff-heic -Format Png"
then:
    python3 bench/heic/compare_decode_heic.py <dir with the .HEIC files> /tmp/photoff-heic

For each file it prints the size both decoders give, the largest and mean difference per channel, and whether the
orientation matches (the difference against the reference turned or mirrored is larger). torchvision returns the pixels
before any colour management: the ICC profile of an iPhone photo (Display P3) is not applied, while PhotoFF converts to
sRGB, so for such files the script compares after converting the reference with the same profile through Pillow's
ImageCms when it is installed, and says which it did. It also times decode_heic, in images per second, for the record.
"""
import glob
import os
import sys
import time

import torch
import torchvision
from torchvision.io import decode_heic, decode_png, read_file


def to_srgb(reference, icc):
    try:
        import io
        from PIL import Image, ImageCms
    except ImportError:
        return reference, 'no ICC conversion (Pillow missing)'
    array = reference.permute(1, 2, 0).contiguous().numpy()
    image = Image.fromarray(array[:, :, :3])
    source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
    converted = ImageCms.profileToProfile(image, source, ImageCms.createProfile('sRGB'), outputMode='RGB')
    out = torch.from_numpy(__import__('numpy').asarray(converted)).permute(2, 0, 1)
    return torch.cat([out, reference[3:]], 0) if reference.shape[0] == 4 else out, 'reference converted to sRGB with Pillow'


def icc_of(path):
    data = open(path, 'rb').read()
    at = data.find(b'colrprof')
    if at < 0:
        return None
    size = int.from_bytes(data[at - 4:at], 'big')
    return data[at + 8:at - 4 + size]


def main():
    heic_dir, png_dir = sys.argv[1], sys.argv[2]
    files = sorted(glob.glob(os.path.join(heic_dir, '*.HEIC')) + glob.glob(os.path.join(heic_dir, '*.heic')))
    for path in files:
        name = os.path.splitext(os.path.basename(path))[0]
        ours = decode_png(read_file(os.path.join(png_dir, name + '.png')))
        reference = decode_heic(read_file(path), mode=torchvision.io.ImageReadMode.RGB_ALPHA if ours.shape[0] == 4 else torchvision.io.ImageReadMode.RGB)
        if reference.dtype != torch.uint8:
            # Deeper images come as uint16: at their own bit depth (10 or 12 bits) or scaled to 16; to 8 bits, rounded.
            top = int(reference.max().item())
            scale = 1023 if top <= 1023 else 4095 if top <= 4095 else 65535
            reference = ((reference.to(torch.float32) * 255 / scale) + 0.5).to(torch.uint8)
        note = 'no ICC profile'
        icc = icc_of(path)
        if icc is not None:
            reference, note = to_srgb(reference, icc)
        channels = min(ours.shape[0], reference.shape[0])
        ours, reference = ours[:channels], reference[:channels]
        if ours.shape != reference.shape:
            print(f'{name}: size differs: ours {tuple(ours.shape)}, reference {tuple(reference.shape)}')
            continue
        diff = (ours.to(torch.int16) - reference.to(torch.int16)).abs()
        flipped = (ours.to(torch.int16) - reference.flip(2).to(torch.int16)).abs().float().mean()
        print(f'{name}: {ours.shape[2]}x{ours.shape[1]}, max difference {diff.max().item()}, mean {diff.float().mean().item():.3f}, '
              f'mirrored mean {flipped.item():.3f} ({note})')

    if files:
        data = read_file(files[0])
        decode_heic(data)
        start = time.perf_counter()
        n = 16
        for _ in range(n):
            decode_heic(data)
        print(f'decode_heic: {n / (time.perf_counter() - start):.1f} images/s (one thread, CPU libheif) on {os.path.basename(files[0])}')


if __name__ == '__main__':
    main()
