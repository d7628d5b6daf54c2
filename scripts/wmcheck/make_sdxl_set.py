#!/usr/bin/env python3
"""Build an SDXL dwtDct acceptance set with the REAL `invisible-watermark` package.

Output goes to /tmp/ailabel-wmcheck (never into the repo): marked images (8-bit path and the
diffusers float path), their unmarked twins, each as PNG, JPEG q95 4:4:4 and JPEG q95 4:2:0,
plus expected.json with imwatermark's own decode of every written file.

Needs: pip install --no-deps invisible-watermark; pip install opencv-python-headless PyWavelets
numpy pillow.  torch is not needed: `imwatermark.rivaGan` imports torch at module level, so a stub
module is installed before the import (rivaGan is never used here).
"""
import io
import json
import os
import sys
import types

import cv2
import numpy as np
from PIL import Image

if "torch" not in sys.modules:
    try:
        import torch  # noqa: F401
    except ImportError:
        sys.modules["torch"] = types.ModuleType("torch")
from imwatermark import WatermarkDecoder, WatermarkEncoder  # noqa: E402

OUT = os.environ.get("WMCHECK_OUT", "/tmp/ailabel-wmcheck")
CORPUS = os.environ.get(
    "AILABEL_CORPUS",
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "corpus"),
)
# Stability generative-models / diffusers SDXL: WATERMARK_MESSAGE = 0b101100111110110010010000011110111011000110011110
PAYLOAD = bytes.fromhex("B3EC907BB19E")
BITS = np.unpackbits(np.frombuffer(PAYLOAD, dtype=np.uint8)).astype(bool)

PHOTOS = [
    "c2pa-rs-fixtures/IMG_0003.jpg",
    "public-testfiles/image/adobe-20220124-A.jpg",
    "c2pa-rs-fixtures/earth_apollo17.jpg",
    "c2pa-rs-fixtures/C.jpg",
    "c2pa-rs-fixtures/prerelease.jpg",
    "c2pa-js/PirateShip_save_credentials_to_cloud.jpg",
    "c2pa-rs-fixtures/cloud.jpg",
    "public-testfiles/image/adobe-20220124-CI.jpg",
]


