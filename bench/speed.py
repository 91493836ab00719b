#!/usr/bin/env python3
"""Speed of the cleaning pipeline against a baseline, as a ratio measured in one run.

    python bench/speed.py                         # this tree vs. where it forked from main, on aeb-dev
    python bench/speed.py --baseline HEAD~3 --rounds 5 --data DIR

The baseline's ``cleaner`` package is taken from git (``git archive REF cleaner``) into a
temporary folder. Each round times both trees in fresh subprocesses, alternating, on the same
texts (every ``raw/*/*.txt`` under ``--data``): the pipeline is built once, then every text is
cleaned in full (language detection included). Medians and their ratio are printed; a ratio
near 1.0 means the change costs nothing. Machines differ, so only the ratio is meaningful.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

_TIMER = r"""
import json, sys, time
from pathlib import Path
from cleaner.config import Config
from cleaner.engine.pipeline import Pipeline
files = sorted(Path(sys.argv[1]).glob("raw/*/*.txt"))
texts = [f.read_text(encoding="utf-8", errors="replace") for f in files]
pipe = Pipeline.for_config(Config(languages=None))
pipe.clean(texts[0])  # warm caches and imports
t0 = time.perf_counter()
for text in texts:
    pipe.clean(text, detect_language=sys.argv[2] == "1")
print(json.dumps({"seconds": time.perf_counter() - t0, "files": len(texts)}))
"""


def export(ref: str, into: Path) -> Path:
    archive = into / "baseline.tar"
    with archive.open("wb") as fh:
        subprocess.run(["git", "-C", str(REPO), "archive", ref, "cleaner"], stdout=fh, check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(into / "src", filter="data")
    return into / "src"


def time_tree(src: Path, data: Path, language: bool) -> tuple[float, int]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    proc = subprocess.run([sys.executable, "-c", _TIMER, str(data), "1" if language else "0"], env=env,
                          capture_output=True, text=True, cwd=src)
    if proc.returncode != 0:
        raise SystemExit(f"timing failed for {src}:\n{proc.stderr[-2000:]}")
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    return out["seconds"], out["files"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--baseline", help="git ref to compare with (default: the merge base with main)")
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "eval" / "aeb-dev")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--no-language", action="store_true", help="skip language detection (time the rules only)")
    a = ap.parse_args(argv)
    if a.baseline is None:
        a.baseline = subprocess.run(["git", "-C", str(REPO), "merge-base", "HEAD", "main"], capture_output=True,
                                    text=True, check=True).stdout.strip()
    with tempfile.TemporaryDirectory() as tmp:
        base_src = export(a.baseline, Path(tmp))
        base, cur = [], []
        files = 0
        for _ in range(a.rounds):
            secs, files = time_tree(base_src, a.data, not a.no_language)
            base.append(secs)
            secs, _ = time_tree(REPO, a.data, not a.no_language)
            cur.append(secs)
    b, c = statistics.median(base), statistics.median(cur)
    what = "rules only" if a.no_language else "full pipeline"
    print(f"{files} texts, {what}, median of {a.rounds} rounds:")
    print(f"  baseline ({a.baseline[:12]}): {b:.2f} s  ({1000 * b / files:.2f} ms/text)")
    print(f"  this tree:            {c:.2f} s  ({1000 * c / files:.2f} ms/text)")
    print(f"  ratio this/baseline:  {c / b:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
