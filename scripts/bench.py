#!/usr/bin/env python3
"""errcat's benchmarks, side by side with hand-written errors.

    scripts/bench.py [--sizes 50,1000,10000] [--runs 5] [--parts encode,build,docs]
                     [--crates handwritten,errcat,errcat-optimised]
                     [--profiles debug,release] [--quick]

Parts:
  encode  In-process figures with divan (bench/benches/errors.rs): error to
          bytes and client decoding, per error, with allocation counts from
          a counting allocator, and the ratios to the hand-written baselines.
          At N = 10,000 only errcat's side is built (rustc runs out of
          memory compiling the baseline in release on a 24 GiB machine); its
          ratios are to the largest baseline measured in the same run.
  build   Rebuild time after `touch` (debug and release) of a crate holding
          the hand-written errors and of one holding `#[errcat::catalog]`,
          the latter with the proc macro built as cargo builds it by default
          (unoptimised) and with `build-override.opt-level = 3`; plus the
          macro's own expansion time, which it reports with ERRCAT_TIMINGS=1.
  docs    `codegen generate` (Markdown and OpenAPI) on the N-entry
          catalogue: wall time and peak memory (maximum resident set size).

Whole runs are repeated --runs times and reported as median (min, max).
--quick runs each part once with few samples; CI uses it to check that the
benchmarks still build and run, not for figures.

The 50-entry inputs are committed under bench/generated/n50; larger ones
are generated on first use (`cargo run -p errcat-bench --bin generate -- N`).
"""

import argparse
import os
import platform
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