def synthetic(seed, w, h):
    """Gradients, smooth noise, shapes and fine noise: a natural-looking RGB uint8 image."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float64)
    img = np.zeros((h, w, 3))
    for c in range(3):
        a, b, k = rng.uniform(-1, 1, 3)
        img[..., c] = 128 + 90 * np.sin(a * xx / w * 3 + b * yy / h * 3 + k * 6)
    # smooth low-frequency noise
    small = rng.normal(0, 40, (h // 32 + 1, w // 32 + 1, 3)).astype(np.float32)
    img += cv2.resize(small, (w, h), interpolation=cv2.INTER_CUBIC)
    for _ in range(rng.integers(4, 12)):
        colour = tuple(float(x) for x in rng.uniform(0, 255, 3))
        centre = (int(rng.integers(0, w)), int(rng.integers(0, h)))
        if rng.random() < 0.5:
            cv2.circle(img, centre, int(rng.integers(20, w // 4)), colour, -1, cv2.LINE_AA)
        else:
            p2 = (int(rng.integers(0, w)), int(rng.integers(0, h)))
            cv2.rectangle(img, centre, p2, colour, -1)
    img = cv2.GaussianBlur(img, (0, 0), float(rng.uniform(0.5, 3)))
    img += rng.normal(0, rng.uniform(1, 8), img.shape)
    return np.clip(np.round(img), 0, 255).astype(np.uint8)


def photo(rel):
    path = os.path.join(CORPUS, rel)
    im = Image.open(path).convert("RGB")
    scale = 1024 / max(im.size)
    size = (max(1, round(im.width * scale)), max(1, round(im.height * scale)))
    im = im.resize(size, Image.LANCZOS)
    return np.asarray(im, dtype=np.uint8).copy()


def mark_u8(rgb):
    """The 8-bit path: uint8 BGR straight into WatermarkEncoder.encode(bgr, 'dwtDct')."""
    enc = WatermarkEncoder()
    enc.set_watermark("bytes", PAYLOAD)
    bgr = np.ascontiguousarray(rgb[:, :, ::-1])
    out = enc.encode(bgr, "dwtDct")
    return np.ascontiguousarray(out[:, :, ::-1])


def mark_float(rgb):
    """diffusers StableDiffusionXLWatermarker.apply_watermark with numpy float32 for torch:
    images in [-1, 1] -> 255 * (x / 2 + 0.5) float32 -> BGR -> encode -> RGB ->
    clamp(2 * (x / 255 - 0.5), -1, 1); then the pipeline's postprocess
    (x / 2 + 0.5).clamp(0, 1) -> (x * 255).round() -> uint8."""
    enc = WatermarkEncoder()
    enc.set_watermark("bytes", PAYLOAD)
    t = rgb.astype(np.float32) / np.float32(127.5) - np.float32(1.0)  # the VAE output stand-in
    f = (np.float32(255) * (t / np.float32(2) + np.float32(0.5))).astype(np.float32)
    bgr = np.ascontiguousarray(f[:, :, ::-1])
    out = enc.encode(bgr, "dwtDct")[:, :, ::-1]
    t2 = np.clip(np.float32(2) * (out / np.float32(255) - np.float32(0.5)), -1.0, 1.0)
    x = np.clip(t2 / np.float32(2) + np.float32(0.5), 0.0, 1.0)
    return np.round(x * 255).astype(np.uint8)


def save(rgb, stem, kind):
    """Write rgb as `kind` and return (path, the BGR pixels OpenCV reads back)."""
    if kind == "png":
        path = f"{stem}.png"
        cv2.imwrite(path, np.ascontiguousarray(rgb[:, :, ::-1]))
    else:
        path = f"{stem}.{kind}.jpg"
        sub = 0 if kind == "q95-444" else 2
        Image.fromarray(rgb).save(path, quality=95, subsampling=sub)
    return path, cv2.imread(path, cv2.IMREAD_COLOR)


def own_decode(bgr):
    bits = np.array(WatermarkDecoder("bits", 48).decode(bgr, "dwtDct")).astype(bool)
    same = int((bits == BITS).sum())
    return same, "".join("1" if b else "0" for b in bits)


def main():
    os.makedirs(OUT, exist_ok=True)
    bases = []
    sizes = [(512, 512), (1024, 1024), (768, 1024), (1024, 768), (832, 1216), (1216, 832),
             (640, 896), (1024, 1024), (512, 768), (896, 1152)]
    for i, (w, h) in enumerate(sizes):
        bases.append((f"syn{i:02d}", synthetic(1000 + i, w, h)))
    for rel in PHOTOS:
        if os.path.exists(os.path.join(CORPUS, rel)):
            name = "photo-" + os.path.splitext(os.path.basename(rel))[0]
            bases.append((name, photo(rel)))
        else:
            print(f"skip missing corpus photo {rel}", file=sys.stderr)
    expected = []
    for name, rgb in bases:
        variants = [("twin", rgb, False), ("u8", mark_u8(rgb), True), ("float", mark_float(rgb), True)]
        for path_kind, pixels, marked in variants:
            for kind in ["png", "q95-444", "q95-420"]:
                path, bgr = save(pixels, os.path.join(OUT, f"{name}.{path_kind}"), kind)
                same, bitstr = own_decode(bgr)
                expected.append({
                    "file": os.path.basename(path),
                    "base": name,
                    "path": path_kind,
                    "format": kind,
                    "marked": marked,
                    "expected": "ai-watermark" if marked else "not-ai-watermark",
                    "may_miss": kind == "q95-420",
                    "imwatermark_agree": same,
                    "imwatermark_bits": bitstr,
                    "width": int(rgb.shape[1]),
                    "height": int(rgb.shape[0]),
                })
                print(f"{os.path.basename(path):55s} imwatermark {same:2d}/48 (inv {48 - same:2d})")
    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump({"payload": "0xB3EC907BB19E", "bits": 48, "files": expected}, f, indent=1)


if __name__ == "__main__":
    main()
