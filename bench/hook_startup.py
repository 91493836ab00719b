"""Benchmark: wall time of each pre-commit hook on one and on two files.

A hook runs on every commit, so its start-up is part of the user experience: on one or two
files each must finish in well under a second. This times the installed console scripts (what
pre-commit runs) in a copy of this repository's corpus (the two seed articles and their
records), with ``python -c pass`` and ``cleaner --version`` as baselines, and prints the median
of ``--repeat`` runs. ``--importtime`` also lists the slowest imports of one hook.

    python bench/hook_startup.py
    python bench/hook_startup.py --repeat 9 --importtime
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SEEDS = ("000_de45ee0555440ea2", "004_a4ebb7e7c36c7679")


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def wall(command: list[str], cwd: Path, repeat: int) -> tuple[float, float, int]:
    """Median wall and CPU seconds of ``repeat`` runs (on a busy machine wall grows, CPU hardly)."""
    times, cpus, code = [], [], 0
    for _ in range(repeat):
        cpu = _children_cpu()
        started = time.perf_counter()
        code = subprocess.run(command, cwd=cwd, capture_output=True).returncode
        times.append(time.perf_counter() - started)
        cpus.append(_children_cpu() - cpu)
    return statistics.median(times), statistics.median(cpus), code


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--importtime", action="store_true", help="show the ten slowest imports of cleaner-check-raw")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp)
        shutil.copytree(REPO / "raw", corpus / "raw")
        shutil.copytree(REPO / "clean", corpus / "clean")
        shutil.copyfile(REPO / "pyproject.toml", corpus / "pyproject.toml")
        one_raw, two_raw = [f"raw/{SEEDS[0]}.txt"], [f"raw/{s}.txt" for s in SEEDS]
        one_rec, two_rec = [f"clean/{SEEDS[0]}.json"], [f"clean/{s}.json" for s in SEEDS]
        cases = [
            ("python -c pass (baseline)", [sys.executable, "-c", "pass"]),
            ("cleaner --version (baseline)", [str(BIN / "cleaner"), "--version"]),
            ("cleaner-write-records, 1 file", [str(BIN / "cleaner-write-records"), *one_raw]),
            ("cleaner-write-records, 2 files", [str(BIN / "cleaner-write-records"), *two_raw]),
            ("cleaner-check-raw, 1 file", [str(BIN / "cleaner-check-raw"), *one_raw]),
            ("cleaner-check-raw, 2 files", [str(BIN / "cleaner-check-raw"), *two_raw]),
            ("cleaner-check-records, 1 file", [str(BIN / "cleaner-check-records"), *one_rec]),
            ("cleaner-check-records, 2 files", [str(BIN / "cleaner-check-records"), *two_rec]),
            ("cleaner-validate (2-record corpus)", [str(BIN / "cleaner-validate")]),
        ]
        print(f"| hook | median wall s (of {args.repeat}) | median cpu s | exit |\n|---|---:|---:|---:|")
        for label, command in cases:
            seconds, cpu, code = wall(command, corpus, args.repeat)
            print(f"| {label} | {seconds:.3f} | {cpu:.3f} | {code} |")
        if hasattr(os, "getloadavg"):
            print(f"\n{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end")
        if args.importtime:
            proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "cleaner.hooks.check_raw", *two_raw],
                                  cwd=corpus, capture_output=True, text=True)
            rows = [line.split("|") for line in proc.stderr.splitlines() if line.startswith("import time:") and "|" in line]
            rows = [(int(r[1]), r[2].rstrip()) for r in rows if r[1].strip().isdigit()]
            print("\nslowest imports (cumulative microseconds):")
            for micro, name in sorted(rows, reverse=True)[:10]:
                print(f"{micro:>9}  {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
