#!/usr/bin/env python3
"""errcat's benchmarks, side by side with hand-written errors.

    scripts/bench.py [--sizes 50,1000,10000] [--runs 5] [--parts encode,build,docs,instructions]
                     [--crates handwritten,errcat,errcat-optimised]
                     [--profiles debug,release] [--layouts default,5,6,7] [--quick]

Parts:
  hostile Decoding crafted bodies of 1 KB to 1 MB (bench/benches/hostile.rs),
          in nanoseconds per byte: flat rows mean decoding is linear.
  encode  In-process figures with divan (bench/benches/errors.rs): error to
          bytes and client decoding, per error, with allocation counts from
          a counting allocator, and the ratios to the hand-written baselines.
          At N = 10,000 only errcat's side is built (rustc runs out of
          memory compiling the baseline in release on a 24 GiB machine); its
          ratios are to the largest baseline measured in the same run.
          --layouts builds and runs the benchmarks once per code layout:
          `default`, or K for every function aligned to 2^K bytes
          (`-C llvm-args=-align-all-functions=K`, in its own target
          directory). Where the linker puts the baseline's serde code moves
          its speed by up to a fifth on this machine, and any change to
          errcat moves it, so a ratio from one layout is partly luck; the
          summary gives each layout's ratios and their spread.
  build   Rebuild time after `touch` (debug and release) of a crate holding
          the hand-written errors and of one holding `#[errcat::catalog]`,
          the latter with the proc macro built as cargo builds it by default
          (unoptimised) and with `build-override.opt-level = 3`; plus the
          macro's own expansion time, which it reports with ERRCAT_TIMINGS=1.
  clean   A clean build (empty target directory, warm download cache) of a
          new crate of 12 errors, debug and release: hand-written with
          thiserror + serde + serde_json, with `#[errcat::catalog]`, and
          with errcat-build (the runtime without the macro). Reports the
          CPU time (user + system, every rustc included), the wall time,
          the number of crates compiled and the slowest ones, from
          `cargo build --timings`. Sizes do not apply.
  compare Every budget line of the plain-code work (clean builds, rebuild
          after touch, expansion time, error to bytes, allocations, library
          lines) for the commit --before names and for the working tree,
          measured side by side in one run. Not in the default set.
  docs    `errcat generate` (Markdown and OpenAPI) on the N-entry
          catalogue: wall time and peak memory (maximum resident set size).
  instructions
          Instructions executed by the optimised macro's expansion of the
          N-entry catalogue, the compiler's lexing of the generated source
          included, counted by valgrind's callgrind (which must be
          installed). Only the thread the compiler runs the macro on is
          counted: the work of its helper threads (half of the YAML
          parsing, half of the decoding, writing the tables) is not.
          Unlike a time, the count is the same on every run, so it is how
          a change to the macro is judged on a noisy machine. Not part of
          the default set; ask for it with --parts.

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


def within_run(base, mine, j):
    """Baseline `j` (0 typical, 1 careful) over `mine`, run by run."""
    return [b[j] / m for b, m in zip(base, mine)]


def layout_env(layout):
    """The environment that builds the benchmarks with a code layout."""
    if layout == "default":
        return {}
    return {"RUSTFLAGS": f"-C llvm-args=-align-all-functions={layout}",
            "CARGO_TARGET_DIR": str(ROOT / "target" / f"bench-align-{layout}")}


def encode_layouts(sizes, runs, quick, layouts):
    """`encode` once per layout, then each layout's `to_json` ratio to the
    careful baseline side by side."""
    summary = {}
    for layout in layouts:
        if len(layouts) > 1:
            print(f"\n# Code layout: {layout if layout == 'default' else f'functions aligned to {2 ** int(layout)} bytes'}")
        summary[layout] = encode(sizes, runs, quick, layout_env(layout))
    if len(layouts) > 1:
        print("\n## to_json ÷ careful baseline, by code layout\n")
        print("| N | " + " | ".join(layouts) + " | all runs |")
        print("|---|" + "---|" * (len(layouts) + 1))
        for n in sizes:
            cells = [summary[l].get(n, []) for l in layouts]
            every = [r for c in cells for r in c]
            if every:
                print(f"| {n} | " + " | ".join(spread(c, "×") if c else "–" for c in cells)
                      + f" | {spread(every, '×')} |")


def encode(sizes, runs, quick, env=None):
    """Runs the divan benchmarks `runs` times. Each figure is the median of
    divan's samples in one run; the table gives the median of the runs with
    their range, and each ratio is taken within one run (both sides measured
    side by side), then summarised in the same way. Returns, for each N, the
    run-by-run ratios of the careful baseline to `to_json`."""
    features = ",".join(f"n{n}-errcat" if n in WITHOUT_BASELINE else f"n{n}" for n in sizes)
    cmd = ["cargo", "bench", "-q", "-p", "errcat-bench", "--no-default-features", "--features", features,
           "--bench", "errors", "--"]
    if quick:
        cmd += ["--sample-count", "5", "--sample-size", "16"]
    all_rows = [parse_divan(run(cmd, env=env)) for _ in range(runs)]
    careful_ratios = {}
    print("\n## Error to bytes, and decoding (ns per error; allocations per error)\n")
    print(f"Each figure is the median of divan's samples in one run; over {runs} run(s), the median "
          "of those, with their range. Ratios are taken within each run, then summarised alike. "
          "Allocation counts are per error (the median sample of the first run).\n")
    ok = True
    baseline = {}  # N -> per-run (typical, careful) medians
    for n in sizes:
        def figures(rows, group):
            return {k[-1]: v for k, v in rows.items() if k[-3:-1] == (f"n{n}", group)}
        enc = [figures(rows, "encode") for rows in all_rows]
        dec = [figures(rows, "decode") for rows in all_rows]
        if any("errcat_vec" not in e for e in enc):
            print(f"no figures for N={n}")
            ok = False
            continue
        if all("typical" in e and "careful" in e for e in enc):
            baseline[n] = [(e["typical"]["median"], e["careful"]["median"]) for e in enc]
            against = ""
        elif baseline:
            # No baseline at this size: compare with the largest size that has one, run by run.
            against = f" (against the hand-written baseline at N = {max(baseline)}: it does not compile at N = {n})"
        else:
            against = " (no hand-written baseline measured in this run)"
        base = baseline.get(n) or (baseline[max(baseline)] if baseline else None)
        print(f"### N = {n}{against}\n")
        print("| benchmark | median ns | allocs | typical ÷ this | careful ÷ this |")
        print("|---|---|---|---|---|")
        for group, tables in (("encode", enc), ("decode", dec)):
            for name, first in tables[0].items():
                medians = [t[name]["median"] for t in tables]
                # divan prints no `alloc:` block for code that never allocates.
                allocs = first["allocs"].get("alloc", {}).get("median", 0.0)
                ratios = ("", "")
                if group == "encode" and base and name not in ("typical", "careful"):
                    ratios = tuple(spread(within_run(base, medians, j), "×") for j in (0, 1))
                print(f"| {group}/{name} | {spread(medians, digits=1)} | {allocs:g} | {ratios[0]} | {ratios[1]} |")
        print()
        per_run = lambda name: [e[name]["median"] for e in enc]
        if base:
            for name, floor, targets in (("errcat_vec", "floor_vec", " (targets 5× and 3×)"),
                                         ("errcat_buffer", "floor_copy", "")):
                mine = per_run(name)
                if name == "errcat_vec":
                    careful_ratios[n] = within_run(base, mine, 1)
                print(f"- {name}: {spread(within_run(base, mine, 0), '×')} typical, "
                      f"{spread(within_run(base, mine, 1), '×')} careful{targets}, "
                      f"{spread([m / f for m, f in zip(mine, per_run(floor))], '×', 1)} the {floor}")
        if base and runs > 1:
            # Run by run, with the floor as a gauge of the machine's speed at the time.
            vec, buf = per_run("errcat_vec"), per_run("errcat_buffer")
            columns = zip(per_run("floor_copy"), vec, within_run(base, vec, 0), within_run(base, vec, 1),
                          buf, within_run(base, buf, 1))
            for k, (floor, v, v_typical, v_careful, b, b_careful) in enumerate(columns, 1):
                print(f"  - run {k}: floor_copy {floor:.1f} ns; errcat_vec {v:.1f} ns, {v_typical:.2f}× typical, "
                      f"{v_careful:.2f}× careful; errcat_buffer {b:.1f} ns, {b_careful:.2f}× careful")
        if all("errcat" in d and "baseline" in d for d in dec):
            r = [d["baseline"]["median"] / d["errcat"]["median"] for d in dec]
            print(f"- decode: baseline ÷ errcat = {spread(r, '×')} (target ≥ 1)")
        print()
    if not ok:
        sys.exit("the benchmark output could not be read")
    return careful_ratios


# --- hostile bodies ---------------------------------------------------------

def hostile(runs, quick):
    """Decoding crafted bodies of 1 KB to 1 MB (bench/benches/hostile.rs):
    nanoseconds per byte, which stay flat when decoding is linear."""
    cmd = ["cargo", "bench", "-q", "-p", "errcat-bench", "--bench", "hostile", "--"]
    if quick:
        cmd += ["--sample-count", "5"]
    all_rows = [parse_divan(run(cmd)) for _ in range(runs)]
    print("\n## Decoding hostile bodies (ns per byte of body)\n")
    print(f"Medians over {runs} run(s), with their range. Flat rows mean linear time.\n")
    kinds = sorted({k[0] for k in all_rows[0] if len(k) == 2})
    sizes = sorted({int(k[1]) for k in all_rows[0] if len(k) == 2})
    print("| body | " + " | ".join(f"{n:,} B" for n in sizes) + " |")
    print("|---|" + "---|" * len(sizes))
    for kind in kinds:
        cells = []
        for n in sizes:
            per_byte = [rows[(kind, str(n))]["median"] / n for rows in all_rows if (kind, str(n)) in rows]
            cells.append(spread(per_byte, "", 3) if per_byte else "–")
        print(f"| {kind} | " + " | ".join(cells) + " |")
    hostile_catalogues(runs)


def hostile_catalogues(runs):
    """Loading crafted catalogues of 2,500 to 40,000 errors
    (bench/benches/hostile_catalogues.rs): microseconds per error, which
    stay flat when every check is linear."""
    cmd = ["cargo", "bench", "-q", "-p", "errcat-bench", "--bench", "hostile_catalogues"]
    all_rows = [parse_divan(run(cmd)) for _ in range(runs)]
    print("\n## Loading hostile catalogues (µs per error)\n")
    print(f"Medians over {runs} run(s), with their range. Flat rows mean linear time.\n")
    kinds = sorted({k[0] for k in all_rows[0] if len(k) == 2})
    sizes = sorted({int(k[1]) for k in all_rows[0] if len(k) == 2})
    print("| catalogue | " + " | ".join(f"{n:,} errors" for n in sizes) + " | largest ÷ smallest |")
    print("|---|" + "---|" * (len(sizes) + 1))
    for kind in kinds:
        cells, per = [], {}
        for n in sizes:
            per[n] = [rows[(kind, str(n))]["median"] / n / 1000 for rows in all_rows if (kind, str(n)) in rows]
            cells.append(spread(per[n], "", 2) if per[n] else "–")
        growth = statistics.median(per[sizes[-1]]) / statistics.median(per[sizes[0]])
        print(f"| {kind} | " + " | ".join(cells) + f" | {growth:.2f}× |")
    print("\nBudget: largest ÷ smallest ≤ 2× (a quadratic check would give 16×).")


# --- build ----------------------------------------------------------------

OPTIMISED_MACRO = {
    "CARGO_PROFILE_DEV_BUILD_OVERRIDE_OPT_LEVEL": "3",
    "CARGO_PROFILE_RELEASE_BUILD_OVERRIDE_OPT_LEVEL": "3",
}
EXPANSION = re.compile(r"errcat: expanded .* in ([\d.]+) ms: load and validate ([\d.]+) ms, emit ([\d.]+) ms")


def write_crates(n, root=ROOT, tag=""):
    """Two crates of the same N errors: hand-written, and `#[errcat::catalog]`
    using errcat at `root`."""
    base = WORK / f"n{n}{tag}"
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
            deps = f'errcat = {{ path = "{root.as_posix()}" }}\n'
            shutil.copy(gen / "errors.yaml", d / "errors.yaml")
            lib = '#[errcat::catalog("errors.yaml")]\npub enum ErrcatError {}\n'
        (d / "Cargo.toml").write_text(
            f'[package]\nname = "{kind}-n{n}{tag}"\nversion = "0.1.0"\nedition = "2024"\n\n[dependencies]\n{deps}\n[workspace]\n')
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


# --- clean builds ---------------------------------------------------------

CLEAN_N = 12
UNIT_DATA = re.compile(r"const UNIT_DATA = (\[.*?\]);", re.S)


def write_clean_crates(root=ROOT, tag="", kinds=("handwritten", "errcat", "errcat-build")):
    """A new crate of CLEAN_N errors, three ways, using errcat at `root`."""
    gen = BENCH / "generated" / f"n{CLEAN_N}"
    base = WORK / "clean"
    errcat = f'path = "{root.as_posix()}"'
    crates = {}
    for kind in kinds:
        d = base / f"{kind}{tag}"
        shutil.rmtree(d, ignore_errors=True)
        (d / "src").mkdir(parents=True)
        build_deps = ""
        if kind == "handwritten":
            deps = 'thiserror = "2"\nserde = { version = "1", features = ["derive"] }\nserde_json = "1"\n'
            shutil.copy(BENCH / "src" / "baseline.rs", d / "src" / "baseline.rs")
            shutil.copy(gen / "baseline.rs", d / "src" / "errors.rs")
            lib = "#![allow(dead_code)]\npub mod baseline;\ninclude!(\"errors.rs\");\n"
        elif kind == "errcat":
            deps = f"errcat = {{ {errcat} }}\n"
            shutil.copy(gen / "errors.yaml", d / "errors.yaml")
            lib = '#[errcat::catalog("errors.yaml")]\npub enum ErrcatError {}\n'
        else:
            deps = f"errcat = {{ {errcat}, default-features = false }}\n"
            build_deps = f'\n[build-dependencies]\nerrcat-build = {{ path = "{(root / "build").as_posix()}" }}\n'
            shutil.copy(gen / "errors.yaml", d / "errors.yaml")
            (d / "build.rs").write_text(
                'fn main() {\n    errcat_build::Builder::new("errors.yaml")\n        .enum_name("ErrcatError")\n'
                '        .compile()\n        .unwrap_or_else(|e| panic!("{e}"));\n}\n')
            lib = 'include!(concat!(env!("OUT_DIR"), "/errors.rs"));\n'
        (d / "Cargo.toml").write_text(
            f'[package]\nname = "clean-{kind}{tag}"\nversion = "0.1.0"\nedition = "2024"\n\n'
            f'[dependencies]\n{deps}{build_deps}\n[workspace]\n')
        (d / "src" / "lib.rs").write_text(lib)
        crates[f"{kind}{tag}"] = d
    return crates


def clean_build(crate, release):
    """A clean build: CPU seconds (the cargo process tree), wall seconds,
    and the compiled units with their durations."""
    target = crate / "target"
    shutil.rmtree(target, ignore_errors=True)
    cmd = ["cargo", "build", "--timings"] + (["--release"] if release else [])
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=crate, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env=dict(os.environ, CARGO_TARGET_DIR=str(target)))
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        sys.exit(f"clean build of {crate.name} failed: {proc.stderr.read().decode()[-2000:]}")
    html = (target / "cargo-timings" / "cargo-timing.html").read_text()
    import json
    units = json.loads(UNIT_DATA.search(html).group(1))
    return usage.ru_utime + usage.ru_stime, wall, [(u["name"], u["duration"]) for u in units]


def clean(runs, profiles):
    print(f"\n## Clean build of a new {CLEAN_N}-error crate\n")
    print("CPU time is user + system of the whole `cargo build` (both cores); the")
    print("ratio is to the hand-written crate measured in the same run.\n")
    print("| profile | crate | CPU time | ratio | wall time | crates compiled | slowest |")
    print("|---|---|---|---|---|---|---|")
    crates = write_clean_crates()
    for profile in profiles:
        release = profile == "release"
        cpu = {k: [] for k in crates}
        wall = {k: [] for k in crates}
        units = {}
        for _ in range(runs):
            for kind, crate in crates.items():
                c, w, u = clean_build(crate, release)
                cpu[kind].append(c)
                wall[kind].append(w)
                units[kind] = u
        hand = cpu["handwritten"]
        for kind in crates:
            ratios = [m / h for m, h in zip(cpu[kind], hand)]
            slowest = sorted(units[kind], key=lambda u: -u[1])[:4]
            names = ", ".join(f"{n} {d:.1f} s" for n, d in slowest)
            print(f"| {profile} | {kind} | {spread(cpu[kind], ' s', 1)} | {spread(ratios, '×')} | "
                  f"{spread(wall[kind], ' s', 1)} | {len(units[kind])} | {names} |", flush=True)
    print("\nCrates compiled (last run):\n")
    for kind in crates:
        print(f"- {kind}: " + ", ".join(sorted(n for n, _ in units[kind])))


# --- before and after -------------------------------------------------------

def library_lines(root):
    """Non-test lines of every publishable crate's src/ (blank and comment
    lines included; `#[cfg(test)]` items left out)."""
    total = 0
    for crate in ("src", "catalog/src", "expand/src", "macros/src", "build/src", "render/src", "codegen/src"):
        for f in sorted((root / crate).rglob("*.rs")):
            lines, skipping, depth = f.read_text().splitlines(), False, 0
            i = 0
            while i < len(lines):
                if re.match(r"\s*#\[cfg\(test\)\]", lines[i]):
                    j, depth, started = i + 1, 0, False
                    while j < len(lines):
                        depth += lines[j].count("{") - lines[j].count("}")
                        started |= "{" in lines[j]
                        if (started and depth <= 0) or (not started and lines[j].rstrip().endswith(";")):
                            break
                        j += 1
                    i = j + 1
                    continue
                total += 1
                i += 1
    return total


def checkout(rev):
    """A worktree of `rev` under the work folder (made once)."""
    rev = run(["git", "rev-parse", "--short", rev]).strip()
    tree = WORK / f"tree-{rev}"
    if not tree.exists():
        run(["git", "worktree", "add", "--detach", str(tree), rev])
    return tree


def touch_rebuild_and_expansion(root, tag, n, runs):
    """Rebuild seconds after `touch` (debug) of the N-error macro crate
    using errcat at `root`, and the expansion's total ms."""
    crate = write_crates(n, root, tag)["errcat"]
    target = WORK / f"target-compare{tag}"
    timed_build(crate, False, target, {})
    timed_build(crate, False, target, {})
    times, expansions = [], []
    for _ in range(runs):
        t, out = timed_build(crate, False, target, {})
        times.append(t)
        expansions += [float(m.group(1)) for m in EXPANSION.finditer(out)]
    return times, expansions


