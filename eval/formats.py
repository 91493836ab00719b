#!/usr/bin/env python3
"""The layout matrix: does the cleaner keep the article whatever the text's layout?

Every aeb-dev extractor output (one paragraph per line, as the extractors wrote it) is laid out
again in the layouts other tools write, the cleaner runs on each copy, and
``../shared/eval/score_aeb.py`` scores it against the (unwrapped) truth. The scorer works on word
4-gram shingles, so a layout change alone costs nothing: what a cell shows is what the cleaner
did differently on that layout. Layouts:

* ``given``: the extractor's text as it is;
* ``wrap60`` ... ``wrap100``: every line hard-wrapped at that width (``textwrap``, as ``fmt``,
  lynx dumps and newswire feeds do), blank lines kept as they were;
* ``markdown``: html2text conventions at 78 columns: ``#`` headings, ``  * `` bullets (a run of
  short lines becomes a list of links), ``> `` quotes, a few words of each long paragraph made
  a ``[link](#)`` that wrapping may split across lines, paragraphs wrapped and separated by a
  blank line (the link targets hold no words, so they add no junk for the scorer to count);
* ``crlf``: the text with CRLF line ends;
* ``indent``: wrapped at 72 with the first line of each paragraph indented by four spaces;
* ``blank``: a blank line after every line.

Usage (the venv active, from the repository)::

    python eval/formats.py                       # the whole matrix, a few minutes
    python eval/formats.py --layouts given,wrap72 --cleaner 'python -m cleaner'
    python eval/formats.py --layouts given,markdown --extractors dom_smoothie   # one extractor

A benchmark, not a test. Prints one Markdown table: extractor x layout, each cell
``junk removed / content lost``, and an ``ALL`` row per layout.
"""

from __future__ import annotations

import argparse
import json
import re
import shlex
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path
from typing import Callable, Sequence

REPO = Path(__file__).resolve().parents[1]
_SENTENCE_END = re.compile(r"[.!?:;\"”’)]$")


def _lines_map(text: str, each: Callable[[str], str]) -> str:
    """Apply ``each`` to every non-blank line, keep blank lines as they are."""
    return "\n".join(each(line) if line.strip() else line for line in text.split("\n"))


def wrapped(width: int) -> Callable[[str], str]:
    def lay(text: str) -> str:
        return _lines_map(text, lambda line: textwrap.fill(line.strip(), width, break_long_words=False))
    return lay


def indented(text: str) -> str:
    return _lines_map(text, lambda line: textwrap.fill(line.strip(), 72, initial_indent="    ", break_long_words=False))


def crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


def blank_after_each(text: str) -> str:
    return "".join(line + "\n\n" for line in text.split("\n"))


def _short(line: str) -> bool:
    return len(line.split()) <= 5 and not _SENTENCE_END.search(line)


def _linked(line: str) -> str:
    """Words 4-7 of a long paragraph made a Markdown link (so wrapping may split it)."""
    words = line.split()
    if len(words) < 16:
        return line
    return " ".join(words[:4] + ["[" + " ".join(words[4:8]) + "](#)"] + words[8:])


