#!/usr/bin/env python3
"""Cleaning quality on real extractor output: run the shared AEB scorer and write the table.

    python bench/aeb_quality.py                       # ../shared/eval/aeb-dev, writes bench/results/aeb-dev.md
    python bench/aeb_quality.py --data DIR --out FILE --extractors html-text,trafilatura

The scorer (``../shared/eval/score_aeb.py``) runs ``cleaner run`` once per extractor folder and
compares the records with the human-annotated article bodies: precision/recall/F1 of the raw
extractor text and of the cleaned text, the share of non-article text removed ("junk removed")
and the share of article text deleted ("content lost"). This script only runs it and turns its
JSON into a Markdown table (the README's results table comes from here).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EVAL = REPO.parent / "shared" / "eval"


def run_scorer(scorer: Path, data: Path, cmd: str, extractors: str | None) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "scores.json"
        args = [sys.executable, str(scorer), "--data", str(data), "--cmd", cmd, "--json", str(out)]
        if extractors:
            args += ["--extractors", extractors]
        proc = subprocess.run(args, capture_output=True, text=True)
        if proc.returncode != 0 or not out.exists():
            sys.stderr.write(proc.stdout + proc.stderr)
            raise SystemExit(f"scorer failed with exit code {proc.returncode}")
        return json.loads(out.read_text(encoding="utf-8"))


def table(scores: dict) -> str:
    head = ("| extractor | pages | P raw → clean | R raw → clean | F1 raw → clean | junk removed | content lost | seconds |\n"
            "|---|---:|---|---|---|---:|---:|---:|\n")
    rows = []
    for name, r in sorted(scores["by_extractor"].items()):
        rows.append(_row(name, r, f"{r.get('seconds', 0.0):.1f}"))
    rows.append(_row("**all**", scores["total"], ""))
    return head + "\n".join(rows) + "\n"


def _row(name: str, r: dict, secs: str) -> str:
    b, a = r["before"], r["after"]
    return (f"| {name} | {r['pages']} | {b['precision']:.3f} → {a['precision']:.3f} | {b['recall']:.3f} → {a['recall']:.3f} | "
            f"{b['f1']:.3f} → {a['f1']:.3f} | {r['junk_removed']:.1%} | {r['content_lost']:.2%} | {secs} |")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=EVAL / "aeb-dev", help="folder with truth/ and raw/<extractor>/")
    ap.add_argument("--scorer", type=Path, default=EVAL / "score_aeb.py")
    ap.add_argument("--cmd", default=f"{sys.executable} -m cleaner run {{raw}} --out {{out}} --languages any --quiet",
                    help="command template passed to the scorer ({raw}, {out})")
    ap.add_argument("--extractors", help="comma-separated subset")
    ap.add_argument("--out", type=Path, default=REPO / "bench" / "results" / "aeb-dev.md", help="Markdown table to write")
    a = ap.parse_args(argv)
    if not a.scorer.exists() or not a.data.exists():
        print(f"aeb_quality: scorer or data not found ({a.scorer}, {a.data})", file=sys.stderr)
        return 2
    scores = run_scorer(a.scorer, a.data, a.cmd, a.extractors)
    text = table(scores)
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(text, encoding="utf-8")
    print(text, end="")
    t = scores["total"]
    print(f"\nall extractors: junk removed {t['junk_removed']:.1%}, content lost {t['content_lost']:.2%} -> {a.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
