#!/usr/bin/env python3
"""errcat's benchmarks, side by side with hand-written errors.

    scripts/bench.py [--sizes 50,1000,10000] [--runs 5] [--parts encode,build,docs] [--quick]

Parts:
  encode  in-process figures with divan (bench/benches/errors.rs): error to
          bytes and client decoding, per error, with allocation counts; the
          ratios to the hand-written baselines are printed for each size.
  build   release and debug rebuild times (touch, then `cargo build`) of a
          crate holding the hand-written errors and of one holding
          `#[errcat::catalog]`, plus the macro's own expansion time
          (ERRCAT_TIMINGS=1).
  docs    `codegen generate` (Markdown and OpenAPI) on the N-entry
          catalogue: wall time and peak memory.

Whole runs are repeated --runs times; medians, minimum and maximum are
printed. --quick runs one short iteration of everything (CI uses it to
check that the benchmarks still build and run).
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
WORK = ROOT / "target" / "bench-work"


def run(cmd, cwd=ROOT, env=None, capture=True):
    full_env = dict(os.environ, **(env or {}))
    return subprocess.run(cmd, cwd=cwd, env=full_env, check=True, text=True,
                          stdout=subprocess.PIPE if capture else None, stderr=subprocess.STDOUT if capture else None)


def generate(sizes):
    missing = [n for n in sizes if not (BENCH / "generated" / f"n{n}" / "errors.yaml").exists() or n != 50]
    if missing:
        run(["cargo", "run", "-q", "--release", "-p", "errcat-bench", "--no-default-features", "--bin", "generate", "--"] + [str(n) for n in missing])


def spread(values, unit="", digits=2):
    values = sorted(values)
    med = statistics.median(values)
    return f"{med:.{digits}f}{unit} (min {values[0]:.{digits}f}, max {values[-1]:.{digits}f})"


# --- encode / decode ------------------------------------------------------

TIME = re.compile(r"([\d.]+)\s*(ns|µs|ms|s)\b")
SCALE = {"ns": 1.0, "µs": 1e3, "ms": 1e6, "s": 1e9}


def parse_divan(text):
    """Rows of divan's table: {(size, group, name): {fastest, slowest, median, mean, allocs}}."""
    rows = {}
    path = []
    last = None
    for line in text.splitlines():
        m = re.match(r"^([│ ├╰─]*)(\S+)\s+(.*)$", line)
        if not m or "fastest" in line:
            continue
        prefix, name, rest = m.groups()
        depth = len(prefix) // 3
        if name in ("alloc:", "max", "dealloc:", "grow:", "shrink:"):
            last_kind = name
            continue
        times = TIME.findall(rest)
        if name.endswith(":") or not re.match(r"^[a-z0-9_]+$", name):
            # allocation detail lines
            if last is not None and re.match(r"^[\d.]+$", name) and rows[last].get("allocs") is None and "B" not in rest:
                cols = [c.strip() for c in (name + " " + rest).split("│")]
                try:
                    rows[last]["allocs"] = float(cols[2])  # median column
                except (ValueError, IndexError):
                    pass
            continue
        path = path[:depth] + [name]
        if len(times) >= 4:
            vals = [float(v) * SCALE[u] for v, u in times[:4]]
            key = tuple(path[-3:])
            rows[key] = {"fastest": vals[0], "slowest": vals[1], "median": vals[2], "mean": vals[3], "allocs": None}
            last = key
        elif re.match(r"^[\d.]+$", name):
            pass
    return rows


def parse_allocs(text, rows):
    """Fills the median allocation count of each row (the first `alloc:` block after it)."""
    lines = text.splitlines()
    current = None
    expect = False
    for line in lines:
        m = re.match(r"^[│ ├╰─]*([a-z0-9_]+)\s+[\d.]+\s*(ns|µs|ms)", line)
        if m:
            current = next((k for k in rows if k[-1] == m.group(1) and rows[k].get("_seen") is None), None)
            if current:
                rows[current]["_seen"] = True
                rows[current]["allocs"] = 0.0
            expect = False
            continue
        if current and re.search(r"\balloc:", line) and "max" not in line:
            expect = True
            continue
        if current and expect:
            cols = [c.strip() for c in line.split("│")]
            nums = re.findall(r"[\d.]+", line.split("│")[0])
            try:
                rows[current]["allocs"] = float(cols[2].split()[0])
            except (ValueError, IndexError):
                if nums:
                    rows[current]["allocs"] = float(nums[-1])
            expect = False
            current = None


