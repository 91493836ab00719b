"""``cleaner learn``: the lines each source repeats around its articles, written as a pack.

A news corpus is made of a few sites, each printing its own menus, footers and newsletter boxes
around every article. One page cannot tell them from the article; the site's other pages can.
The learner groups the raw files by source (``rules.site.SourceKey``), normalises every line
(``rules.site.normalise_line``) and keeps the lines found on enough of the source's articles:

* on at least ``min_support`` of them and at least ``min_articles``, counting the copies of one
  story once (a line of a story the site printed three times is not a template);
* a sentence (prose, by ``rules.shape``) needs ``min_prose_support``: a wire service's closing
  paragraph is a template, but a sentence is also what articles are made of;
* a sentence that stands between two lines of prose the source does not repeat is in the body
  of those articles: it is learned only together with repeated lines beside it, as a run that
  ``SIT001`` removes only where all of it stands together;
* ``by_body`` counts the articles on which an entry stood next to a paragraph of the body: a
  headline the site lists in its "most read" box stands among other template lines, and where
  it stands next to the body it is that article's own headline, which ``SIT001`` leaves;
* ``most`` is the most copies of an entry one article held (written when over 1): an article
  that holds a learned headline more often (as its page title, its heading and in the box) is
  that story's own page, and ``SIT001`` leaves the headline there to the rules for echoes.

The pack is sorted (sources by name, entries by their normalised text) and keeps the wording of
an entry the previous pack at ``--out`` already had, so learning again on a grown corpus changes
only the counts, the entries that appeared and those that fell below support.
"""

from __future__ import annotations

import json
import math
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence, TextIO

from .text.shape import line_shape
from .rules.site import CODE, LearnedEntry, LearnedSource, SourceKey, normalise_line

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

#: Defaults of ``cleaner learn`` (documented in its --help and the README).
MIN_SUPPORT = 0.3
MIN_ARTICLES = 3
MIN_PROSE_SUPPORT = 0.6
#: A sentence found between two unrepeated prose lines on this share of its occurrences is
#: taken to be body text.
BODY_SHARE = 0.5


@dataclass(frozen=True)
class LearnSettings:
    min_support: float = MIN_SUPPORT
    min_articles: int = MIN_ARTICLES
    min_prose_support: float = MIN_PROSE_SUPPORT
    source_key: SourceKey = field(default_factory=SourceKey)

    def needed(self, articles: int, prose: bool = False) -> int:
        share = max(self.min_support, self.min_prose_support) if prose else self.min_support
        return max(self.min_articles, math.ceil(share * articles - 1e-9))


#: One article: its lines' normalised keys and texts (non-blank lines with a key).
Article = tuple[tuple[str, ...], tuple[str, ...]]


def article_lines(text: str, dates: frozenset[str]) -> Article:
    keys, texts = [], []
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            continue
        key = normalise_line(line, dates)
        if key:
            keys.append(key)
            texts.append(line)
    return tuple(keys), tuple(texts)


