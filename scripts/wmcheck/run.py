#!/usr/bin/env python3
"""Run the SDXL acceptance set made by make_sdxl_set.py through `ailabel check --json` and
compare our decoder's bits with imwatermark's own decode of the same files.

Usage (from the repo root):
  python3 scripts/wmcheck/run.py [--ailabel target/release/ailabel] [--dir /tmp/ailabel-wmcheck]
Our per-file bits come from the ignored test `watermark_wmcheck` (run here through cargo).
"""
import argparse
import collections
import json
import os
import subprocess
import sys

ap = argparse.ArgumentParser()
ap.add_argument("--dir", default="/tmp/ailabel-wmcheck")
ap.add_argument("--ailabel", default=os.path.join(os.environ.get("CARGO_TARGET_DIR", "target"), "release", "ailabel"))
ap.add_argument("--no-cargo", action="store_true", help="reuse an existing ours.tsv")
args = ap.parse_args()

exp = json.load(open(os.path.join(args.dir, "expected.json")))["files"]
tsv = os.path.join(args.dir, "ours.tsv")
if not args.no_cargo:
    env = dict(os.environ, AILABEL_WMCHECK_DIR=args.dir)
    subprocess.run(["cargo", "test", "--release", "--test", "watermark_wmcheck", "--", "--ignored"],
                   check=True, env=env, stdout=subprocess.DEVNULL)
ours = {}
for line in open(tsv):
    name, agree, bits = line.rstrip("\n").split("\t")
    ours[name] = (int(agree), bits)


def verdict(path):
    p = subprocess.run([args.ailabel, "check", "--json", path], capture_output=True, text=True)
    try:
        rep = json.loads(p.stdout)
    except json.JSONDecodeError:
        return "error", ""
    v = rep.get("verdict")
    if isinstance(v, dict):
        v = v.get("verdict") or v.get("kind") or json.dumps(v)
    wm = [s.get("value", "") for s in rep.get("signals", []) if s.get("family") == "watermark"]
    return str(v), "; ".join(wm)


counts = collections.defaultdict(lambda: [0, 0, 0])  # detected, total, bit-mismatch files
false_pos = []
missed = []
mismatch = []
print(f"{'file':58s} {'imwm':>5s} {'ours':>5s} {'same':>4s}  verdict")
for e in exp:
    f = e["file"]
    path = os.path.join(args.dir, f)
    v, wm = verdict(path)
    o_agree, o_bits = ours.get(f, (-1, ""))
    same_bits = o_bits == e["imwatermark_bits"]
    print(f"{f:58s} {e['imwatermark_agree']:>5d} {o_agree:>5d} {'yes' if same_bits else 'NO':>4s}  {v}")
    key = (e["path"], e["format"])
    c = counts[key]
    c[1] += 1
    if v == "ai-watermark":
        c[0] += 1
    if not same_bits:
        c[2] += 1
        mismatch.append((f, e["imwatermark_bits"], o_bits))
    if not e["marked"] and v == "ai-watermark":
        false_pos.append((f, wm))
    if e["marked"] and v != "ai-watermark":
        missed.append((f, e["imwatermark_agree"], o_agree))

print()
print(f"{'path':6s} {'format':8s} {'ai-watermark/total':>18s} {'bit mismatches vs imwatermark':>30s}")
for (p, fmt), (d, t, m) in sorted(counts.items()):
    print(f"{p:6s} {fmt:8s} {d:>8d}/{t:<9d} {m:>30d}")
print(f"\nfalse detections on twins: {len(false_pos)}")
for f, wm in false_pos:
    print("  FP", f, wm)
print(f"marked files not detected: {len(missed)} (imwatermark's own agreement / ours)")
for f, a, o in missed:
    print(f"  miss {f} {a} {o}")
if mismatch:
    print(f"files where our bits differ from imwatermark's: {len(mismatch)}")
    for f, a, b in mismatch:
        diff = sum(x != y for x, y in zip(a, b))
        print(f"  {f}: {diff} bits differ")
sys.exit(1 if false_pos else 0)
