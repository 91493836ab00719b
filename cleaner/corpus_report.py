"""``cleaner report``: the corpus at a glance, as one self-contained HTML page.

Reads the records of a clean folder (record files and JSONL shards), its rejects report, its run
index and the near-duplicate clusters (``cleaner.duplicates``, with the signatures kept beside
the index), and draws with plotly (the ``[report]`` extra; plotly.js is inlined into the page,
so it opens with no network):

* languages; text lengths (words);
* words removed per source, rules fired per source (the ones that fire most are the ones to
  review); a record's source is the first folder of its raw file under the raw folder
  (``raw/donga/x.txt`` -> ``donga``; files directly in it: ``(top)``);
* rejects by code; duplicate clusters; records written by the last run, per source.

Tables under the charts give the ``cleaner explain`` / ``cleaner rules`` commands to copy.
"""

from __future__ import annotations

import html
import os
import shlex
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from .config import Config
from .errors import ConfigError

TOP = "(top)"
#: Rules and rows shown in the tables.
TABLE_ROWS = 15


class ReportUnavailable(ConfigError):
    """The ``[report]`` extra (plotly) is not installed."""


def _plotly() -> Any:
    try:
        import plotly.graph_objects as go
    except ImportError:
        raise ReportUnavailable("cleaner report --html needs plotly, the [report] extra: pip install 'cleaner-news[report]'") from None
    return go


def source_of(source_path: str, raw_dir: str) -> str:
    """The source of a record: the first folder of its raw file under the raw folder.

    >>> source_of("raw/donga/2021/a.txt", "raw"), source_of("raw/a.txt", "raw"), source_of("feeds/x/a.txt", "raw")
    ('donga', '(top)', 'feeds')
    """
    parts = Path(source_path).parts
    prefix = Path(raw_dir).parts
    if parts[: len(prefix)] == prefix:
        parts = parts[len(prefix):]
    return parts[0] if len(parts) > 1 else TOP


@dataclass
class RecordFacts:
    """What the report needs of one record (not its text)."""

    shown: str
    source: str
    language: str
    words: int
    removed_words: int
    rules: Counter[str]
    written_ns: int | None = None


@dataclass
class CorpusFacts:
    records: list[RecordFacts] = field(default_factory=list)
    rejects: Counter[str] = field(default_factory=Counter)
    reject_paths: dict[str, list[str]] = field(default_factory=dict)
    clusters: list[list[str]] = field(default_factory=list)
    similarities: list[list[float]] = field(default_factory=list)
    last_run_ns: int | None = None
    unreadable: int = 0

    def changed(self) -> list[RecordFacts]:
        if self.last_run_ns is None:
            return []
        return [r for r in self.records if r.written_ns is not None and r.written_ns >= self.last_run_ns]


def _record_sources(clean_dir: Path) -> Iterator[tuple[str, bytes, int | None]]:
    """``(shown path, record bytes, mtime_ns of a record file)`` of every record in the folder."""
    from .checks import display_path, shard_lines
    from .safe_read import open_regular, read_regular
    from .sinks import SHARD_PATTERN, is_record_file

    for entry in sorted(os.scandir(clean_dir), key=lambda e: e.name):
        path = Path(entry.path)
        if is_record_file(path) and entry.is_file(follow_symlinks=False):
            try:
                yield display_path(path), read_regular(path, follow_symlinks=False), entry.stat(follow_symlinks=False).st_mtime_ns
            except OSError:
                yield display_path(path), b"", None
        elif SHARD_PATTERN.match(entry.name) and entry.is_file(follow_symlinks=False):
            with open_regular(path) as fh:
                for number, offset, length, _ in shard_lines(path):
                    fh.seek(offset)
                    yield f"{display_path(path)}:{number}", fh.read(length), None