def learn_source(articles: Sequence[Article], settings: LearnSettings) -> LearnedSource:
    """What one source's articles repeat (see the module docstring)."""
    count = len(articles)
    if count < settings.min_articles:
        return LearnedSource(count, ())
    needed = settings.needed(count)
    found_on: Counter[str] = Counter()
    for keys, _ in articles:
        found_on.update(set(keys))
    candidates = {key for key, n in found_on.items() if n >= needed}
    # A line counts once per distinct article: a story a site printed three times repeats its
    # every line, which a template does around *different* articles. An article is told by
    # what it does not share with the others (its lines that are no candidates).
    bodies: dict[str, set[int]] = defaultdict(set)
    for keys, _ in articles:
        body = hash(tuple(k for k in keys if k not in candidates))
        for key in set(keys) & candidates:
            bodies[key].add(body)
    candidates = {key for key in candidates if len(bodies[key]) >= needed}
    if not candidates:
        return LearnedSource(count, ())
    wording: dict[str, Counter[str]] = defaultdict(Counter)
    in_body: Counter[str] = Counter()
    occurrences: Counter[str] = Counter()
    by_body: Counter[str] = Counter()
    most: Counter[str] = Counter()
    for keys, texts in articles:
        for key, copies in Counter(k for k in keys if k in candidates).items():
            most[key] = max(most[key], copies)
        body = [key not in candidates and line_shape(text)[1] for key, text in zip(keys, texts)]
        beside: set[str] = set()
        for i, key in enumerate(keys):
            if key not in candidates:
                continue
            wording[key][texts[i]] += 1
            occurrences[key] += 1
            above, below = i > 0 and body[i - 1], i + 1 < len(keys) and body[i + 1]
            if above and below:
                in_body[key] += 1
            if above or below:
                beside.add(key)
        by_body.update(beside)
    shown = {key: _most_common(words) for key, words in wording.items()}
    singles: dict[tuple[str, ...], int] = {}
    guarded: set[str] = set()
    for key in candidates:
        if not line_shape(shown[key])[1]:
            singles[(key,)] = found_on[key]
        elif len(bodies[key]) >= settings.needed(count, prose=True) and in_body[key] < BODY_SHARE * occurrences[key]:
            singles[(key,)] = found_on[key]
        else:
            guarded.add(key)
    runs = _runs(articles, candidates, guarded, needed)
    entries = [LearnedEntry(tuple(shown[k] for k in keys), seen, keys, *((by_body[keys[0]], most[keys[0]]) if len(keys) == 1 else (0, 1)))
               for keys, seen in {**singles, **runs}.items()]
    return LearnedSource(count, tuple(sorted(entries, key=lambda e: e.keys)))


def _runs(articles: Sequence[Article], candidates: set[str], guarded: set[str], needed: int) -> dict[tuple[str, ...], int]:
    """For each guarded sentence, the longest run with repeated neighbours (one line above,
    one below, or both) that is found on enough articles."""
    if not guarded:
        return {}
    windows: dict[str, Counter[tuple[str, ...]]] = defaultdict(Counter)
    for keys, _ in articles:
        seen: set[tuple[str, ...]] = set()
        for i, key in enumerate(keys):
            if key not in guarded:
                continue
            above = keys[i - 1] if i > 0 and keys[i - 1] in candidates else None
            below = keys[i + 1] if i + 1 < len(keys) and keys[i + 1] in candidates else None
            options = []
            if above and below:
                options.append((above, key, below))
            if above:
                options.append((above, key))
            if below:
                options.append((key, below))
            for window in options:
                if window not in seen:
                    seen.add(window)
                    windows[key][window] += 1
    out: dict[tuple[str, ...], int] = {}
    for key in sorted(guarded):
        # The longest window, then the most supported, then the first in order: stable.
        supported = sorted((-len(w), -n, w) for w, n in windows[key].items() if n >= needed)
        if supported:
            _, n, window = supported[0]
            out[window] = -n
    return out


def _most_common(words: Counter[str]) -> str:
    return min(words.items(), key=lambda item: (-item[1], item[0]))[0]


# -- reading a corpus ------------------------------------------------------------------------