def run(cmd, cwd=ROOT, env=None):
    """Runs a command, returning its combined output; exits on failure."""
    proc = subprocess.run(cmd, cwd=cwd, env=dict(os.environ, **(env or {})), text=True,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if proc.returncode != 0:
        sys.exit(f"command failed ({proc.returncode}): {' '.join(map(str, cmd))}\n{proc.stdout}")
    return proc.stdout


def generate(sizes):
    missing = [n for n in sizes if not (BENCH / "generated" / f"n{n}" / "errors.yaml").exists()]
    if missing:
        run(["cargo", "run", "-q", "--release", "-p", "errcat-bench", "--no-default-features",
             "--bin", "generate", "--"] + [str(n) for n in missing])


def spread(values, unit="", digits=2):
    """`median (min, max)` of a list of figures."""
    values = sorted(values)
    med = statistics.median(values)
    if len(values) == 1:
        return f"{med:.{digits}f}{unit}"
    return f"{med:.{digits}f}{unit} ({values[0]:.{digits}f}–{values[-1]:.{digits}f})"


def machine():
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    rustc = run(["rustc", "--version"]).strip()
    return f"{os.cpu_count()} CPUs ({cpu}), {platform.system()} {platform.release()}, {rustc}"


# --- encode / decode ------------------------------------------------------

UNITS = {"ps": 1e-3, "ns": 1.0, "µs": 1e3, "us": 1e3, "ms": 1e6, "s": 1e9}
COLUMNS = ("fastest", "slowest", "median", "mean")


def parse_divan(text):
    """Reads divan's table into {path: {"fastest"|...: ns, "allocs": {...}}}.

    divan aligns its columns, and draws its tree with the same `│` that
    separates columns, so columns are cut at the positions of the
    separators in the header line, not by splitting.
    """
    rows, stack, current, pending = {}, [], None, None
    seps = None
    for line in text.splitlines():
        if seps is None:
            if "fastest" in line and "median" in line:
                seps = [i for i, c in enumerate(line) if c == "│"]
            continue
        if len(line) <= seps[0]:
            continue
        cells = [line[a + 1:b].strip() for a, b in zip([-1] + seps, seps + [len(line)])]
        head = line[:seps[0]].rstrip()
        body = head.lstrip("│ ├╰─")
        if body.endswith(":"):
            # `max alloc:`, `alloc:`, `dealloc:`, `grow:`... blocks: the
            # next line holds counts, the one after it bytes.
            pending = body[:-1] if current else None
            continue
        m = re.match(r"^(\S+)(?:\s+(\S+ \S+))?$", body)
        if not m:
            continue
        name, first = m.groups()
        if pending and current and re.match(r"^[\d.]+$", name):
            try:
                rows[current]["allocs"][pending] = dict(zip(COLUMNS, (float(v) for v in [name] + cells[1:4])))
            except ValueError:
                pass
            pending = None  # the bytes line that follows is not read
            continue
        depth = max(1, (len(head) - len(body)) // 3)
        stack = stack[:depth - 1] + [name]
        current = None
        pending = None
        if first:
            values = [first] + cells[1:4]
            parsed = []
            for v in values:
                mv = re.match(r"^([\d.]+)\s*(\S+)$", v)
                if not mv or mv.group(2) not in UNITS:
                    break
                parsed.append(float(mv.group(1)) * UNITS[mv.group(2)])
            if len(parsed) == 4:
                current = tuple(stack)
                rows[current] = dict(zip(COLUMNS, parsed), allocs={})
    return rows


# Sizes whose hand-written baseline cannot be compiled in release on a
# 24 GiB machine (rustc is killed out of memory): only errcat's side is built.
WITHOUT_BASELINE = {10000}


def encode(sizes, quick):
    features = ",".join(f"n{n}-errcat" if n in WITHOUT_BASELINE else f"n{n}" for n in sizes)
    cmd = ["cargo", "bench", "-q", "-p", "errcat-bench", "--no-default-features", "--features", features,
           "--bench", "errors", "--"]
    if quick:
        cmd += ["--sample-count", "5", "--sample-size", "16"]
    text = run(cmd)
    rows = parse_divan(text)
    print("\n## Error to bytes, and decoding (ns per error; allocations per error)\n")
    print("Medians of divan's samples; allocation counts are per error (the median sample).\n")
    ok = True
    measured = {}  # N -> (typical, careful) medians, for sizes without a baseline
    for n in sizes:
        enc = {k[-1]: v for k, v in rows.items() if k[-3:-1] == (f"n{n}", "encode")}
        dec = {k[-1]: v for k, v in rows.items() if k[-3:-1] == (f"n{n}", "decode")}
        if "errcat_vec" not in enc:
            print(f"no figures for N={n}; divan printed:\n{text}")
            ok = False
            continue
        if "typical" in enc and "careful" in enc:
            typical, careful = enc["typical"]["median"], enc["careful"]["median"]
            measured[n] = (typical, careful)
            against = ""
        elif measured:
            # No baseline at this size: compare with the largest size that has one.
            m = max(measured)
            typical, careful = measured[m]
            against = f" (against the hand-written baseline at N = {m}: it does not compile at N = {n})"
        else:
            typical = careful = None
            against = " (no hand-written baseline measured in this run)"
        print(f"### N = {n}{against}\n")
        print("| benchmark | median ns | fastest | slowest | allocs | typical ÷ this | careful ÷ this |")
        print("|---|---|---|---|---|---|---|")
        for group, table in (("encode", enc), ("decode", dec)):
            for name, v in table.items():
                # divan prints no `alloc:` block for code that never allocates.
                allocs = v["allocs"].get("alloc", {}).get("median", 0.0)
                ratios = (f"{typical / v['median']:.2f}×", f"{careful / v['median']:.2f}×") \
                    if group == "encode" and typical else ("", "")
                print(f"| {group}/{name} | {v['median']:.1f} | {v['fastest']:.1f} | {v['slowest']:.1f} | "
                      f"{allocs:g} | {ratios[0]} | {ratios[1]} |")
        vec, buf = enc.get("errcat_vec"), enc.get("errcat_buffer")
        print()
        if vec and buf and typical:
            print(f"- errcat_vec: {typical / vec['median']:.2f}× typical (target 5×), "
                  f"{careful / vec['median']:.2f}× careful (target 3×), "
                  f"{vec['median'] / enc['floor_vec']['median']:.1f}× the floor_vec")
            print(f"- errcat_buffer: {typical / buf['median']:.2f}× typical, {careful / buf['median']:.2f}× careful, "
                  f"{buf['median'] / enc['floor_copy']['median']:.1f}× the floor_copy")
        if "errcat" in dec and "baseline" in dec:
            print(f"- decode: baseline ÷ errcat = {dec['baseline']['median'] / dec['errcat']['median']:.2f}× (target ≥ 1)")
        print()
    if not ok:
        sys.exit("the benchmark output could not be read")


# --- build ----------------------------------------------------------------

OPTIMISED_MACRO = {
    "CARGO_PROFILE_DEV_BUILD_OVERRIDE_OPT_LEVEL": "3",
    "CARGO_PROFILE_RELEASE_BUILD_OVERRIDE_OPT_LEVEL": "3",
}
EXPANSION = re.compile(r"errcat: expanded .* in ([\d.]+) ms: load and validate ([\d.]+) ms, emit ([\d.]+) ms")


def write_crates(n):
    """Two crates of the same N errors: hand-written, and `#[errcat::catalog]`."""
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
            lib = "#![allow(dead_code)]\npub mod baseline;\ninclude!(\"errors.rs\");\n"
        else:
            deps = f'errcat = {{ path = "{ROOT.as_posix()}" }}\n'
            shutil.copy(gen / "errors.yaml", d / "errors.yaml")
            lib = '#[errcat::catalog("errors.yaml")]\npub enum ErrcatError {}\n'
        (d / "Cargo.toml").write_text(
            f'[package]\nname = "{kind}-n{n}"\nversion = "0.1.0"\nedition = "2024"\n\n[dependencies]\n{deps}\n[workspace]\n')
        (d / "src" / "lib.rs").write_text(lib)
        crates[kind] = d
    return crates


def timed_build(crate, release, target, env):
    """Touches the crate's sources, rebuilds it, returns seconds and output."""
    for f in (crate / "src").iterdir():
        f.touch()
    cmd = ["cargo", "build", "-q"] + (["--release"] if release else [])
    start = time.perf_counter()
    out = run(cmd, cwd=crate, env=dict(env, CARGO_TARGET_DIR=str(target), ERRCAT_TIMINGS="1"))
    return time.perf_counter() - start, out


BUILD_VARIANTS = {
    # name: (label, crate, environment, target directory)
    "handwritten": ("hand-written", "handwritten", {}, "target-default"),
    "errcat": ("errcat (macro unoptimised, cargo's default)", "errcat", {}, "target-default"),
    "errcat-optimised": ("errcat (macro with build-override opt-level = 3)", "errcat", OPTIMISED_MACRO,
                         "target-optimised"),
}


def build(sizes, runs, crates, profiles):
    variants = [BUILD_VARIANTS[c] for c in crates]
    print("\n## Rebuild after `touch`, then `cargo build` (seconds)\n")
    print("| N | crate | debug | release |")
    print("|---|---|---|---|")
    expansions = []
    for n in sizes:
        crates = write_crates(n)
        hand = {}
        for label, kind, env, target in variants:
            figures = {}
            for release in (False, True):
                if ("release" if release else "debug") not in profiles:
                    figures[release] = None, "not measured"
                    continue
                try:
                    # Dependencies and a first build, then one untimed
                    # rebuild so that incremental caches are settled.
                    timed_build(crates[kind], release, WORK / target, env)
                    timed_build(crates[kind], release, WORK / target, env)
                    times = []
                    for _ in range(runs):
                        t, out = timed_build(crates[kind], release, WORK / target, env)
                        times.append(t)
                        for m in EXPANSION.finditer(out):
                            expansions.append((n, label, "release" if release else "debug", *map(float, m.groups())))
                    figures[release] = statistics.median(times), spread(times, " s")
                except SystemExit as failure:
                    # A build that fails (rustc out of memory, say) is a figure too.
                    print(str(failure).splitlines()[0], file=sys.stderr)
                    figures[release] = None, "build failed"
            ratio = ["", ""]
            if kind == "handwritten":
                hand = figures
            else:
                ratio = [f", {figures[r][0] / hand[r][0]:.2f}× hand-written"
                         if figures[r][0] and hand.get(r, (None,))[0] else "" for r in (False, True)]
            print(f"| {n} | {label} | {figures[False][1]}{ratio[0]} | {figures[True][1]}{ratio[1]} |", flush=True)
    if expansions:
        print("\nMacro expansion alone (load and validate, then emit), as the compiler ran it:\n")
        print("| N | macro build | total ms | load and validate ms | emit ms |")
        print("|---|---|---|---|---|")
        groups = {}
        for n, label, profile, total, load, emit in expansions:
            groups.setdefault((n, label.split(" (")[1].rstrip(")")), []).append((total, load, emit))
        for (n, how), vals in sorted(groups.items()):
            print(f"| {n} | {how} | {spread([v[0] for v in vals], '', 1)} | "
                  f"{spread([v[1] for v in vals], '', 1)} | {spread([v[2] for v in vals], '', 1)} |")


# --- docs -----------------------------------------------------------------

def docs(sizes, runs):
    run(["cargo", "build", "-q", "--release", "-p", "codegen"])
    exe = ROOT / "target" / "release" / ("codegen.exe" if os.name == "nt" else "codegen")
    print("\n## `codegen generate` (Markdown and OpenAPI)\n")
    print("| N | wall time | peak memory (max RSS) |")
    print("|---|---|---|")
    medians = {}
    for n in sizes:
        out_dir = WORK / f"docs-n{n}"
        times, rss = [], []
        for _ in range(runs):
            shutil.rmtree(out_dir, ignore_errors=True)
            start = time.perf_counter()
            proc = subprocess.Popen([str(exe), "generate", str(BENCH / "generated" / f"n{n}" / "errors.yaml"),
                                     "--out", str(out_dir)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            _, status, usage = os.wait4(proc.pid, 0)
            times.append(time.perf_counter() - start)
            rss.append(usage.ru_maxrss / 1024)  # KiB on Linux
            if status != 0:
                sys.exit(f"codegen failed for N={n}: {proc.stderr.read().decode()}")
        medians[n] = statistics.median(times)
        print(f"| {n} | {spread(times, ' s', 3)} | {spread(rss, ' MiB', 1)} |")
    ns = sorted(medians)
    for a, b in zip(ns, ns[1:]):
        print(f"\n{b / a:g}× the entries (N={a} → N={b}): {medians[b] / medians[a]:.1f}× the time")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", default="50,1000,10000", help="catalogue sizes, comma-separated")
    p.add_argument("--runs", type=int, default=5, help="repetitions of each whole run (build, docs)")
    p.add_argument("--parts", default="encode,build,docs", help="which parts to run, comma-separated")
    p.add_argument("--crates", default=",".join(BUILD_VARIANTS),
                   help="the build part's crates, comma-separated: " + ", ".join(BUILD_VARIANTS))
    p.add_argument("--profiles", default="debug,release",
                   help="the build part's profiles, comma-separated: debug, release")
    p.add_argument("--quick", action="store_true", help="one short run of everything (a smoke test)")
    a = p.parse_args()
    sizes = [int(s) for s in a.sizes.split(",")]
    parts = a.parts.split(",")
    unknown = set(parts) - {"encode", "build", "docs"}
    if unknown:
        sys.exit(f"unknown part(s): {', '.join(sorted(unknown))}")
    crates = a.crates.split(",")
    unknown = set(crates) - set(BUILD_VARIANTS)
    if unknown:
        sys.exit(f"unknown crate(s): {', '.join(sorted(unknown))}")
    profiles = a.profiles.split(",")
    unknown = set(profiles) - {"debug", "release"}
    if unknown:
        sys.exit(f"unknown profile(s): {', '.join(sorted(unknown))}")
    runs = 1 if a.quick else a.runs
    generate(sizes)
    print(f"# errcat benchmarks\n\nMachine: {machine()}")
    if "encode" in parts:
        encode(sizes, a.quick)
    if "build" in parts:
        build(sizes, runs, crates, profiles)
    if "docs" in parts:
        docs(sizes, runs)


if __name__ == "__main__":
    main()
