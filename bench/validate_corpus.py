"""Benchmark: ``cleaner validate`` on a generated corpus of real news text.

Builds a corpus of N records (default 20,000) from the aeb-dev extractor outputs in
``../shared/eval/aeb-dev/raw`` and times ``cleaner validate`` on it through the real console
script, with 1 worker and with every core, full checks and ``--no-artifacts``.

The corpus: each aeb-dev text is cleaned once with ``cleaner run``; raw file i is a byte copy of
text ``i mod 945`` under its own name, and its record is that text's record with its own ``id``
and ``source.path`` -- exactly what ``cleaner run`` would write for it (the bench checks that
``cleaner validate`` finds no problem). ``validate`` keeps no cache between records, so the
copies cost what distinct texts would.

    python bench/validate_corpus.py                      # 20,000 records, jobs 1 and all cores
    python bench/validate_corpus.py --records 2000 --jobs 2

The corpus is kept in bench/out/ (ignored by git) and rebuilt only when missing (``--rebuild``).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
AEB = REPO.parent / "shared" / "eval" / "aeb-dev" / "raw"
BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    found = BIN / name
    return str(found) if found.exists() else (shutil.which(name) or name)


def build(corpus: Path, records: int) -> None:
    from cleaner.record import dumps_record

    seed = corpus.with_name(corpus.name + "-seed")
    if not (seed / "clean").is_dir():
        shutil.rmtree(seed, ignore_errors=True)
        (seed / "raw").mkdir(parents=True)
        for extractor in sorted(AEB.iterdir()):
            for text in sorted(extractor.glob("*.txt")):
                shutil.copyfile(text, seed / "raw" / f"{extractor.name}__{text.stem[:16]}.txt")
        (seed / "pyproject.toml").write_text('[tool.cleaner]\nlanguages = "any"\n', encoding="utf-8")
    # Incremental: the run index notices a changed cleaner (code, version, config) and
    # recomputes; otherwise this costs a moment.
    print(f"cleaning {len(list((seed / 'raw').iterdir()))} aeb-dev texts (once per cleaner) ...", file=sys.stderr)
    subprocess.run([tool("cleaner"), "run", "-q"], cwd=seed, check=False)
    templates = sorted(p for p in (seed / "clean").glob("*.json") if not p.name.startswith("_"))
    shutil.rmtree(corpus, ignore_errors=True)
    (corpus / "raw").mkdir(parents=True)
    (corpus / "clean").mkdir()
    shutil.copyfile(seed / "pyproject.toml", corpus / "pyproject.toml")
    loaded = [(json.loads(p.read_bytes()), (seed / "raw" / (p.stem + ".txt")).read_bytes()) for p in templates]
    for i in range(records):
        record, raw = loaded[i % len(loaded)]
        record_id = f"{i:06d}_{record['id']}"
        (corpus / "raw" / f"{record_id}.txt").write_bytes(raw)
        copy = dict(record, id=record_id, source=dict(record["source"], path=f"raw/{record_id}.txt"))
        (corpus / "clean" / f"{record_id}.json").write_bytes(dumps_record(copy))
    (corpus / "clean" / "_rejects.json").write_bytes((seed / "clean" / "_rejects.json").read_bytes())


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_validate(corpus: Path, jobs: int, extra: list[str]) -> tuple[float, float, str, int]:
    """Wall seconds, CPU seconds (all processes of the run: on a busy machine the wall time
    grows, the CPU time hardly), the summary line and the exit code."""
    cpu = _children_cpu()
    started = time.perf_counter()
    proc = subprocess.run([tool("cleaner"), "validate", "--jobs", str(jobs), *extra], cwd=corpus, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    return seconds, _children_cpu() - cpu, proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else "", proc.returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=20_000)
    parser.add_argument("--jobs", default=f"1,{os.cpu_count() or 1}", help="comma-separated worker counts to time")
    parser.add_argument("--out", type=Path, default=HERE / "out")
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args(argv)
    if not AEB.is_dir():
        print(f"aeb-dev texts not found at {AEB}", file=sys.stderr)
        return 2
    corpus = args.out / f"validate-{args.records}"
    if args.rebuild or not (corpus / "clean").is_dir() or len(os.listdir(corpus / "clean")) != args.records + 1:
        started = time.perf_counter()
        build(corpus, args.records)
        print(f"built {args.records} records in {time.perf_counter() - started:.1f} s at {corpus}", file=sys.stderr)
    rows = []
    for jobs in sorted({int(j) for j in args.jobs.split(",")}):
        for label, extra in (("full", []), ("--no-artifacts", ["--no-artifacts"])):
            seconds, cpu, summary, code = time_validate(corpus, jobs, extra)
            if code != 0:
                print(f"validate found problems (exit {code}): {summary}", file=sys.stderr)
                return 1
            rows.append((jobs, label, seconds, cpu))
            print(f"jobs {jobs} {label:<15} {seconds:7.1f} s wall {cpu:7.1f} s cpu  {args.records / seconds:8.0f} records/s", file=sys.stderr)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"\n{os.cpu_count()} cores, load average {load:.1f} at the end")
    print("| records | jobs | checks | wall s | cpu s | cpu ms/record | records/s |\n|---:|---:|---|---:|---:|---:|---:|")
    for jobs, label, seconds, cpu in rows:
        print(f"| {args.records} | {jobs} | {label} | {seconds:.1f} | {cpu:.1f} | {cpu / args.records * 1000:.2f} | {args.records / seconds:.0f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
