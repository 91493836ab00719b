"""Benchmark: ``cleaner report --html`` on 20,000 records.

The records: the 945 aeb-dev extractor outputs are cleaned once with ``cleaner run`` (one
source folder per extractor), and each record file is copied under new names until there are N
(default 20,000) -- real records with real changes, languages and sources; the copies are
exact duplicates of their record, so every record is in a duplicate cluster. ``cleaner report`` then runs
through the real console script twice: with no kept signatures (the duplicate search hashes
every record) and again (signatures kept).

    python bench/corpus_report.py [--records 20000]

Prints wall and CPU seconds, the page's size and the peak RSS of the report process.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
AEB = HERE.parent.parent / "shared" / "eval" / "aeb-dev" / "raw"
BIN = Path(sys.executable).parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=20_000)
    args = parser.parse_args()
    cleaner = str(BIN / "cleaner") if (BIN / "cleaner").exists() else "cleaner"
    with tempfile.TemporaryDirectory(prefix="cleaner-report-bench-") as tmp:
        root = Path(tmp)
        for path in sorted(AEB.glob("*/*.txt")):
            target = root / "raw" / path.parent.name / f"{path.parent.name}--{path.stem[:16]}.txt"
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
        (root / "pyproject.toml").write_text('[tool.cleaner]\nlanguages = "any"\n', encoding="utf-8")
        subprocess.run([cleaner, "run", "-q"], cwd=root, check=False)
        clean = root / "clean"
        seeds = sorted(p for p in clean.glob("*.json") if not p.name.startswith("_"))
        for i in range(args.records - len(seeds)):
            shutil.copyfile(seeds[i % len(seeds)], clean / f"copy{i:06d}--{seeds[i % len(seeds)].name}")
        rows = []
        for name in ("first report (no kept signatures)", "again (signatures kept)"):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            proc = subprocess.run([cleaner, "report", "--html", str(root / "report.html")], cwd=root, capture_output=True, text=True)
            wall = time.perf_counter() - started
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            if proc.returncode != 0:
                print(proc.stderr, file=sys.stderr)
                return 1
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            rows.append((name, wall, cpu, proc.stderr.strip()))
        size = (root / "report.html").stat().st_size / 1e6
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"{args.records:,} records; page {size:.1f} MB; peak RSS of a child process {rss:.0f} MB\n")
    print("| run | wall s | cpu s |")
    print("|---|---:|---:|")
    for name, wall, cpu, _ in rows:
        print(f"| {name} | {wall:.1f} | {cpu:.1f} |")
    print("\n" + rows[-1][3])
    return 0


if __name__ == "__main__":
    sys.exit(main())