@dataclass
class Corpus:
    """The articles of each source, and the inputs that could not be read."""

    sources: dict[str, list[Article]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    articles: int = 0
    without_source: int = 0


def read_corpus(paths: Iterable[Path], config: Any, settings: LearnSettings, dates: frozenset[str]) -> Corpus:
    """Every raw file under ``paths`` (found as ``cleaner run`` finds them, so a file's id is
    its record's ``source.path``), decoded, grouped by source."""
    from .decode import decode_bytes
    from .errors import RejectError
    from .raw_files import read_raw
    from .discovery import discover

    tasks, early = discover(paths, config)
    corpus = Corpus(problems=[reject.line() for reject in early])
    for task in tasks:
        source = settings.source_key.of(task.source_path)
        if source is None:
            corpus.without_source += 1
            continue
        try:
            decoded = decode_bytes(read_raw(task.path, config.max_file_bytes, task.follow))
        except RejectError as exc:
            corpus.problems.append(f"{task.source_path}: {exc.code} {exc.message}")
            continue
        corpus.sources.setdefault(source, []).append(article_lines(decoded.text, dates))
        corpus.articles += 1
    return corpus


def learn_corpus(corpus: Corpus, settings: LearnSettings) -> dict[str, LearnedSource]:
    return {name: learn_source(articles, settings) for name, articles in sorted(corpus.sources.items())}


# -- the pack --------------------------------------------------------------------------------


def previous_wording(path: Path, dates: frozenset[str]) -> dict[tuple[str, tuple[str, ...]], tuple[str, ...]]:
    """(source, keys) -> the lines a pack already at ``path`` shows for that entry (kept on
    re-learning, so a re-learned pack differs only where the corpus does)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return {}
    out = {}
    sources = data.get(CODE, {}).get("sources", {})
    for name, table in sources.items() if isinstance(sources, dict) else ():
        for entry in table.get("entries", []) if isinstance(table, dict) else ():
            lines = entry.get("lines") if isinstance(entry, dict) else None
            if isinstance(lines, list) and lines and all(isinstance(x, str) for x in lines):
                out[(name, tuple(normalise_line(x, dates) for x in lines))] = tuple(lines)
    return out


def toml_string(text: str) -> str:
    # JSON's escapes are TOML's basic-string escapes, but for DEL, which TOML wants escaped.
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def render_pack(learned: Mapping[str, LearnedSource], settings: LearnSettings,
                previous: Mapping[tuple[str, tuple[str, ...]], tuple[str, ...]] | None = None) -> str:
    """The pack's TOML text: sorted and stable (see the module docstring)."""
    previous = previous or {}
    key = settings.source_key
    out = [
        "# Site templates learned by `cleaner learn`: the lines each source repeats around its articles.",
        f"# min_support {settings.min_support}, min_articles {settings.min_articles}, "
        f"min_prose_support {settings.min_prose_support}.",
        "# Review the diff like code, commit it, and list this file in [tool.cleaner] packs (or pass",
        "# `cleaner run --pack`). SIT001 removes each entry as whole lines (an entry of several lines",
        "# only where they stand together), from its own source's articles only.",
        "",
        "[pack]",
        'name = "learned"',
        'description = "Site templates learned from the corpus by cleaner learn."',
        "",
        f"[{CODE}]",
        f"group = {toml_string(key.group)}",
    ]
    if key.group == "level":
        out.append(f"level = {key.level}")
    if key.group == "pattern":
        out.append(f"pattern = {toml_string(key.pattern)}")
    for name, source in learned.items():
        if not source.entries:
            continue
        out += ["", f"[{CODE}.sources.{toml_string(name)}]", f"articles = {source.articles}", "entries = ["]
        for entry in source.entries:
            lines = previous.get((name, entry.keys), entry.lines)
            shown = ", ".join(toml_string(line) for line in lines)
            beside = (f", by_body = {entry.by_body}" if entry.by_body else "") + (f", most = {entry.most}" if entry.most > 1 else "")
            out.append(f"  {{ lines = [{shown}], seen = {entry.seen}{beside} }},  # seen on {entry.seen} of {source.articles} articles")
        out.append("]")
    return "\n".join(out) + "\n"


def summary(learned: Mapping[str, LearnedSource], corpus: Corpus) -> str:
    entries = sum(len(s.entries) for s in learned.values())
    with_entries = sum(1 for s in learned.values() if s.entries)
    text = (f"learned {entries} entries for {with_entries} of {len(learned)} sources "
            f"from {corpus.articles} articles")
    if corpus.without_source:
        text += f" ({corpus.without_source} files named no source)"
    return text


def write_pack(path: Path, text: str) -> None:
    """Write whole or not at all: a temporary file beside it, renamed over it."""
    import os
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def report_problems(problems: Sequence[str], stream: TextIO) -> None:
    for line in problems:
        print(line, file=stream)