def encode(sizes, quick):
    features = ",".join(f"n{n}" for n in sizes)
    cmd = ["cargo", "bench", "-q", "-p", "errcat-bench", "--no-default-features", "--features", features, "--bench", "errors", "--"]
    if quick:
        cmd += ["--sample-count", "3", "--sample-size", "4"]
    text = run(cmd).stdout
    rows = parse_divan(text)
    parse_allocs(text, rows)
    print("\n## Error to bytes and decoding (median ns per error; allocations per error)\n")
    for n in sizes:
        r = {k[-1] if k[-2] in ("encode", "decode") else k: v for k, v in rows.items() if k[0] == f"n{n}" or (len(k) > 2 and k[-3] == f"n{n}")}
        enc = {k[-1]: v for k, v in rows.items() if len(k) == 3 and k[0] == f"n{n}" and k[1] == "encode"}
        dec = {k[-1]: v for k, v in rows.items() if len(k) == 3 and k[0] == f"n{n}" and k[1] == "decode"}
        if not enc:
            print(f"(no figures for N={n}; divan output follows)\n{text}")
            continue
        print(f"### N = {n}\n")
        print("| | median ns | min | max | allocs | typical ÷ this | careful ÷ this |")
        print("|---|---|---|---|---|---|---|")
        for name in ["typical", "careful", "errcat_vec", "errcat_buffer", "floor_vec", "floor_copy"]:
            v = enc.get(name)
            if not v:
                continue
            print(f"| encode/{name} | {v['median']:.1f} | {v['fastest']:.1f} | {v['slowest']:.1f} | {v['allocs'] if v['allocs'] is not None else '?'} | "
                  f"{enc['typical']['median'] / v['median']:.2f}× | {enc['careful']['median'] / v['median']:.2f}× |")
        for name in ["baseline", "errcat"]:
            v = dec.get(name)
            if v:
                print(f"| decode/{name} | {v['median']:.1f} | {v['fastest']:.1f} | {v['slowest']:.1f} | {v['allocs'] if v['allocs'] is not None else '?'} | | |")
        if "errcat" in dec and "baseline" in dec:
            print(f"\ndecode: baseline ÷ errcat = {dec['baseline']['median'] / dec['errcat']['median']:.2f}×")
        if "errcat_vec" in enc:
            print(f"errcat_vec ÷ floor_vec = {enc['errcat_vec']['median'] / enc['floor_vec']['median']:.2f}×, "
                  f"errcat_buffer ÷ floor_copy = {enc['errcat_buffer']['median'] / enc['floor_copy']['median']:.2f}×\n")


# --- build ----------------------------------------------------------------

def write_crates(n):
    base = WORK / f"n{n}"
    gen = BENCH / "generated" / f"n{n}"
    crates = {}
    for kind in ("handwritten", "errcat"):
        d = base / kind
        (d / "src").mkdir(parents=True, exist_ok=True)
        if kind == "handwritten":
            deps = 'thiserror = "2"\nserde = { version = "1", features = ["derive"] }\nserde_json = "1"\n'
            shutil.copy(BENCH / "src" / "baseline.rs", d / "src" / "baseline.rs")
            shutil.copy(gen / "baseline.rs", d / "src" / "errors.rs")
            lib = '#![allow(dead_code)]\npub mod baseline;\ninclude!("errors.rs");\n'
        else:
            deps = f'errcat = {{ path = "{ROOT}" }}\n'
            shutil.copy(gen / "errors.yaml", d / "errors.yaml")
            lib = '#[errcat::catalog("errors.yaml")]\npub enum ErrcatError {}\n'
        (d / "Cargo.toml").write_text(f'[package]\nname = "{kind}-n{n}"\nversion = "0.1.0"\nedition = "2024"\n[dependencies]\n{deps}[workspace]\n')
        (d / "src" / "lib.rs").write_text(lib)
        crates[kind] = d
    return crates