def gather(clean_dir: Path, config: Config) -> CorpusFacts:
    """Read what the report shows from ``clean_dir``."""
    from .checks import RecordItem, ShardLineItem, display_path, shard_lines
    from .duplicates import DUPLICATES_INDEX, find_duplicates, texts_of
    from .index import INDEX_NAME, read_header
    from .safe_read import loads_untrusted, read_regular
    from .sinks import REJECTS_REPORT, SHARD_PATTERN, is_record_file

    facts = CorpusFacts()
    for shown, data, mtime_ns in _record_sources(clean_dir):
        try:
            record = loads_untrusted(data)
            changes = record["changes"]
            rules = Counter(str(c["rule"]) for c in changes)
            removed = sum(len(str(c.get("before", "")).split()) for c in changes if c.get("action") == "removed")
            facts.records.append(RecordFacts(shown, source_of(str(record["source"]["path"]), config.raw_dir),
                                             str(record.get("language") or "?"), len(str(record["text"]).split()),
                                             removed, rules, mtime_ns))
        except (ValueError, KeyError, TypeError, AttributeError):
            facts.unreadable += 1
    try:
        rejects = loads_untrusted(read_regular(clean_dir / REJECTS_REPORT))["rejects"]
        for entry in rejects:
            facts.rejects[str(entry["code"])] += 1
            facts.reject_paths.setdefault(str(entry["code"]), []).append(str(entry["path"]))
    except (OSError, ValueError, KeyError, TypeError):
        pass
    started = read_header(clean_dir / INDEX_NAME).get("started_ns")
    facts.last_run_ns = started if isinstance(started, int) else None

    items: list[Any] = []
    for entry in sorted(os.scandir(clean_dir), key=lambda e: e.name):
        path = Path(entry.path)
        if is_record_file(path) and entry.is_file(follow_symlinks=False):
            items.append(RecordItem(str(path)))
        elif SHARD_PATTERN.match(entry.name) and entry.is_file(follow_symlinks=False):
            items.extend(ShardLineItem(str(path), *where) for *where, _ in shard_lines(path))
    if config.duplicates:
        report = find_duplicates(texts_of(items, display_path), config.duplicate_threshold, clean_dir / DUPLICATES_INDEX)
        for cluster in report.clusters:
            facts.clusters.append([m.shown for m in cluster.members])
            facts.similarities.append(list(cluster.similarity))
    return facts


# -- the page ---------------------------------------------------------------------------------------


def _figure_html(fig: Any, chart_id: str) -> str:
    import plotly.io as pio

    fig.update_layout(margin={"l": 60, "r": 20, "t": 50, "b": 60}, height=380, template="plotly_white")
    return pio.to_html(fig, full_html=False, include_plotlyjs=False, div_id=chart_id,
                       config={"displaylogo": False, "responsive": True})


def _command(*words: str) -> str:
    return f"<code>{html.escape(shlex.join(words))}</code>"


def _table(head: list[str], rows: list[list[str]]) -> str:
    if not rows:
        return "<p class='empty'>none</p>"
    cells = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return "<table><thead><tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in head) + f"</tr></thead><tbody>{cells}</tbody></table>"


