"""Build a benchmark corpus of real news text: the AEB dev set's extractor outputs, cycled with
small variations until the corpus has N documents.

    python bench/corpus.py 2000 bench/out/corpus-2000/raw [--eval ../shared/eval/aeb-dev]

Copy ``c`` of a text (c >= 1) differs from the original in its last line (a bracketed copy
number) and, for odd copies, in the order of two middle paragraphs, so every document has its
own bytes (its own sha256) while keeping the real text's length, scripts and artifacts. The
corpus is deterministic: the same N and source give the same bytes.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

DEFAULT_EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "aeb-dev"


def source_texts(eval_dir: Path) -> list[tuple[str, bytes]]:
    """``(name, bytes)`` of every extractor output under ``eval_dir/raw``, in a stable order."""
    out = []
    for path in sorted((eval_dir / "raw").glob("*/*.txt")):
        out.append((f"{path.parent.name}_{path.stem[:12]}", path.read_bytes()))
    if not out:
        raise SystemExit(f"no texts under {eval_dir / 'raw'}")
    return out


def vary(data: bytes, copy: int) -> bytes:
    """A small, deterministic variation of ``data`` for copy number ``copy`` (0: unchanged)."""
    if copy == 0:
        return data
    text = data.decode("utf-8", errors="surrogateescape")
    paragraphs = text.split("\n")
    if copy % 2 and len(paragraphs) > 6:
        mid = len(paragraphs) // 2
        paragraphs[mid], paragraphs[mid + 1] = paragraphs[mid + 1], paragraphs[mid]
    while paragraphs and not paragraphs[-1].strip():
        paragraphs.pop()
    if paragraphs:
        paragraphs[-1] = f"{paragraphs[-1]} [{copy}]"
    return ("\n".join(paragraphs) + "\n").encode("utf-8", errors="surrogateescape")


def build(n: int, out: Path, eval_dir: Path = DEFAULT_EVAL) -> Path:
    """Write ``n`` documents into ``out`` (replaced if it exists with another size)."""
    texts = source_texts(eval_dir)
    stamp = out / ".corpus-size"
    if stamp.exists() and stamp.read_text() == str(n):
        return out
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for i in range(n):
        name, data = texts[i % len(texts)]
        (out / f"{i:06d}_{name}.txt").write_bytes(vary(data, i // len(texts)))
    stamp.write_text(str(n))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--eval", type=Path, default=DEFAULT_EVAL)
    args = parser.parse_args(argv)
    build(args.n, args.out, args.eval)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