def encode_figures(root, runs):
    """Per run at N = 1,000: (typical, careful, to_json, write_json) ns, and
    the allocations of to_json and write_json."""
    if not (root / "bench" / "generated" / "n1000" / "errors.yaml").exists():
        run(["cargo", "run", "-q", "--release", "-p", "errcat-bench", "--no-default-features",
             "--bin", "generate", "--", "1000"], cwd=root)
    cmd = ["cargo", "bench", "-q", "-p", "errcat-bench", "--no-default-features", "--features", "n1000",
           "--bench", "errors", "--"]
    out = []
    for _ in range(runs):
        rows = parse_divan(run(cmd, cwd=root, env={"CARGO_TARGET_DIR": str(root / "target")}))
        enc = {k[-1]: v for k, v in rows.items() if k[-3:-1] == ("n1000", "encode")}
        allocs = [enc[k]["allocs"].get("alloc", {}).get("median", 0.0) for k in ("errcat_vec", "errcat_buffer")]
        out.append(([enc[k]["median"] for k in ("typical", "careful", "errcat_vec", "errcat_buffer")], allocs))
    return out


def compare(rev, after_rev, runs):
    """Every budget of the plain-code work, for `rev` and `after_rev` (or
    the working tree), measured side by side in one run (interleaved where
    the machine's state could favour one side)."""
    before = checkout(rev)
    after = checkout(after_rev) if after_rev else ROOT
    sides = (("before", before, "-before"), ("after", after, ""))
    print(f"\n## Before ({rev}) and after ({after_rev or 'the working tree'}), side by side\n")
    rows = []
    # Clean builds: both sides and the hand-written crate in each run.
    for profile in ("debug", "release"):
        crates = write_clean_crates(after)
        crates.update(write_clean_crates(before, "-before", ("errcat", "errcat-build")))
        cpu = {k: [] for k in crates}
        for _ in range(runs):
            for kind, crate in crates.items():
                cpu[kind].append(clean_build(crate, profile == "release")[0])
        for kind, budget in (("errcat", "1.5×" if profile == "debug" else "2×"),
                             ("errcat-build", "1.2×" if profile == "debug" else "2×")):
            ratio = lambda k: spread([m / h for m, h in zip(cpu[k], cpu["handwritten"])], "×")
            rows.append((f"clean {profile} build, 12 errors, {kind} ÷ hand-written (CPU)",
                         ratio(f"{kind}-before"), ratio(kind), f"≤ {budget}"))
    # Rebuild after touch and expansion, side by side.
    hand = write_crates(12, after, "")["handwritten"]
    hand_times = []
    timed_build(hand, False, WORK / "target-compare", {})
    for _ in range(runs):
        hand_times.append(timed_build(hand, False, WORK / "target-compare", {})[0])
    touch = {name: touch_rebuild_and_expansion(root, tag, 12, runs) for name, root, tag in sides}
    rows.append(("debug rebuild after `touch`, 12 errors, ÷ hand-written",
                 *(spread([t / h for t, h in zip(touch[name][0], hand_times)], "×") for name in ("before", "after")),
                 "≤ 1.0×"))
    expansion = {name: touch_rebuild_and_expansion(root, tag, 300, runs)[1] for name, root, tag in sides}
    rows.append(("macro expansion, 300 errors, unoptimised (ms)",
                 *(spread(expansion[name], " ms", 1) for name in ("before", "after")), "< 100 ms"))
    # Error to bytes.
    enc = {name: encode_figures(root, runs) for name, root, _ in sides}
    for label, j, budget in (("`to_json()` ÷ typical hand-written envelope", 0, "≥ 3×"),
                             ("`to_json()` ÷ careful hand-written envelope", 1, "≥ 1.0×")):
        rows.append((label, *(spread([r[0][j] / r[0][2] for r in enc[name]], "×") for name in ("before", "after")),
                     budget))
    rows.append(("allocations: `to_json()`, `write_json`",
                 *(f"{enc[name][0][1][0]:g}, {enc[name][0][1][1]:g}" for name in ("before", "after")), "1, 0"))
    rows.append(("library lines (non-test, every crate's src/)",
                 *(f"{library_lines(root):,}" for _, root, _ in sides), "≤ 17,000"))
    print("| budget line | before | after | budget |")
    print("|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |", flush=True)