def _bar(go: Any, x: list[Any], y: list[Any], title: str, xtitle: str, ytitle: str, **kwargs: Any) -> Any:
    fig = go.Figure(go.Bar(x=x, y=y, **kwargs))
    fig.update_layout(title=title, xaxis_title=xtitle, yaxis_title=ytitle)
    if not x:
        fig.add_annotation(text="nothing to show", showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper")
    return fig


def render(facts: CorpusFacts, clean_dir: Path, rule_names: dict[str, str]) -> tuple[str, int]:
    """The HTML page and the number of charts on it."""
    import plotly.offline

    go = _plotly()
    sections: list[str] = []
    charts = 0

    def chart(fig: Any, title: str, text: str = "") -> None:
        nonlocal charts
        charts += 1
        sections.append(f"<section><h2>{html.escape(title)}</h2>{_figure_html(fig, f'chart-{charts}')}{text}</section>")

    records = facts.records
    sources = sorted({r.source for r in records})

    languages = Counter(r.language for r in records).most_common()
    chart(_bar(go, [k for k, _ in languages], [v for _, v in languages], "Records by language", "language", "records"), "Languages")

    lengths = go.Figure(go.Histogram(x=[r.words for r in records], nbinsx=40))
    lengths.update_layout(title="Words per record (text after cleaning)", xaxis_title="words", yaxis_title="records")
    chart(lengths, "Text lengths")

    removed = defaultdict(int)
    for r in records:
        removed[r.source] += r.removed_words
    per_record = [removed[s] / max(1, sum(1 for r in records if r.source == s)) for s in sources]
    chart(_bar(go, sources, [removed[s] for s in sources], "Words removed per source", "source", "words removed",
               customdata=per_record, hovertemplate="%{x}: %{y} words removed (%{customdata:.1f} per record)<extra></extra>"),
          "Words removed per source")

    fired: dict[str, Counter[str]] = defaultdict(Counter)
    for r in records:
        fired[r.source].update(r.rules)
    totals = Counter()
    for counter in fired.values():
        totals.update(counter)
    top_rules = [code for code, _ in totals.most_common(25)]
    heat = go.Figure(go.Heatmap(z=[[fired[s][code] for code in top_rules] for s in sources], x=top_rules, y=sources,
                                colorscale="Blues", zmin=0, hovertemplate="%{y}, %{x}: %{z} change(s)<extra></extra>"))
    heat.update_layout(title=f"Changes per rule and source (the {len(top_rules)} rules that fire most)", xaxis_title="rule", yaxis_title="source")
    examples: dict[str, RecordFacts] = {}
    for r in records:
        for code, n in r.rules.items():
            if code not in examples or n > examples[code].rules[code]:
                examples[code] = r
    rule_rows = [[html.escape(code), html.escape(rule_names.get(code, "")), str(totals[code]),
                  _command("cleaner", "rules", code), _command("cleaner", "explain", examples[code].shown)]
                 for code in top_rules[:TABLE_ROWS]]
    chart(heat, "Rules fired per source",
          "<p>The rules that fire most are the ones to review; the example is the record where the rule fired most often.</p>"
          + _table(["rule", "name", "changes", "what it does", "example"], rule_rows))

    reject_codes = sorted(facts.rejects)
    reject_rows = [[html.escape(code), str(facts.rejects[code]), _command("cleaner", "rules", code),
                    _command("cleaner", "explain", facts.reject_paths[code][0])] for code in reject_codes]
    chart(_bar(go, reject_codes, [facts.rejects[c] for c in reject_codes], "Rejected raw files by code", "reject code", "files"),
          "Rejects by code", _table(["code", "files", "what it means", "first file"], reject_rows))

    sizes = [len(c) for c in facts.clusters]
    size_counts = sorted(Counter(sizes).items())
    cluster_rows = [[str(len(c)), f"{min(s):.2f}" if s else "", "<br>".join(html.escape(m) for m in c[:6]) + (" ..." if len(c) > 6 else ""),
                     _command("cleaner", "explain", c[0])]
                    for c, s in sorted(zip(facts.clusters, facts.similarities), key=lambda cs: -len(cs[0]))[:TABLE_ROWS]]
    chart(_bar(go, [f"{k} records" for k, _ in size_counts], [v for _, v in size_counts],
               f"Duplicate clusters by size ({len(facts.clusters)} clusters, {sum(sizes) - len(sizes)} records to review)",
               "cluster size", "clusters"),
          "Duplicate clusters", "<p>The first record of a cluster is the one kept; the others are reported as COR013 by "
          + _command("cleaner", "validate") + ".</p>" + _table(["records", "lowest similarity", "members", "first"], cluster_rows))

    changed = facts.changed()
    changed_by = Counter(r.source for r in changed)
    fig = go.Figure([go.Bar(name="written by the last run", x=sources, y=[changed_by[s] for s in sources]),
                     go.Bar(name="unchanged", x=sources, y=[sum(1 for r in records if r.source == s) - changed_by[s] for s in sources])])
    fig.update_layout(barmode="stack", title="Records written by the last run, per source", xaxis_title="source", yaxis_title="records")
    changed_rows = [[html.escape(r.source), html.escape(r.shown), str(sum(r.rules.values())), _command("cleaner", "explain", r.shown)]
                    for r in sorted(changed, key=lambda r: r.shown)[:TABLE_ROWS]]
    note = "" if facts.last_run_ns is not None else "<p>No run index in this folder: which records the last run wrote is not known.</p>"
    chart(fig, "Records changed by the last run", note + _table(["source", "record", "changes", "explain"], changed_rows))

    summary = (f"{len(records)} record(s) from {len(sources)} source(s), {sum(facts.rejects.values())} reject(s), "
               f"{len(facts.clusters)} duplicate cluster(s), {len(changed)} record(s) written by the last run"
               + (f", {facts.unreadable} unreadable record(s)" if facts.unreadable else ""))
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>cleaner report: {html.escape(clean_dir.as_posix())}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1100px; color: #222; }}
section {{ margin-bottom: 2.5em; }}
table {{ border-collapse: collapse; font-size: 0.9em; }}
td, th {{ border-bottom: 1px solid #ddd; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }}
code {{ background: #f4f4f4; padding: 0.1em 0.3em; user-select: all; }}
.empty {{ color: #777; }}
</style>
<script type="text/javascript">{plotly.offline.get_plotlyjs()}</script>
</head><body>
<h1>cleaner report: {html.escape(clean_dir.as_posix())}</h1>
<p>{html.escape(summary)}.</p>
{''.join(sections)}
</body></html>
"""
    return page, charts


def write_report(clean_dir: Path, out: Path, config: Config) -> str:
    """Write the page to ``out``; returns a one-line summary."""
    from .pipeline import Pipeline
    from .rules.registry import all_rule_classes
    from .storage import AtomicFile

    _plotly()
    if not clean_dir.is_dir():
        raise ConfigError(f"{clean_dir.as_posix()}: no such folder of records")
    facts = gather(clean_dir, config)
    names = {cls.code: cls.name for cls in all_rule_classes(Pipeline.for_config(config).packs)}
    page, charts = render(facts, clean_dir, names)
    target = AtomicFile(out, fsync=False)
    try:
        target.write(page.encode("utf-8"))
        target.commit()
    except BaseException:
        target.discard()
        raise
    return f"wrote {out.as_posix()}: {charts} charts, {len(facts.records)} record(s), {len(facts.clusters)} duplicate cluster(s)"
