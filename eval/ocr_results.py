#!/usr/bin/env python3
"""The OCR results tables of README.md: layout repair off ("before") and on ("after"), and
the line-end decisions on real scans.

Runs the evaluation scorer (``../shared/eval/score_aeb.py``) on the OCR set and on the web set,
once with ``--layout off`` (the cleaner without layout repair: what ``main`` did before the OCR
rules) and once with the default ``--layout auto``, and prints a Markdown table; then runs
``score_layout.py`` on the real-scan sets (``--real``) and prints their line-end decisions, and
``score_wer.py`` on ocr-real-dev with OCR word repair off and on::

    python eval/ocr_results.py                    # from the repository, venv active
    python eval/ocr_results.py --eval ../shared/eval --sets ocr-dev --real ''
    python eval/ocr_results.py --sets '' --real ocr-real-dev,ocr-real-dev-lines
    python eval/ocr_results.py --sets '' --per-article   # WER of every real article too

A benchmark, not a test: it takes a minute or two. ``exact`` counts pages whose words come out
exactly as the truth's; ``content lost`` below zero means the output holds more of the article's
word 4-grams than the raw text did (split words joined again).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Sequence

REPO = Path(__file__).resolve().parents[1]
SETTINGS = (("before (layout off)", "--layout off"), ("after (layout auto)", "--layout auto"))


def score(scorer: Path, data: Path, extra: str, cleaner: str) -> dict:
    """Run the scorer once and return its ``total`` figures."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "scores.json"
        cmd = f"{cleaner} run {{raw}} --out {{out}} --languages any --quiet {extra}"
        subprocess.run([sys.executable, str(scorer), "--data", str(data), "--cmd", cmd, "--json", str(out)],
                       check=True, capture_output=True, text=True)
        return json.loads(out.read_text(encoding="utf-8"))["total"]


def table(rows: list[tuple[str, str, dict]]) -> str:
    lines = [
        "| set | cleaner | pages | F1 raw | F1 out | junk removed | content lost | exact (raw > out) |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, setting, t in rows:
        lines.append(
            f"| {name} | {setting} | {t['pages']} | {t['before']['f1']:.3f} | {t['after']['f1']:.3f} | "
            f"{t['junk_removed']:.1%} | {t['content_lost']:.2%} | {t['exact_before']} > {t['exact_after']} "
            f"({t['exact_after'] / t['pages']:.0%}) |"
        )
    return "\n".join(lines)


def layout_scores(scorer: Path, data: Path, cleaner: str) -> dict:
    """Run the layout scorer once and return its figures (one engine per set). OCR word repair
    is off here: the scorer finds each line end's decision by the raw text's letters, and a
    repaired word ("walting" -> "waiting") no longer shows them."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "layout.json"
        cmd = f"{cleaner} run {{raw}} --out {{out}} --languages any --quiet --ocr-repair off"
        subprocess.run([sys.executable, str(scorer), "--data", str(data), "--cmd", cmd, "--json", str(out)],
                       check=True, capture_output=True, text=True)
        return next(iter(json.loads(out.read_text(encoding="utf-8")).values()))


def layout_table(rows: list[tuple[str, dict]]) -> str:
    lines = [
        "| set | docs | split words right | real compounds kept | hard wraps undone | paragraph breaks kept | break precision | lost hyphens rejoined |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, t in rows:
        lost = t.get("hyphen_lost_in_ocr", {})
        lost_n = sum(lost.values())
        lines.append(
            f"| {name} | {t['docs']} | {t['split_accuracy']:.1%} | {t['split_keep_right']}/{t['split_keep_n']} | "
            f"{t['join_recall']:.1%} | {t['break_recall']:.1%} | {t['break_precision']:.1%} | "
            f"{lost.get('join->joined', 0)}/{lost_n} |"
        )
    return "\n".join(lines)


def _wer_scorer(path: Path):
    """The WER scorer as a module (its per-article rows; it is a script, not a package)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("score_wer", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def wer_table(scorer: Path, data: Path, name: str, cleaner: str) -> tuple[str, str]:
    """The word error rate of the real-scan set with OCR word repair off and on (auto), and the
    per-article figures with repair on."""
    wer = _wer_scorer(scorer)
    lines = [
        "| set | OCR word repair | WER raw | WER out | reduction | words repaired | right words made wrong |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    articles = [
        "| article | words | WER raw | WER out | reduction | repaired | made wrong |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for mode in ("off", "auto"):
        rows = []
        for engine in sorted(p.name for p in (data / "raw").iterdir() if p.is_dir()):
            with tempfile.TemporaryDirectory() as tmp:
                subprocess.run([cleaner, "run", str(data / "raw" / engine), "--out", tmp, "--languages", "any", "--quiet",
                                "--ocr-repair", mode], check=False, capture_output=True, text=True)
                rows += wer.score_engine(data, engine, Path(tmp))
        t = wer.totals(rows)
        lines.append(f"| {name} | {mode} | {t['wer_raw']:.2%} | {t['wer_out']:.2%} | {t['reduction']:.1%} | "
                     f"{t['repaired']} | {t['made_wrong']} ({t['made_wrong_share']:.2%}) |")
        if mode == "auto":
            for r in rows:
                raw, out = r["err_raw"] / r["words"], r["err_out"] / r["words"]
                cut = 1 - r["err_out"] / r["err_raw"] if r["err_raw"] else 0.0
                wrong = r["made_wrong"] / r["right_raw"] if r["right_raw"] else 0.0
                articles.append(f"| {r['id']} | {r['words']} | {raw:.1%} | {out:.1%} | {cut:.0%} | {r['repaired']} | "
                                f"{r['made_wrong']} ({wrong:.1%}) |")
    return "\n".join(lines), "\n".join(articles)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--eval", type=Path, default=REPO.parent / "shared" / "eval", help="folder with score_aeb.py and the data sets")
    ap.add_argument("--sets", default="ocr-dev,aeb-dev", help="comma-separated data sets (folders under --eval)")
    ap.add_argument("--real", default="ocr-real-dev,ocr-real-dev-lines", help="comma-separated real-scan sets for score_layout.py ('' for none)")
    ap.add_argument("--per-article", action="store_true", help="also print the WER figures of every ocr-real-dev article")
    ap.add_argument("--cleaner", default=str(Path(sys.executable).with_name("cleaner")), help="the cleaner console script")
    args = ap.parse_args(argv)
    scorer = args.eval / "score_aeb.py"
    layout_scorer = args.eval / "score_layout.py"
    for path in (scorer, layout_scorer):
        if not path.is_file():
            print(f"{path}: not found (pass --eval)", file=sys.stderr)
            return 2
    rows = []
    for name in filter(None, args.sets.split(",")):
        for label, extra in SETTINGS:
            rows.append((name, label, score(scorer, args.eval / name, extra, args.cleaner)))
    if rows:
        print(table(rows))
    real = [(name, layout_scores(layout_scorer, args.eval / name, args.cleaner)) for name in filter(None, args.real.split(","))]
    if real:
        print(("\n" if rows else "") + layout_table(real))
        wer_scorer = args.eval / "score_wer.py"
        if wer_scorer.is_file() and "ocr-real-dev" in dict(real):
            overall, articles = wer_table(wer_scorer, args.eval / "ocr-real-dev", "ocr-real-dev", args.cleaner)
            print("\n" + overall)
            if args.per_article:
                print("\nPer article (OCR word repair auto):\n\n" + articles)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