# --- instructions ---------------------------------------------------------

CALLGRIND_OUT = "ERRCAT_BENCH_CALLGRIND_OUT"
CALLGRIND_CRATE = "ERRCAT_BENCH_CALLGRIND_CRATE"


def as_rustc_wrapper(argv):
    """Cargo runs this script as RUSTC_WRAPPER for the instructions part: the
    one compilation named in the environment runs under callgrind, counting
    only inside the macro's expansion; every other passes straight through."""
    rustc, args = argv[1], argv[2:]
    crate = args[args.index("--crate-name") + 1] if "--crate-name" in args else None
    if crate is not None and crate == os.environ.get(CALLGRIND_CRATE):
        os.execvp("valgrind", ["valgrind", "-q", "--tool=callgrind", "--collect-atstart=no",
                               "--toggle-collect=errcat_expand::attribute::expand",
                               f"--callgrind-out-file={os.environ[CALLGRIND_OUT]}", rustc] + args)
    os.execvp(rustc, [rustc] + args)


def instructions(sizes):
    if shutil.which("valgrind") is None:
        sys.exit("the instructions part needs valgrind (Debian: apt-get install valgrind)")
    print("\n## Macro expansion, instructions (callgrind, macro with build-override opt-level = 3)\n")
    print("| N | instructions |")
    print("|---|---|")
    for n in sizes:
        crate = write_crates(n)["errcat"]
        out = WORK / f"callgrind-n{n}.out"
        env = dict(OPTIMISED_MACRO, RUSTC_WRAPPER=str(Path(__file__).resolve()),
                   CARGO_TARGET_DIR=str(WORK / "target-callgrind"), **{CALLGRIND_OUT: str(out)})
        run(["cargo", "build", "-q"], cwd=crate, env=env)  # dependencies, not counted
        for f in (crate / "src").iterdir():
            f.touch()
        out.unlink(missing_ok=True)
        run(["cargo", "build", "-q"], cwd=crate, env=dict(env, **{CALLGRIND_CRATE: f"errcat_n{n}"}))
        totals = [line for line in out.read_text().splitlines() if line.startswith(("summary:", "totals:"))]
        if not totals:
            sys.exit(f"callgrind wrote no totals to {out}")
        print(f"| {n} | {int(totals[-1].split()[1]):,} |", flush=True)


