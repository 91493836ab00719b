"""Near-duplicate records: MinHash signatures of word 5-gram shingles, candidates from
locality-sensitive hashing, clusters of records whose estimated Jaccard similarity reaches the
threshold (``COR013``).

Both the MinHash and the LSH index come from rensa (a Rust implementation; about thirty times
faster than datasketch at hashing here, see ``bench/duplicates.py``). A text's shingles are its
lower-cased whitespace-separated words taken five at a time; a text of fewer than five words is
one shingle.

The signatures are kept in a hidden file beside the run index (``.cleaner-minhash.jsonl`` in
the records' folder, ignored by git like the index): one line per record file or JSONL line,
keyed by where it is and its file's size and mtime, so a record that did not change is neither
read nor hashed again. The file is a cache: a damaged or foreign one is rebuilt.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from .errors import OutputError
from .safe_read import loads_untrusted, open_regular
from .storage import AtomicFile

DUPLICATES_INDEX = ".cleaner-minhash.jsonl"
FORMAT = "cleaner-minhash"
FORMAT_VERSION = 1
#: Words per shingle.
SHINGLE_WORDS = 5
NUM_PERM = 128
SEED = 1
#: The default of ``duplicate_threshold``: estimated Jaccard similarity of shingles.
DEFAULT_THRESHOLD = 0.8
#: The longest index line read (a line is about a kilobyte).
MAX_LINE_BYTES = 1 << 16


def shingles(text: str) -> list[str]:
    """The word 5-gram shingles of ``text`` (lower-cased, split on whitespace).

    >>> shingles("One two three four five Six")
    ['one two three four five', 'two three four five six']
    >>> shingles("too short")
    ['too short']
    """
    words = text.lower().split()
    grams = list(map(" ".join, zip(*(words[i:] for i in range(SHINGLE_WORDS)))))
    return grams or [" ".join(words)]


def _lsh_shape(threshold: float) -> tuple[int, int]:
    """``(bands, rows)`` of the LSH index: the most rows per band whose S-curve midpoint
    ``(1/bands)**(1/rows)`` stays well below ``threshold``, so that a pair at the threshold
    becomes a candidate with near certainty; candidates are then kept by their estimated
    similarity.

    >>> _lsh_shape(0.8), _lsh_shape(0.5)
    ((32, 4), (64, 2))
    """
    shapes = [(NUM_PERM // rows, rows) for rows in (16, 8, 4, 2, 1)]
    for bands, rows in shapes:
        if (1 / bands) ** (1 / rows) <= threshold - 0.3:
            return bands, rows
    return shapes[-1]


@dataclass(frozen=True)
class Text:
    """A record's text to compare: how it is shown, the key that says it is unchanged (file,
    offset, size, mtime), and how to read its text (``None``: unreadable; other checks say why)."""

    path: str
    key: str
    read: Callable[[], str | None]
    #: The line of a JSONL shard (1 for a record file).
    line: int = 1
    shard: bool = False

    @property
    def shown(self) -> str:
        return f"{self.path}:{self.line}" if self.shard else self.path


@dataclass
class Cluster:
    """Records with near-identical texts: ``members`` sorted, each but the first (the one
    that stays) with its estimated similarity to the first (1.0 for the same text)."""

    members: list[Text]
    similarity: list[float]
    exact: list[bool]


@dataclass
class DuplicateReport:
    clusters: list[Cluster] = field(default_factory=list)
    texts: int = 0
    #: How many texts were read and hashed (the others came from the kept index).
    hashed: int = 0


def _minhash(text: str) -> Any:
    import rensa

    sketch = rensa.RMinHash(NUM_PERM, SEED)
    sketch.update(shingles(text))
    return sketch


def _restore(state: bytes) -> Any:
    import rensa

    sketch = rensa.RMinHash(NUM_PERM, SEED)
    sketch.__setstate__(state)
    return sketch


def _header() -> dict[str, Any]:
    from importlib.metadata import version

    return {"format": FORMAT, "version": FORMAT_VERSION, "shingle_words": SHINGLE_WORDS, "num_perm": NUM_PERM,
            "seed": SEED, "rensa": version("rensa")}


def _read_index(path: Path) -> dict[str, tuple[str, bytes]]:
    """``{key: (text sha256, sketch state)}`` from a kept index; empty when there is none, it is
    damaged, or another shingling or rensa version wrote it."""
    kept: dict[str, tuple[str, bytes]] = {}
    try:
        with open_regular(path) as fh:
            if loads_untrusted(fh.readline(MAX_LINE_BYTES)) != _header():
                return {}
            for line in iter(lambda: fh.readline(MAX_LINE_BYTES), b""):
                entry = loads_untrusted(line)
                kept[str(entry["key"])] = (str(entry["sha256"]), base64.b64decode(entry["state"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return kept if kept else {}
    return kept


def _write_index(path: Path, entries: dict[str, tuple[str, bytes]]) -> None:
    out = AtomicFile(path, fsync=False)
    try:
        out.write((json.dumps(_header()) + "\n").encode())
        for key in sorted(entries):
            digest, state = entries[key]
            out.write((json.dumps({"key": key, "sha256": digest, "state": base64.b64encode(state).decode("ascii")},
                                  ensure_ascii=False) + "\n").encode("utf-8"))
        out.commit()
    except BaseException:
        out.discard()
        raise


def find_duplicates(texts: Sequence[Text], threshold: float = DEFAULT_THRESHOLD, index_path: Path | None = None) -> DuplicateReport:
    """Clusters of ``texts`` whose estimated similarity to another reaches ``threshold``.

    With ``index_path``, signatures of texts whose key is in that index are taken from it, and
    the index is rewritten with exactly the current texts (nothing is written when nothing
    changed)."""
    import rensa

    if not 0 < threshold <= 1:
        raise ValueError(f"the duplicate threshold must be in (0, 1], not {threshold}")
    report = DuplicateReport(texts=len(texts))
    kept = _read_index(index_path) if index_path is not None else {}
    current: dict[str, tuple[str, bytes]] = {}
    sketches: list[Any] = []
    digests: list[str] = []
    chosen: list[Text] = []
    for text in sorted(texts, key=lambda t: t.shown):
        entry = kept.get(text.key)
        sketch = None
        if entry is not None:
            try:
                sketch = _restore(entry[1])
            except (ValueError, TypeError):
                sketch = None
        if sketch is None:
            content = text.read()
            if content is None:
                continue
            report.hashed += 1
            sketch = _minhash(content)
            entry = (hashlib.sha256(content.encode("utf-8", "surrogatepass")).hexdigest(), sketch.__getstate__())
        current[text.key] = entry
        sketches.append(sketch)
        digests.append(entry[0])
        chosen.append(text)
    if index_path is not None and current.keys() != kept.keys():
        try:
            _write_index(index_path, current)
        except OutputError:
            pass  # a read-only corpus: the signatures are only a cache

    bands, _ = _lsh_shape(threshold)
    lsh = rensa.RMinHashLSH(threshold, NUM_PERM, bands)
    lsh.insert_many(sketches)
    parent = list(range(len(sketches)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    linked = False
    for i, sketch in enumerate(sketches):
        for j in lsh.query(sketch):
            if j > i and (digests[i] == digests[j] or sketch.jaccard(sketches[j]) >= threshold):
                parent[root(j)] = root(i)
                linked = True
    if not linked:
        return report
    groups: dict[int, list[int]] = {}
    for i in range(len(sketches)):
        groups.setdefault(root(i), []).append(i)
    for members in groups.values():
        if len(members) < 2:
            continue
        first = members[0]  # texts are sorted by shown name: the first is the one that stays
        exact = [digests[i] == digests[first] for i in members[1:]]
        report.clusters.append(Cluster(
            members=[chosen[i] for i in members],
            similarity=[1.0 if same else sketches[first].jaccard(sketches[i]) for i, same in zip(members[1:], exact)],
            exact=exact,
        ))
    report.clusters.sort(key=lambda c: c.members[0].shown)
    return report


def findings(report: DuplicateReport, threshold: float) -> list[Any]:
    """One ``COR013`` finding per record of a cluster but its first."""
    from .findings import Finding

    out = []
    for cluster in report.clusters:
        names = [m.shown for m in cluster.members]
        listed = ", ".join(names[:6]) + (f" and {len(names) - 6} more" if len(names) > 6 else "")
        for member, similarity, exact in zip(cluster.members[1:], cluster.similarity, cluster.exact):
            what = "exact duplicate of" if exact else f"near-duplicate (estimated similarity {similarity:.2f}) of"
            out.append(Finding(member.path, member.line, 1, "COR013",
                               f"{what} {names[0]}; cluster of {len(names)} at threshold {threshold:g}: {listed}"))
    return out


def record_text(read: Callable[[], bytes]) -> Callable[[], str | None]:
    """A reader of a record's ``text`` field from its bytes (``None`` if it is not a record)."""

    def text() -> str | None:
        try:
            record = loads_untrusted(read())
            value = record["text"]
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return value if isinstance(value, str) else None

    return text