def timed_build(crate, release, env=None):
    # Touch every source file: a change anywhere in the errors' crate.
    for f in (crate / "src").iterdir():
        f.touch()
    cmd = ["cargo", "build", "-q"] + (["--release"] if release else [])
    start = time.perf_counter()
    out = run(cmd, cwd=crate, env=dict(env or {}, CARGO_TARGET_DIR=str(crate / "target"))).stdout
    return time.perf_counter() - start, out


def build(sizes, runs):
    print("\n## Rebuild after `touch` (seconds)\n")
    print("| N | crate | debug | release |")
    print("|---|---|---|---|")
    expansions = {}
    for n in sizes:
        crates = write_crates(n)
        for kind, crate in crates.items():
            figures = {}
            for release in (False, True):
                timed_build(crate, release)  # dependencies and a first build
                times = []
                for _ in range(runs):
                    t, out = timed_build(crate, release, env={"ERRCAT_TIMINGS": "1"})
                    times.append(t)
                    for line in out.splitlines():
                        m = re.search(r"errcat: expanded .* in ([\d.]+) ms: load and validate ([\d.]+) ms, emit ([\d.]+) ms", line)
                        if m:
                            expansions.setdefault((n, "release" if release else "debug"), []).append(tuple(float(x) for x in m.groups()))
                figures[release] = spread(times, " s")
            print(f"| {n} | {kind} | {figures[False]} | {figures[True]} |")
    if expansions:
        print("\nMacro expansion alone (load, validate, emit), as the compiler runs it (an unoptimised proc macro):\n")
        for (n, profile), vals in sorted(expansions.items()):
            print(f"- N={n}, {profile} build: total {spread([v[0] for v in vals], ' ms', 1)}; load and validate {spread([v[1] for v in vals], ' ms', 1)}")


# --- docs -----------------------------------------------------------------

def docs(sizes, runs):
    run(["cargo", "build", "-q", "--release", "-p", "codegen"])
    exe = ROOT / "target" / "release" / "codegen"
    print("\n## `codegen generate` (Markdown and OpenAPI)\n")
    print("| N | wall time | peak memory |")
    print("|---|---|---|")
    medians = {}
    for n in sizes:
        out_dir = WORK / f"docs-n{n}"
        times, rss = [], []
        for _ in range(runs):
            shutil.rmtree(out_dir, ignore_errors=True)
            start = time.perf_counter()
            proc = subprocess.Popen([str(exe), "generate", str(BENCH / "generated" / f"n{n}" / "errors.yaml"), "--out", str(out_dir)],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            _, status, usage = os.wait4(proc.pid, 0)
            times.append(time.perf_counter() - start)
            rss.append(usage.ru_maxrss / 1024)
            if status != 0:
                sys.exit(f"codegen failed for N={n}")
        medians[n] = statistics.median(times)
        print(f"| {n} | {spread(times, ' s', 3)} | {spread(rss, ' MB', 1)} |")
    ns = sorted(medians)
    for a, b in zip(ns, ns[1:]):
        print(f"\n{b // a}× the entries: {medians[b] / medians[a]:.1f}× the time (N={a} → N={b})")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", default="50,1000,10000")
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--parts", default="encode,build,docs")
    p.add_argument("--quick", action="store_true")
    a = p.parse_args()
    sizes = [int(s) for s in a.sizes.split(",")]
    parts = a.parts.split(",")
    runs = 1 if a.quick else a.runs
    generate(sizes)
    print(f"# errcat benchmarks ({os.cpu_count()} CPUs; {time.strftime('%Y-%m-%d')})")
    if "encode" in parts:
        encode(sizes, a.quick)
    if "build" in parts:
        build(sizes, runs)
    if "docs" in parts:
        docs(sizes, runs)


if __name__ == "__main__":
    main()
