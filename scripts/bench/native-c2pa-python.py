#!/usr/bin/env python3
"""ailabel's library against c2pa-python's Reader, in-process against in-process, file by file
(issue 13, item 5). Results: BENCHMARKS.md, "Native CLI against c2pa-python".

Ours: `ailabel::check` + the report as JSON, timed inside the `native_files` bench binary
(benches/native_files.rs): watermarks off, no trust lists, no SHA-256 of the whole input for the
report (`input_sha256: false`: the Reader hashes only what a manifest binds; --input-sha256 keeps
it). Theirs: c2pa-python (0.38.1 bundles
c2pa-rs 0.91.3), default settings (no trust lists), `Reader(format, BytesIO(bytes))` + `json()`,
timed here. Both read every file into memory first and time CPU of the calling thread
(`time.thread_time()` here, `CLOCK_THREAD_CPUTIME_ID` there): per file, one untimed call, then
calls until MIN_MS of CPU have passed. Rounds alternate (ours, theirs, ours, ...); the figure per
file and side is the median over rounds. Run it on one core:

    pip install c2pa-python==0.38.1
    cargo bench --no-default-features --bench native_files --no-run   # prints the binary's path
    taskset -c 0 python3 scripts/bench/native-c2pa-python.py CORPUS_DIR [--list FILE]
        [--rounds 5] [--min-ms 20] [--ours BINARY] [--json OUT.json] [--input-sha256]

Without --ours the bench binary is built (and found) with cargo. CORPUS_DIR is the research
corpus (outside the repository); the default list is scripts/bench/baseline.txt.
"""

import argparse
import io
import json
import math
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def read_list(path):
    with open(path) as f:
        return [l.strip() for l in f if l.strip() and not l.lstrip().startswith("#")]


def build_ours():
    out = subprocess.run(
        ["cargo", "bench", "--no-default-features", "--bench", "native_files", "--no-run",
         "--message-format=json"],
        cwd=ROOT, check=True, stdout=subprocess.PIPE, text=True,
    ).stdout
    for line in out.splitlines():
        m = json.loads(line)
        if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "native_files" and m.get("executable"):
            return m["executable"]
    sys.exit("native-c2pa-python: cargo built no native_files bench binary")


def run_ours(binary, corpus, listfile, min_ms, input_sha256):
    out = subprocess.run(
        [binary, corpus, listfile, "--rounds", "1", "--min-ms", str(min_ms)]
        + (["--input-sha256"] if input_sha256 else []),
        check=True, stdout=subprocess.PIPE, text=True,
    ).stdout
    return {f["path"]: (f["cpu_ns"][0], f["verdict"]) for f in json.loads(out)["files"]}


def theirs_once(c2pa, fmt, data):
    try:
        r = c2pa.Reader(fmt, io.BytesIO(data))
        try:
            j = r.json()
            state = r.get_validation_state()
        finally:
            r.close()
        return state, len(j)
    except c2pa.C2paError as e:
        return type(e).__name__, 0


def run_theirs(c2pa, files, min_ms):
    res = {}
    for name, fmt, data in files:
        state, _ = theirs_once(c2pa, fmt, data)  # untimed
        c0 = time.thread_time_ns()
        n = 0
        while True:
            theirs_once(c2pa, fmt, data)
            n += 1
            if time.thread_time_ns() - c0 >= min_ms * 1_000_000:
                break
        res[name] = ((time.thread_time_ns() - c0) / n, state)
    return res


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus")
    ap.add_argument("--list", default=os.path.join(HERE, "baseline.txt"))
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--min-ms", type=int, default=20)
    ap.add_argument("--ours")
    ap.add_argument("--json")
    ap.add_argument("--input-sha256", action="store_true")
    a = ap.parse_args()
    if not os.path.isdir(a.corpus):
        sys.exit(f"native-c2pa-python: corpus folder {a.corpus!r} not found (give the research corpus's path)")
    try:
        import c2pa
    except ImportError:
        sys.exit("native-c2pa-python: c2pa-python is not installed (pip install c2pa-python==0.38.1)")
    names = read_list(a.list)
    files = []
    for n in names:
        p = os.path.join(a.corpus, n)
        if not os.path.isfile(p):
            sys.exit(f"native-c2pa-python: {n} is not in the corpus at {a.corpus}")
        with open(p, "rb") as f:
            files.append((n, n.rsplit(".", 1)[-1].lower(), f.read()))
    binary = a.ours or build_ours()
    cpus = sorted(os.sched_getaffinity(0))
    print(f"c2pa-python {c2pa.__version__} ({c2pa.sdk_version()}), {len(files)} files, "
          f"{a.rounds} rounds, CPUs {cpus}, load {os.getloadavg()}, ailabel input_sha256 {a.input_sha256}", file=sys.stderr)
    ours, theirs = {n: [] for n in names}, {n: [] for n in names}
    verdicts, states = {}, {}
    for r in range(a.rounds):
        for n, (ns, v) in run_ours(binary, a.corpus, a.list, a.min_ms, a.input_sha256).items():
            ours[n].append(ns)
            verdicts[n] = v
        for n, (ns, s) in run_theirs(c2pa, files, a.min_ms).items():
            theirs[n].append(ns)
            states[n] = s
        print(f"round {r + 1}/{a.rounds} done", file=sys.stderr)
    rows = []
    for n, _, data in files:
        o, t = statistics.median(ours[n]), statistics.median(theirs[n])
        rows.append({"path": n, "bytes": len(data), "verdict": verdicts[n], "reader": states[n],
                     "ours_ms": o / 1e6, "theirs_ms": t / 1e6, "speedup": t / o})
    geo = math.exp(statistics.fmean(math.log(r["speedup"]) for r in rows))
    to, tt = sum(r["ours_ms"] for r in rows), sum(r["theirs_ms"] for r in rows)
    print("| file | bytes | ailabel verdict | Reader state | ailabel CPU ms | Reader CPU ms | Reader / ailabel |")
    print("|---|---:|---|---|---:|---:|---:|")
    for r in rows:
        print(f"| {r['path']} | {r['bytes']:,} | {r['verdict']} | {r['reader']} | {r['ours_ms']:.3f} | "
              f"{r['theirs_ms']:.3f} | {r['speedup']:.2f} |")
    print(f"\ntotal CPU: ailabel {to:.1f} ms, c2pa-python Reader {tt:.1f} ms ({tt / to:.2f}x); "
          f"geometric mean of per-file speedups {geo:.2f}x; min {min(r['speedup'] for r in rows):.2f}x, "
          f"max {max(r['speedup'] for r in rows):.2f}x; load after {os.getloadavg()}")
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"rows": rows, "geomean": geo, "total_ours_ms": to, "total_theirs_ms": tt,
                       "ours_runs": ours, "theirs_runs": theirs}, f, indent=1)


if __name__ == "__main__":
    main()