# --- docs -----------------------------------------------------------------

def docs(sizes, runs):
    run(["cargo", "build", "-q", "--release", "-p", "codegen"])
    exe = ROOT / "target" / "release" / ("errcat.exe" if os.name == "nt" else "errcat")
    print("\n## `errcat generate` (Markdown and OpenAPI)\n")
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
    p.add_argument("--runs", type=int, default=5, help="repetitions of each whole run (encode, build, docs)")
    p.add_argument("--parts", default="encode,hostile,build,clean,docs",
                   help="which parts to run, comma-separated")
    p.add_argument("--crates", default=",".join(BUILD_VARIANTS),
                   help="the build part's crates, comma-separated: " + ", ".join(BUILD_VARIANTS))
    p.add_argument("--profiles", default="debug,release",
                   help="the build part's profiles, comma-separated: debug, release")
    p.add_argument("--layouts", default="default",
                   help="the encode part's code layouts, comma-separated: default, or K to align "
                        "every function to 2^K bytes (4 to 7)")
    p.add_argument("--quick", action="store_true", help="one short run of everything (a smoke test)")
    p.add_argument("--before", metavar="REV",
                   help="the compare part's older commit (a git worktree is made under target/)")
    p.add_argument("--after", metavar="REV",
                   help="the compare part's newer commit; by default the working tree")
    a = p.parse_args()
    sizes = [int(s) for s in a.sizes.split(",")]
    parts = a.parts.split(",")
    unknown = set(parts) - {"encode", "hostile", "build", "clean", "docs", "instructions", "compare"}
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
    layouts = a.layouts.split(",")
    unknown = set(layouts) - {"default", "4", "5", "6", "7"}
    if unknown:
        sys.exit(f"unknown layout(s): {', '.join(sorted(unknown))}; use default, or 4 to 7")
    runs = 1 if a.quick else a.runs
    extra = {CLEAN_N, 300, 1000} if "compare" in parts else ({CLEAN_N} if "clean" in parts else set())
    generate(sorted(set(sizes) | extra))
    print(f"# errcat benchmarks\n\nMachine: {machine()}")
    if "encode" in parts:
        encode_layouts(sizes, runs, a.quick, layouts)
    if "hostile" in parts:
        hostile(runs, a.quick)
    if "build" in parts:
        build(sizes, runs, crates, profiles)
    if "clean" in parts:
        clean(runs, profiles)
    if "docs" in parts:
        docs(sizes, runs)
    if "instructions" in parts:
        instructions(sizes)
    if "compare" in parts:
        if not a.before:
            sys.exit("the compare part needs --before REV")
        compare(a.before, a.after, runs)


if __name__ == "__main__":
    if len(sys.argv) > 1 and Path(sys.argv[1]).name.startswith("rustc"):
        as_rustc_wrapper(sys.argv)
    main()
