#!/usr/bin/env python3
"""Make the two JPEGs the C2PA verification benchmark reads (about 1 MB and 20 MB, noise pixels,
an ES256 manifest from c2pa-python with the cross-check test PKI), then time c2pa-python's
Reader (c2pa-rs 0.91.3) on the same files so both tools verify the SAME bytes.

Dev tools (pip): c2pa-python==0.38.1 cryptography pillow  (see make_fixtures.py).

Usage:
    python3 scripts/crosscheck/bench_files.py DIR [ITERATIONS]     (default 20 iterations)
    AILABEL_BENCH_DIR=DIR cargo bench --bench c2pa_verify

Writes DIR/bench-1mb.jpg, DIR/bench-20mb.jpg, DIR/root.pem; prints c2pa-python's timings.
"""

import io
import os
import statistics
import sys
import time

import c2pa
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_fixtures as mf  # noqa: E402


def noise_jpeg(target):
    """A JPEG of roughly `target` bytes (within 5%): random pixels at quality 95, the side
    rescaled from the measured size."""
    side = 512
    for _ in range(3):
        img = Image.frombytes("RGB", (side, side), os.urandom(side * side * 3))
        buf = io.BytesIO()
        img.save(buf, format="JPEG", quality=95)
        got = len(buf.getvalue())
        if abs(got - target) < target * 0.05:
            break
        side = max(64, int(side * (target / got) ** 0.5))
    return buf.getvalue()


def main():
    out = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    os.makedirs(out, exist_ok=True)
    signers, _swaps, root_pem, _tsa = mf.make_pki(out)
    with open(os.path.join(out, "root.pem"), "w") as f:
        f.write(root_pem)
    settings = {"trust": {"trust_anchors": root_pem}, "verify": {"verify_trust": True}}
    for name, size in [("bench-1mb.jpg", 1 << 20), ("bench-20mb.jpg", 20 << 20)]:
        # No thumbnail: a noise thumbnail would add ~0.7 MB of manifest to a "1 MB" file.
        sctx = c2pa.Context(settings=c2pa.Settings.from_dict({**settings, "builder": {"thumbnail": {"enabled": False}}}))
        b = c2pa.Builder(mf.manifest(name, "trainedAlgorithmicMedia"), context=sctx)
        dest = io.BytesIO()
        b.sign(mf.make_signer(signers, "es256"), "image/jpeg", io.BytesIO(noise_jpeg(size)), dest)
        data = dest.getvalue()
        path = os.path.join(out, name)
        with open(path, "wb") as f:
            f.write(data)
        ctx = c2pa.Context(settings=c2pa.Settings.from_dict(settings))
        times, cpu = [], []
        state = None
        for _ in range(n):
            t0, c0 = time.perf_counter(), time.process_time()
            with open(path, "rb") as f:
                r = c2pa.Reader("image/jpeg", f, context=ctx)
                state = r.get_validation_state()
            times.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        print(
            f"c2pa-python Reader {name} ({len(data)} bytes): state {state}, wall median "
            f"{statistics.median(times) * 1e3:.2f} ms (min {min(times) * 1e3:.2f}), CPU median "
            f"{statistics.median(cpu) * 1e3:.2f} ms (min {min(cpu) * 1e3:.2f}) over {n} runs"
        )


if __name__ == "__main__":
    main()
