#!/usr/bin/env python3
"""Site templates learned from a corpus: does ``cleaner learn`` + ``cleaner run`` remove what a
site repeats around its articles, and nothing of the articles?

aeb-dev holds one page per site. This builds sites of many articles from it: each page's lines
that are not in its truth become its site's template (the block above the body, the block below
it, and the lines inside it, at the same relative places); the site's N articles put that
template around the bodies of other pages, with the variation real sites have:

* the page's headline (template lines that echo its ``<title>``) becomes the article's own;
* dates change from article to article (day, month, time);
* lines that look like headlines of other stories ("related", "most read") rotate: article k
  shows the next slice of a pool of the site's and other pages' headlines;
* on half the articles the longest block of short lines (a menu) comes in another order.

The truth of an article is the body's truth. Each corpus is scored with
``../shared/eval/score_aeb.py``'s own functions (junk removed, content lost over word 4-gram
shingles), cleaned once without and once with the learned pack, and the lines SIT001 removed that
are lines of a body and that the text no longer holds are counted (``body lines lost``: the
promise is 0; in brackets, how many of them are the body's first line, its headline, where the
truth holds one).

Bodies come from aeb-dev (``dev``) and, to check on pages the dev set does not hold, from the real
newspaper articles of ocr-real-dev (``held-out``: the Sydney Morning Herald, 1842-1954).

Usage (the venv active, from the repository)::

    python eval/sites.py                          # 3 and 10 articles per site, both body sets
    python eval/sites.py --articles 3,10,20 --bodies dev

A benchmark, not a test. Prints one Markdown table.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import re
import shlex
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TOKEN = re.compile(r"\w+")
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
_MONTH = re.compile(r"\b(" + "|".join(m[:3] for m in MONTHS) + r")[a-z]*\.?", re.IGNORECASE)
_DATE_LINE = re.compile(r"\b(19|20)\d\d\b|\b\d{1,2}:\d\d\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b")
_NUMBER = re.compile(r"\d+")


def load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("score_aeb", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def tokens(text: str) -> list[str]:
    return [t.lower() for t in TOKEN.findall(text)]


def in_truth(line: str, truth_joined: str, truth_lines: set[str]) -> bool:
    """Is this raw line article text: its words a stretch of the truth's (short lines: a whole
    line of it)?"""
    words = tokens(line)
    if not words:
        return False
    joined = " ".join(words)
    if len(words) < 4:
        return joined in truth_lines
    return f" {joined} " in truth_joined


@dataclass
class Template:
    site: str
    top: list[str]
    bottom: list[str]
    #: (relative place in the body, line)
    inside: list[tuple[float, str]]
    title: str


@dataclass
class Body:
    page: str
    text: str
    title: str


def page_title(raw: str) -> str:
    first = next((line.strip() for line in raw.split("\n") if line.strip()), "")
    parts = [p.strip() for p in re.split(r"\s+[|\-–—]\s+", first) if p.strip()]
    return max(parts, key=len) if parts else first


def make_template(site: str, raw: str, truth: str) -> Template | None:
    truth_joined = " " + " ".join(tokens(truth)) + " "
    truth_lines = {" ".join(tokens(line)) for line in truth.split("\n") if line.strip()}
    lines = [line.rstrip() for line in raw.split("\n")]
    body = [i for i, line in enumerate(lines) if line.strip() and in_truth(line, truth_joined, truth_lines)]
    if not body:
        return None
    first, last = body[0], body[-1]
    span = max(1, last - first)
    inside = [((i - first) / span, lines[i]) for i in range(first, last + 1)
              if lines[i].strip() and i not in set(body)]
    return Template(site, lines[:first], lines[last + 1:], inside, page_title(raw))


def title_slot(line: str, title: str) -> bool:
    words, title_words = set(tokens(line)), set(tokens(title))
    return len(title_words) >= 3 and len(words & title_words) >= 0.6 * len(title_words)


def headline_like(line: str) -> bool:
    text = line.strip()
    n = len(tokens(text))
    return 5 <= n <= 18 and not text.endswith((".", ":", "!", "?")) and text[:1].isupper()


def change_date(line: str, rng: random.Random) -> str:
    if not _DATE_LINE.search(line) and not (_MONTH.search(line) and _NUMBER.search(line)):
        return line
    line = _MONTH.sub(lambda m: rng.choice(MONTHS)[: len(m.group(1))] + m.group(0)[len(m.group(1)):] if len(m.group(0)) <= 4
                      else rng.choice(MONTHS), line)
    return _NUMBER.sub(lambda m: m.group(0) if len(m.group(0)) == 4 else str(rng.randint(1, 28)), line)


def shuffle_menu(lines: list[str], rng: random.Random) -> list[str]:
    """The longest run of short lines (at most four words) in another order."""
    best, start = (0, 0), None
    for i, line in enumerate(lines + [""]):
        short = line.strip() and len(tokens(line)) <= 4
        if short and start is None:
            start = i
        elif not short and start is not None:
            if i - start > best[1] - best[0]:
                best = (start, i)
            start = None
    a, b = best
    if b - a < 3:
        return lines
    block = lines[a:b]
    rng.shuffle(block)
    return lines[:a] + block + lines[b:]


def build_article(template: Template, body: Body, k: int, pool: list[str], rng: random.Random) -> str:
    def vary(lines: list[str], offset: int) -> list[str]:
        out = []
        slot = offset
        for line in lines:
            if title_slot(line, template.title):
                out.append(line.replace(line.strip(), body.title) if body.title else line)
            elif headline_like(line):
                out.append(pool[(slot + k) % len(pool)])
                slot += 1
            else:
                out.append(change_date(line, rng))
        return out

    top = vary(template.top, 0)
    bottom = vary(template.bottom, 100)
    if k % 2:
        top = shuffle_menu(top, rng)
    paragraphs = [p for p in body.text.split("\n") if p.strip()]
    middle: list[str] = []
    inside = sorted(template.inside)
    j = 0
    for n, paragraph in enumerate(paragraphs):
        place = n / max(1, len(paragraphs))
        while j < len(inside) and inside[j][0] <= place:
            middle += [change_date(inside[j][1], rng), ""]
            j += 1
        middle += [paragraph, ""]
    middle += [line for _, line in inside[j:]]
    return "\n".join(top + [""] + middle + [""] + bottom) + "\n"


def build_corpus(out: Path, templates: list[Template], bodies: list[Body], per_site: int, seed: int) -> dict[str, str]:
    """Write raw/<site>/<site>-<k>.txt and truth/<site>-<k>.txt; -> id -> site."""
    rng = random.Random(seed)
    titles = [b.title for b in bodies if b.title]
    sites = {}
    for t_index, template in enumerate(templates):
        folder = out / "raw" / template.site
        folder.mkdir(parents=True)
        own = [line.strip() for line in template.top + template.bottom if headline_like(line) and not title_slot(line, template.title)]
        others = rng.sample(titles, min(len(titles), per_site))
        pool = own + others or ["Other news"]
        candidates = [b for b in bodies if b.page != template.site]
        # (more articles than bodies, as the bench asks for: the bodies come round again)
        chosen = [rng.sample(candidates, len(candidates))[i % len(candidates)] for i in range(per_site)] \
            if per_site > len(candidates) else rng.sample(candidates, per_site)
        for k, body in enumerate(chosen):
            name = f"{template.site}-{k:03d}" if per_site > 99 else f"{template.site}-{k:02d}"
            (folder / f"{name}.txt").write_text(build_article(template, body, k, pool, rng), encoding="utf-8")
            (out / "truth" / f"{name}.txt").write_text(body.text, encoding="utf-8")
            sites[name] = template.site
    return sites


def run(cmd: str) -> None:
    proc = subprocess.run(cmd, shell=True, capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        sys.exit(f"failed ({proc.returncode}): {cmd}\n{proc.stderr[-2000:]}")


def read_records(folder: Path) -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in folder.rglob("*.json") if not p.name.startswith("_")}


@dataclass
class Score:
    fp_before: int = 0
    fp_after: int = 0
    tp_before: int = 0
    tp_after: int = 0
    body_lines: int = 0
    #: Of them, copies of the body's first line (its headline, where the truth holds one).
    headline_lines: int = 0
    learned_lines: int = 0
    lost_examples: list[str] = field(default_factory=list)

    @property
    def junk_removed(self) -> float:
        return (self.fp_before - self.fp_after) / self.fp_before if self.fp_before else 0.0

    @property
    def content_lost(self) -> float:
        return (self.tp_before - self.tp_after) / self.tp_before if self.tp_before else 0.0


def score(scorer, corpus: Path, records: dict[str, dict], sites: dict[str, str]) -> Score:
    out = Score()
    for name, site in sorted(sites.items()):
        truth = (corpus / "truth" / f"{name}.txt").read_text(encoding="utf-8")
        raw = (corpus / "raw" / site / f"{name}.txt").read_text(encoding="utf-8")
        record = records.get(name, {})
        true_sh = scorer.shingles(truth)
        b = scorer.match(true_sh, scorer.shingles(raw))
        a = scorer.match(true_sh, scorer.shingles(record.get("text", "")))
        out.tp_before += b[0]
        out.fp_before += b[1]
        out.tp_after += a[0]
        out.fp_after += a[1]
        truth_joined = " " + " ".join(tokens(truth)) + " "
        truth_lines = {" ".join(tokens(line)) for line in truth.split("\n") if line.strip()}
        kept = " " + " ".join(tokens(record.get("text", ""))) + " "
        for change in record.get("changes", []):
            if change["rule"] != "SIT001":
                continue
            out.learned_lines += 1
            # A line of the body that the text no longer holds (a copy of the headline above
            # the body, removed while the body keeps its own, is no loss).
            words = " ".join(tokens(change["before"]))
            if in_truth(change["before"], truth_joined, truth_lines) and f" {words} " not in kept:
                out.body_lines += 1
                first = next((line for line in truth.split("\n") if line.strip()), "")
                out.headline_lines += tokens(first) == tokens(change["before"])
                out.lost_examples.append(f"{name}: {change['before'][:100]}")
    return out


def load_bodies(data: Path, kind: str) -> list[Body]:
    bodies = []
    if kind == "dev":
        for truth in sorted((data / "aeb-dev" / "truth").glob("*.txt")):
            raw = data / "aeb-dev" / "raw" / "html-text" / truth.name
            title = page_title(raw.read_text(encoding="utf-8")) if raw.exists() else ""
            bodies.append(Body(truth.stem[:10], truth.read_text(encoding="utf-8"), title))
    else:
        for truth in sorted((data / "ocr-real-dev" / "truth").glob("*.txt")):
            text = truth.read_text(encoding="utf-8")
            first = next((line.strip() for line in text.split("\n") if line.strip()), "")
            bodies.append(Body("real-" + truth.stem, text, first if len(first) < 90 else ""))
    return bodies


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--eval", type=Path, default=REPO.parent / "shared" / "eval", help="folder with score_aeb.py and the data sets")
    ap.add_argument("--articles", default="3,10", help="articles per site, comma-separated (default: 3,10)")
    ap.add_argument("--bodies", default="dev,held-out", help="body sets: dev (aeb-dev), held-out (ocr-real-dev); comma-separated")
    ap.add_argument("--extractor", default="html-text", help="the aeb-dev extractor whose pages give the templates (default: html-text)")
    here = Path(sys.executable).with_name("cleaner")
    ap.add_argument("--cleaner", default=str(here) if here.exists() else "cleaner",
                    help="the cleaner command (default: the one beside this Python, else cleaner on PATH)")
    ap.add_argument("--seed", type=int, default=18)
    ap.add_argument("--show", type=int, default=0, metavar="K", help="print up to K body lines SIT001 removed")
    ap.add_argument("--keep", type=Path, help="build the corpora here and keep them (default: a temporary folder)")
    ap.add_argument("--json", type=Path, help="write the figures here")
    args = ap.parse_args(argv)

    scorer = load_scorer(args.eval / "score_aeb.py")
    aeb = args.eval / "aeb-dev"
    templates = []
    for truth in sorted((aeb / "truth").glob("*.txt")):
        raw = aeb / "raw" / args.extractor / truth.name
        if raw.exists():
            template = make_template(truth.stem[:10], raw.read_text(encoding="utf-8"), truth.read_text(encoding="utf-8"))
            if template is not None:
                templates.append(template)
    cleaner = args.cleaner
    rows = []
    print("| bodies | articles per site | sites | articles | junk removed (built-in rules) | junk removed (+ learned pack) "
          "| content lost (built-in) | content lost (+ learned) | learned lines removed | body lines lost (headline) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        base = args.keep or Path(tmp)
        for kind in args.bodies.split(","):
            bodies = load_bodies(args.eval, kind)
            for per_site in (int(n) for n in args.articles.split(",")):
                corpus = base / f"{kind}-{per_site}"
                (corpus / "truth").mkdir(parents=True)
                sites = build_corpus(corpus, templates, bodies, per_site, args.seed)
                raw, pack = corpus / "raw", corpus / "learned.toml"
                q = shlex.quote
                run(f"{cleaner} run {q(str(raw))} --out {q(str(corpus / 'plain'))} --languages any --quiet")
                run(f"{cleaner} learn {q(str(raw))} --out {q(str(pack))}")
                run(f"{cleaner} run {q(str(raw))} --out {q(str(corpus / 'learned'))} --languages any --quiet --pack {q(str(pack))}")
                plain = score(scorer, corpus, read_records(corpus / "plain"), sites)
                learned = score(scorer, corpus, read_records(corpus / "learned"), sites)
                row = {"bodies": kind, "per_site": per_site, "sites": len(templates), "articles": len(sites),
                       "junk_removed_plain": plain.junk_removed, "junk_removed_learned": learned.junk_removed,
                       "content_lost_plain": plain.content_lost, "content_lost_learned": learned.content_lost,
                       "learned_lines": learned.learned_lines, "body_lines": learned.body_lines,
                       "headline_lines": learned.headline_lines}
                rows.append(row)
                print(f"| {kind} | {per_site} | {len(templates)} | {len(sites)} | {plain.junk_removed:.1%} | "
                      f"{learned.junk_removed:.1%} | {plain.content_lost:.2%} | {learned.content_lost:.2%} | "
                      f"{learned.learned_lines} | {learned.body_lines} ({learned.headline_lines}) |", flush=True)
                for example in learned.lost_examples[: args.show]:
                    print(f"    body line removed: {example}", file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
