#!/usr/bin/env python3
"""Near-duplicate detection (``COR013``) against brute force, on the records of all of aeb-dev.

aeb-dev holds ten extractors' outputs of each of 95 pages (``raw/<extractor>/<page>.txt``): 945
texts in which every page appears ten times, more or less trimmed. The raw files are copied
into one corpus (``raw/<extractor>/<extractor>--<page>.txt``, so that record ids do not
collide), ``cleaner run`` cleans them, and for every pair of records the exact Jaccard
similarity of their word 5-gram shingles (``cleaner.duplicates.shingles``) is computed by brute
force. For each threshold:

* recall: of the pairs whose exact similarity reaches the threshold, the share that
  ``cleaner.duplicates.find_duplicates`` puts in one cluster;
* precision: of the pairs it puts in one cluster, the share that are versions of the same page
  (the page id is the file name across the extractor folders);
* records/s on one core: reading the records, shingling, hashing and clustering, with no kept
  signatures (a corpus seen for the first time); and again with them (an unchanged corpus).

Usage (the venv active, from the repository)::

    python eval/duplicates.py [--data ../shared/eval/aeb-dev] [--thresholds 0.5,0.7,0.8,0.9]

Prints one Markdown table (the README's).
"""

from __future__ import annotations

import argparse
import itertools
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from cleaner.duplicates import DUPLICATES_INDEX, file_text, find_duplicates, shingles

HERE = Path(__file__).resolve().parent


def build_corpus(data: Path, folder: Path) -> Path:
    raw = folder / "raw"
    for path in sorted((data / "raw").glob("*/*.txt")):
        target = raw / path.parent.name / f"{path.parent.name}--{path.name}"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    out = folder / "clean"
    subprocess.run([sys.executable, "-m", "cleaner", "run", str(raw), "--out", str(out), "--languages", "any", "--quiet"],
                   check=False, cwd=folder)
    return out


def page_of(record_path: Path) -> str:
    return record_path.stem.split("--", 1)[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=str(HERE.parent.parent / "shared" / "eval" / "aeb-dev"))
    parser.add_argument("--thresholds", default="0.5,0.6,0.7,0.8,0.9")
    parser.add_argument("--repeat", type=int, default=3, help="timing runs (the fastest counts)")
    args = parser.parse_args()
    thresholds = [float(t) for t in args.thresholds.split(",")]

    with tempfile.TemporaryDirectory(prefix="cleaner-dups-") as tmp:
        clean = build_corpus(Path(args.data), Path(tmp))
        paths = sorted(p for p in clean.glob("*.json") if not p.name.startswith("_"))
        texts = [json.loads(p.read_text(encoding="utf-8"))["text"] for p in paths]
        sets = [set(shingles(t)) for t in texts]
        exact = {}
        for i, j in itertools.combinations(range(len(paths)), 2):
            union = len(sets[i] | sets[j])
            exact[(i, j)] = len(sets[i] & sets[j]) / union if union else 1.0
        index = {p.name: n for n, p in enumerate(paths)}
        items = [file_text(str(p), p.name) for p in paths]

        rows = []
        for threshold in thresholds:
            cold = warm = float("inf")
            for _ in range(args.repeat):
                (clean / DUPLICATES_INDEX).unlink(missing_ok=True)
                started = time.process_time()
                report = find_duplicates(items, threshold, clean / DUPLICATES_INDEX)
                cold = min(cold, time.process_time() - started)
                started = time.process_time()
                again = find_duplicates(items, threshold, clean / DUPLICATES_INDEX)
                warm = min(warm, time.process_time() - started)
            assert again.hashed == 0, "an unchanged corpus was hashed again"
            reported = set()
            for cluster in report.clusters:
                members = sorted(index[m.path] for m in cluster.members)
                reported.update(itertools.combinations(members, 2))
            truth = {pair for pair, similarity in exact.items() if similarity >= threshold}
            found = len(truth & reported)
            wrong = sum(1 for i, j in reported if page_of(paths[i]) != page_of(paths[j]))
            rows.append((threshold, len(truth), len(reported), found / len(truth) if truth else 1.0,
                         (len(reported) - wrong) / len(reported) if reported else 1.0, wrong,
                         len(report.clusters), len(paths) / cold, len(paths) / warm))

    print(f"{len(paths)} records, {len(exact)} pairs; word {5}-gram shingles, MinHash 128 permutations (rensa)\n")
    print("| threshold | pairs >= threshold (exact) | pairs reported | recall | precision | pairs of different pages | clusters | records/s, first run | records/s, unchanged |")
    print("|---|---|---|---|---|---|---|---|---|")
    for t, truth, reported, recall, precision, wrong, clusters, cold, warm in rows:
        print(f"| {t:g} | {truth} | {reported} | {recall:.1%} | {precision:.2%} | {wrong} | {clusters} | {cold:,.0f} | {warm:,.0f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
