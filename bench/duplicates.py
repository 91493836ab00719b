"""Benchmark: what the near-duplicate search (``COR013``) of ``cleaner validate`` costs on
20,000 records.

The records: the paragraphs of the aeb-dev extractor outputs (``../shared/eval/aeb-dev/raw``)
are pooled, and record i is six paragraphs drawn at random (seeded) from the pool -- news-sized
texts that are mostly distinct, with a near-duplicate now and then, as in a real corpus. Each is
written as a record file holding its ``text``; ``cleaner.duplicates.find_duplicates`` then runs
over the folder as ``cleaner validate`` runs it, in this process (one core):

* first run: every record read, shingled, hashed, and the signatures written beside the index;
* unchanged: the same folder again (signatures taken from the kept index: nothing read);
* 1% changed: 200 records rewritten, then the search again.

    python bench/duplicates.py                  # 20,000 records
    python bench/duplicates.py --records 2000

Prints seconds, records/s and the peak RSS of this process. A benchmark, not a test.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from cleaner.duplicates import DUPLICATES_INDEX, file_text, find_duplicates

HERE = Path(__file__).resolve().parent
AEB = HERE.parent.parent / "shared" / "eval" / "aeb-dev" / "raw"


def paragraphs() -> list[str]:
    pool = []
    for path in sorted(AEB.glob("*/*.txt")):
        pool.extend(p.strip() for p in path.read_text(encoding="utf-8", errors="replace").split("\n") if len(p.split()) >= 8)
    return pool


def write(folder: Path, records: int, rng: random.Random, pool: list[str], start: int = 0) -> None:
    for i in range(start, start + records):
        text = "\n\n".join(rng.choice(pool) for _ in range(6))
        (folder / f"r{i:06d}.json").write_text(json.dumps({"id": f"r{i:06d}", "text": text}), encoding="utf-8")


def timed(folder: Path, threshold: float) -> tuple[float, int, int]:
    items = [file_text(str(p), p.name) for p in sorted(folder.glob("*.json"))]
    started = time.process_time()
    report = find_duplicates(items, threshold, folder / DUPLICATES_INDEX)
    return time.process_time() - started, report.hashed, len(report.clusters)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=20_000)
    parser.add_argument("--threshold", type=float, default=0.8)
    args = parser.parse_args()
    rng = random.Random(18)
    pool = paragraphs()
    with tempfile.TemporaryDirectory(prefix="cleaner-dup-bench-") as tmp:
        folder = Path(tmp)
        write(folder, args.records, rng, pool)
        rows = []
        seconds, hashed, clusters = timed(folder, args.threshold)
        rows.append(("first run", seconds, hashed, clusters))
        seconds, hashed, clusters = timed(folder, args.threshold)
        rows.append(("unchanged", seconds, hashed, clusters))
        changed = max(1, args.records // 100)
        rng2 = random.Random(19)
        for i in rng2.sample(range(args.records), changed):
            (folder / f"r{i:06d}.json").write_text(json.dumps({"id": f"r{i:06d}", "text": "\n\n".join(rng2.choice(pool) for _ in range(6))}),
                                                   encoding="utf-8")
        seconds, hashed, clusters = timed(folder, args.threshold)
        rows.append((f"{changed} changed", seconds, hashed, clusters))
        index_mb = (folder / DUPLICATES_INDEX).stat().st_size / 1e6
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{args.records:,} records, threshold {args.threshold:g}; signatures kept: {index_mb:.1f} MB; peak RSS {rss:.0f} MB\n")
    print("| run | cpu s | records/s | hashed | clusters |")
    print("|---|---:|---:|---:|---:|")
    for name, seconds, hashed, clusters in rows:
        print(f"| {name} | {seconds:.2f} | {args.records / seconds:,.0f} | {hashed:,} | {clusters} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
