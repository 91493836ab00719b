"""Benchmark: what ``cleaner learn`` costs on a corpus of 20,000 articles.

The corpus is built as ``eval/sites.py`` builds its sites (each aeb-dev page's template around
other pages' bodies, dates changed, related headlines rotated, menus shuffled): 95 sites, N / 95
articles each. ``cleaner learn`` runs on it through the real console script, once on a tenth of
it (a site folder holds the same share) and once on all of it, so the ratio says how the cost
grows (linear: ~10).

    python bench/learn_corpus.py                  # 20,000 articles (and 2,000)
    python bench/learn_corpus.py --articles 4000

The corpora are kept in bench/out/ (ignored by git) and rebuilt only when missing (``--rebuild``).
"""

from __future__ import annotations

import argparse
import importlib.util
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
EVAL = REPO.parent / "shared" / "eval"
BIN = Path(sys.executable).parent


def sites_module():
    spec = importlib.util.spec_from_file_location("sites", REPO / "eval" / "sites.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["sites"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def build(out: Path, articles: int, rebuild: bool) -> Path:
    if out.exists() and not rebuild:
        return out
    shutil.rmtree(out, ignore_errors=True)
    sites = sites_module()
    aeb = EVAL / "aeb-dev"
    templates = []
    for truth in sorted((aeb / "truth").glob("*.txt")):
        raw = aeb / "raw" / "html-text" / truth.name
        if raw.exists():
            template = sites.make_template(truth.stem[:10], raw.read_text(encoding="utf-8"), truth.read_text(encoding="utf-8"))
            if template is not None:
                templates.append(template)
    (out / "truth").mkdir(parents=True)
    sites.build_corpus(out, templates, sites.load_bodies(EVAL, "dev"), max(1, round(articles / len(templates))), 18)
    return out


def learn(raw: Path, pack: Path) -> tuple[float, float]:
    """Seconds and peak resident memory (MB) of one ``cleaner learn``."""
    started = time.perf_counter()
    proc = subprocess.run([str(BIN / "cleaner"), "learn", str(raw), "--out", str(pack)], capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        sys.exit(proc.stderr)
    print("   ", proc.stderr.strip().splitlines()[-1])
    return seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=20_000)
    ap.add_argument("--rebuild", action="store_true")
    args = ap.parse_args()
    rows = []
    for count in (args.articles // 10, args.articles):
        corpus = build(HERE / "out" / f"learn-{count}", count, args.rebuild)
        files = sum(1 for _ in (corpus / "raw").rglob("*.txt"))
        size = sum(p.stat().st_size for p in (corpus / "raw").rglob("*.txt")) / 1e6
        print(f"{files} articles ({size:.0f} MB):")
        seconds, rss = learn(corpus / "raw", corpus / "learned.toml")
        rows.append((files, size, seconds, rss))
    print("\n| articles | MB | cleaner learn, s | articles/s | peak memory, MB |\n|---:|---:|---:|---:|---:|")
    for files, size, seconds, rss in rows:
        print(f"| {files:,} | {size:.0f} | {seconds:.1f} | {files / seconds:,.0f} | {rss:.0f} |")
    print(f"\ntime ratio {rows[1][0] // rows[0][0]}x articles: {rows[1][2] / rows[0][2]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
