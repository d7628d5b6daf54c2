#!/usr/bin/env python3
"""Run `ailabel check --json` over the fixtures made by make_fixtures.py and compare with the
expected verdicts and with c2pa-python's Reader (c2pa-rs 0.91.3).

Usage (from the repo root):
    python3 scripts/crosscheck/make_fixtures.py /tmp/ailabel-crosscheck
    python3 scripts/crosscheck/run_crosscheck.py /tmp/ailabel-crosscheck [--bin PATH]

Without --bin it builds and runs `cargo run --release --`. With --structure-only (while the
signature layer is a stub that reports every claim `claimSignature.missing`), that code is
ignored and cases only the crypto layer can decide are listed but not counted. Prints one row per case and exits 1
on any case where our verdict differs from the expected one (a disagreement between expected
and the reference is reported but does not fail the run: it documents c2pa-rs, not us).
"""

import datetime as dt
import json
import os
import subprocess
import sys


def main():
    args = sys.argv[1:]
    binary = None
    structure_only = "--structure-only" in args
    if structure_only:
        args.remove("--structure-only")
    if "--bin" in args:
        i = args.index("--bin")
        binary = args[i + 1]
        del args[i : i + 2]
    out = args[0] if args else "/tmp/ailabel-crosscheck"
    with open(os.path.join(out, "expected.json")) as f:
        cases = json.load(f)["cases"]
    cmd = [binary] if binary else ["cargo", "run", "--quiet", "--release", "--"]
    at = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    root = os.path.join(out, "pki", "root.pem")
    tsa_root = os.path.join(out, "pki", "tsa-root.pem")

    rows, bad = [], 0
    for c in cases:
        argv = cmd + ["check", "--json", "--at", at]
        if c["anchors"]:
            argv += ["--trust-anchors", root]
        if c.get("tsa_anchors"):
            argv += ["--tsa-anchors", tsa_root]
        argv.append(os.path.join(out, c["file"]))
        p = subprocess.run(argv, capture_output=True, text=True)
        try:
            rep = json.loads(p.stdout.strip().splitlines()[0])
            ours = rep["verdict"]
            c2 = rep.get("c2pa") or {}
            codes = sorted({e["code"] for e in (c2.get("validation") or {}).get("failure", [])})
            state = c2.get("state")
            ai = c2.get("ai")
        except (IndexError, ValueError, KeyError):
            ours, codes, state, ai = "crash", [p.stderr.strip()[-200:]], None, None
        ref = c["reference"]
        ok = ours == c["expected"]
        if structure_only:
            other = [x for x in codes if x != "claimSignature.missing"]
            if c.get("layer") == "crypto":
                ok = None
            elif c["expected"] == "invalid":
                ok = bool(other) or ours == "invalid" and "general.error" in codes
            else:
                # The AI reading must already be right: ai-* verdicts need c2pa.ai set.
                ok = not other and state is not None and (ai is not None) == c["expected"].startswith("ai-")
        bad += ok is False
        rows.append((c["file"], c["expected"], ours, ref["verdict"], state, codes, ref["state"], ref["failure"], ok))

    w = max(len(r[0]) for r in rows)
    print(f"{'file':{w}}  {'expected':11}  {'ours':11}  {'c2pa-rs':11}  ok  our state/failures | c2pa-rs state/failures")
    for f, exp, ours, refv, st, codes, rst, rcodes, ok in rows:
        mark = {True: "ok", False: "XX", None: "--"}[ok]
        print(f"{f:{w}}  {exp:11}  {ours:11}  {refv:11}  {mark}  {st} {','.join(codes)} | {rst} {','.join(rcodes)}")
    counted = [r for r in rows if r[-1] is not None]
    what = "pass the structure checks" if structure_only else "agree with the expected verdict"
    print(f"\n{len(counted) - bad}/{len(counted)} {what}")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