def markdown(text: str, width: int = 78) -> str:
    """html2text-style Markdown: the first line a ``#`` heading, runs of three or more short
    lines a bullet list of links, a bulleted line a bullet, a short line before a paragraph a
    ``##`` heading, a paragraph opening with a quotation mark a ``>`` quote, other paragraphs
    wrapped at ``width``; every block followed by a blank line (list items by none)."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        run = i
        while run < len(lines) and _short(lines[run]):
            run += 1
        if run - i >= 3:
            out.extend(f"  * [{item}](#)" for item in lines[i:run])
            out.append("")
            i = run
            continue
        if i == 0 and _short(line):
            out += [f"# {line}", ""]
        elif line[:1] in "•·-*–":
            out += [f"  * {line[1:].strip()}", ""]
        elif _short(line) and i + 1 < len(lines) and not _short(lines[i + 1]):
            out += [f"## {line}", ""]
        elif line[:1] in "“\"":
            out += textwrap.wrap(_linked(line), width - 2, initial_indent="> ", subsequent_indent="> ", break_long_words=False) + [""]
        else:
            out += textwrap.wrap(_linked(line), width, break_long_words=False) + [""]
        i += 1
    return "\n".join(out)


LAYOUTS: dict[str, Callable[[str], str]] = {
    "given": lambda text: text,
    "wrap60": wrapped(60),
    "wrap72": wrapped(72),
    "wrap78": wrapped(78),
    "wrap100": wrapped(100),
    "markdown": markdown,
    "crlf": crlf,
    "indent": indented,
    "blank": blank_after_each,
}


def lay_out(data: Path, dest: Path, layout: Callable[[str], str], extractors: Sequence[str] = ()) -> None:
    """Write ``data``'s raw files in ``layout`` under ``dest/raw`` (only ``extractors``' folders
    when given); ``dest/truth`` links to the truth."""
    (dest / "raw").mkdir(parents=True)
    (dest / "truth").symlink_to((data / "truth").resolve())
    for folder in sorted(p for p in (data / "raw").iterdir() if p.is_dir() and (not extractors or p.name in extractors)):
        (dest / "raw" / folder.name).mkdir()
        for f in sorted(folder.glob("*.txt")):
            text = f.read_text(encoding="utf-8", errors="replace")
            (dest / "raw" / folder.name / f.name).write_bytes(layout(text).encode("utf-8"))


def score(scorer: Path, data: Path, cleaner: str) -> dict:
    """Run the scorer on one laid-out copy; its figures per extractor and in total."""
    out = data / "scores.json"
    cmd = f"{cleaner} run {{raw}} --out {{out}} --languages any --quiet"
    subprocess.run([sys.executable, str(scorer), "--data", str(data), "--cmd", cmd, "--json", str(out)],
                   check=True, capture_output=True, text=True)
    return json.loads(out.read_text(encoding="utf-8"))


def table(results: dict[str, dict]) -> str:
    layouts = list(results)
    extractors = sorted(next(iter(results.values()))["by_extractor"])
    head = "| extractor | " + " | ".join(layouts) + " |"
    lines = [head, "|---|" + "---:|" * len(layouts)]

    def cell(r: dict) -> str:
        return f"{r['junk_removed']:.1%} / {r['content_lost']:.2%}"

    for name in extractors:
        lines.append(f"| {name} | " + " | ".join(cell(results[l]["by_extractor"][name]) for l in layouts) + " |")
    lines.append("| **ALL** | " + " | ".join(f"**{cell(results[l]['total'])}**" for l in layouts) + " |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--eval", type=Path, default=REPO.parent / "shared" / "eval", help="folder with score_aeb.py and aeb-dev/")
    ap.add_argument("--layouts", default=",".join(LAYOUTS), help=f"comma-separated subset of: {', '.join(LAYOUTS)}")
    ap.add_argument("--cleaner", default=shlex.quote(str(Path(sys.executable).with_name("cleaner"))),
                    help="the command that runs the cleaner (default: the venv's console script)")
    ap.add_argument("--extractors", default="", help="comma-separated subset of aeb-dev's extractor folders (default: all)")
    ap.add_argument("--json", type=Path, help="also write every figure here")
    args = ap.parse_args(argv)
    scorer, data = args.eval / "score_aeb.py", args.eval / "aeb-dev"
    if not scorer.is_file() or not (data / "raw").is_dir():
        print(f"{args.eval}: score_aeb.py or aeb-dev/ not found (pass --eval)", file=sys.stderr)
        return 2
    names = args.layouts.split(",")
    unknown = [n for n in names if n not in LAYOUTS]
    if unknown:
        print(f"unknown layout(s): {', '.join(unknown)}", file=sys.stderr)
        return 2
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            dest = Path(tmp) / name
            lay_out(data, dest, LAYOUTS[name], [e for e in args.extractors.split(",") if e])
            results[name] = score(scorer, dest, args.cleaner)
            t = results[name]["total"]
            print(f"{name}: junk removed {t['junk_removed']:.1%}, content lost {t['content_lost']:.2%}", file=sys.stderr)
    print("cells: junk removed / content lost\n")
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