def file_text(path: str, shown: str) -> Text | None:
    """A record file to compare, keyed by its name, size and mtime (``None``: not a file)."""
    from .safe_read import read_regular

    try:
        st = os.stat(path, follow_symlinks=False)
    except OSError:
        return None
    return Text(shown, f"{Path(path).name}:{st.st_size}:{st.st_mtime_ns}", record_text(lambda: read_regular(path, follow_symlinks=False)))


def line_text(path: str, shown_path: str, number: int, offset: int, length: int) -> Text | None:
    """A record on line ``number`` of a JSONL shard, keyed by the shard, its size and mtime and
    the line's place."""
    try:
        st = os.stat(path, follow_symlinks=False)
    except OSError:
        return None

    def read() -> bytes:
        with open_regular(path) as fh:
            fh.seek(offset)
            return fh.read(length)

    return Text(shown_path, f"{Path(path).name}:{st.st_size}:{st.st_mtime_ns}:{offset}:{length}", record_text(read), number, True)


def texts_of(items: Iterable[Any], display: Callable[[str], str]) -> list[Text]:
    """The texts of the record work items of ``cleaner.checks``: record files (a ``path``) and
    JSONL shard lines (a ``path``, ``line``, ``offset`` and ``length``); raw files and rejects
    report entries have no ``path`` and are passed over. ``display`` shows a path to the user."""
    out = []
    for item in items:
        path = getattr(item, "path", None)
        if path is None:
            continue
        if hasattr(item, "offset"):
            text = line_text(path, display(path), item.line, item.offset, item.length)
        else:
            text = file_text(path, display(path))
        if text is not None:
            out.append(text)
    return out


def duplicate_findings(items: Iterable[Any], config: Any, display: Callable[[str], str], index_path: Path | None = None) -> list[Any]:
    """``COR013`` findings for the record work items of ``cleaner check`` / ``cleaner validate``
    (none when ``config.duplicates`` is off)."""
    if not config.duplicates:
        return []
    return findings(find_duplicates(texts_of(items, display), config.duplicate_threshold, index_path), config.duplicate_threshold)
