"""The ``cleaner`` command: a thin layer over the Python API.

Exit codes (all subcommands):

* 0 -- all good;
* 1 -- the command ran, but some input was rejected or a problem was found (named on stderr);
* 2 -- usage, configuration or output error (bad option, unknown rule code, invalid rule pack,
  an output folder that cannot be written): the run stopped, records written so far are whole;
* 3 -- internal error (a bug), or with ``run --strict`` a rule that crashed on a file; only
  ``--debug`` shows the traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from pathlib import Path
from typing import Any, Sequence

from .version import __version__

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
#: The name on the package index (``cleaner`` there is another project); the command and the
#: import package are ``cleaner``.
DISTRIBUTION = "cleaner-news"


def _codes(value: str) -> frozenset[str]:
    return frozenset(c.strip().upper() for c in value.split(",") if c.strip())


def _byte_size(value: str) -> int:
    """``1048576``, ``512K``, ``64M``, ``1G`` -> bytes."""
    text = value.strip().upper().removesuffix("B").removesuffix("I")
    factor = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}.get(text[-1:], 1)
    number = text[:-1] if factor > 1 else text
    try:
        size = int(float(number) * factor)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a size: {value!r} (use e.g. 1048576, 512K, 64M)") from None
    if size < 1:
        raise argparse.ArgumentTypeError("the size must be positive")
    return size


def _add_debug(p: argparse.ArgumentParser) -> None:
    # SUPPRESS: a subcommand's default must not override `cleaner --debug run`.
    p.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help="show tracebacks of internal errors")
def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {number}")
    return number


def _share(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 0 < number <= 1:
        raise argparse.ArgumentTypeError(f"must be a share above 0 and at most 1, not {number}")
    return number


def _add_config_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", metavar="FILE", help="pyproject.toml or TOML file with the [tool.cleaner] settings (default: nearest pyproject.toml)")
    p.add_argument("--languages", metavar="LIST", help="accepted languages, comma-separated langdetect codes, or 'any'")
    p.add_argument("--quotes", choices=("curly", "straight"), help="output quote style (default: curly)")
    p.add_argument("--disable", metavar="CODES", type=_codes, help="rule codes to switch off, comma-separated")
    p.add_argument("--enable", metavar="CODES", type=_codes, help="rule codes to switch on, comma-separated")
    p.add_argument("--layout", choices=("auto", "on", "off", "wrap"),
                   help="OCR/hard-wrap layout repair (default: auto; wrap: join hard wraps only, never the OCR rules)")
    p.add_argument("--ocr-repair", choices=("auto", "on", "off"), help="OCR word repair in layout mode (OCR006; default: auto, when the text shows misreadings)")
    p.add_argument("--max-file-bytes", metavar="SIZE", type=_byte_size, help="reject raw files larger than this (REJ006), e.g. 16M (default: 64M)")
    p.add_argument("--pack", action="append", metavar="FILE", help="a rule pack to use after the configured ones (e.g. the one `cleaner learn` wrote); repeatable")
    _add_debug(p)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cleaner", description="Clean scraped news articles into auditable JSON records. "
                                     f"Installed from the {DISTRIBUTION} distribution (pip install {DISTRIBUTION}).",
                                     epilog="Exit codes: 0 ok, 1 rejects or problems found, 2 usage/config error, 3 internal error.")
    parser.add_argument("--version", action="version", version=f"cleaner {__version__} ({DISTRIBUTION})")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("run", help="clean raw files into records", description="Clean raw *.txt files (default: raw/) into JSON records (default: clean/).")
    p.add_argument("paths", nargs="*", metavar="PATH", help="raw files or folders (default: the configured raw/ folder)")
    p.add_argument("--out", metavar="DIR", help="output folder (default: the configured clean/ folder)")
    _add_config_options(p)
    p.add_argument("--quiet", "-q", action="store_true", help="print only rejects (no progress bar, no summary line)")
    p.add_argument("--strict", action="store_true", help="stop at the first internal error instead of rejecting the file")
    scale = p.add_argument_group("throughput and output")
    scale.add_argument("--jobs", "-j", type=_positive_int, metavar="N", help="parallel jobs (default: the number of cores; 1 runs in this process)")
    scale.add_argument("--backend", choices=("local", "ray"), default="local", help="where the jobs run: local processes or a Ray cluster (pip install 'cleaner-news[ray]')")
    scale.add_argument("--ray-address", metavar="ADDR", help="join this Ray cluster (e.g. ray://head:10001 or auto) instead of starting a local Ray instance")
    scale.add_argument("--force", action="store_true", help="recompute every record, even those that are current")
    scale.add_argument("--format", dest="output_format", choices=("json", "jsonl"), default="json",
                       help="json: one <id>.json per record (default); jsonl: sharded JSON Lines (part-00000.jsonl, ...)")
    scale.add_argument("--shard-size", type=_positive_int, metavar="N", help="records per JSONL shard (default: 10000)")
    scale.add_argument("--report", metavar="FILE", help="write a JSON run report (counts by rule and reject code, timings) to FILE")

    p = sub.add_parser("explain", help="show every change made to one raw file, with rule codes",
                       description="Show every change the cleaner makes to one raw file (cleaned now, nothing written), or "
                                   "that a record (*.json) lists, in the order of the raw file's lines: line, stage, rule "
                                   "code and name, what was removed, repaired or moved into a field.")
    p.add_argument("file", metavar="FILE", help="a raw file, or a record (*.json) to explain from its changes")
    _add_config_options(p)
    p.add_argument("--format", choices=("text", "json"), default="text", help="text (default) or json: the changes, each with its raw line and stage")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto")

    p = sub.add_parser("rules", help="list the rule catalogue")
    _add_config_options(p)
    p.add_argument("code", nargs="?", help="show the full documentation of one rule, reject code (REJ003) or check code (COR008)")
    p.add_argument("--rejects", action="store_true", help="list reject codes instead")

    p = sub.add_parser("check", help="lint raw files and records; changes nothing",
                       description="Report what would stop raw files from becoming records, and what is wrong with records "
                                   "(schema, canonical form, sync with the raw file). Changes nothing.")
    p.add_argument("files", nargs="+", metavar="FILE", help="raw files, records (*.json) or folders")
    p.add_argument("--min-words", type=int, metavar="N", help="report raw files with fewer words left after cleaning (default: min_words, 20; 0: off)")
    _add_check_options(p)

    p = sub.add_parser("learn", help="learn the lines each source repeats around its articles into a pack",
                       description="Group raw files by source, find the lines (and short runs of lines) each source "
                                   "repeats around its articles, and write them as a rule pack to review, commit and "
                                   "apply with `cleaner run` (rule SIT001; list the pack in [tool.cleaner] packs or "
                                   "pass --pack). Learning again on a grown corpus changes only what the corpus changed.")
    p.add_argument("paths", nargs="*", metavar="RAW", help="raw files or folders (default: the configured raw/ folder)")
    p.add_argument("--out", metavar="FILE", default="packs/learned.toml", help="the pack to write (default: packs/learned.toml); "
                   "an entry it already holds keeps its wording")
    # The defaults live in cleaner.learn (imported only when learning: the hooks start fast).
    p.add_argument("--min-support", type=_share, metavar="SHARE",
                   help="least share of a source's articles a line must be on (default: 0.3)")
    p.add_argument("--min-articles", type=_positive_int, metavar="N",
                   help="least number of a source's articles a line must be on (default: 3)")
    p.add_argument("--min-prose-support", type=_share, metavar="SHARE",
                   help="least share for a sentence, which articles are made of too (default: 0.6)")
    by = p.add_mutually_exclusive_group()
    by.add_argument("--by-level", type=_positive_int, metavar="N", help="the source is the folder at level N of the file's id "
                    "(raw/donga/2020/a.txt: 1 raw, 2 donga) instead of the folder the file sits in")
    by.add_argument("--by-pattern", metavar="REGEX", help="the source is the first group (or the match) of REGEX searched in the file's id")
    p.add_argument("--config", metavar="FILE", help="pyproject.toml or TOML file with the [tool.cleaner] settings (default: nearest pyproject.toml)")
    _add_debug(p)

    p = sub.add_parser("validate", help="validate the whole corpus (the CI command)",
                       description="Validate every record against the schema and its raw file, and find missing and orphan records.")
    p.add_argument("clean_dir", nargs="?", metavar="CLEAN_DIR", help="the records (default: the configured clean/ folder)")
    p.add_argument("--raw", metavar="RAW_DIR", help="the raw files (default: the configured raw/ folder)")
    _add_check_options(p)

    p = sub.add_parser("report", help="the corpus at a glance: one self-contained HTML page of charts",
                       description="Charts of a folder of records (languages, lengths, words removed and rules fired per source, "
                                   "rejects, duplicate clusters, records the last run wrote) with the cleaner explain commands to "
                                   "look closer, as one HTML page that opens without a network. Needs the [report] extra (plotly).")
    p.add_argument("clean_dir", nargs="?", metavar="CLEAN_DIR", help="the records (default: the configured clean/ folder)")
    p.add_argument("--html", required=True, metavar="FILE", help="write the page to FILE")
    add_duplicate_options(p)
    p.add_argument("--config", metavar="FILE", help="pyproject.toml or TOML file with the [tool.cleaner] settings (default: nearest pyproject.toml)")
    _add_debug(p)
    return parser


def _add_check_options(p: argparse.ArgumentParser) -> None:
    from .findings import FORMATS

    p.add_argument("--format", choices=FORMATS, default="text", help="text (path:line:col: CODE message), json, or github (Actions annotations)")
    p.add_argument("--jobs", "-j", type=_positive_int, metavar="N", help="worker processes (default: every core)")
    p.add_argument("--no-artifacts", dest="artifacts", action="store_false", help="do not re-clean record texts to look for artifacts (faster)")
    add_duplicate_options(p)
    _add_config_options(p)


def _threshold(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 0 < number <= 1:
        raise argparse.ArgumentTypeError(f"must be in (0, 1], not {number:g}")
    return number


def add_duplicate_options(p: argparse.ArgumentParser) -> None:
    """``--no-duplicates`` and ``--duplicate-threshold`` (``COR013``; also the hooks')."""
    p.add_argument("--no-duplicates", dest="duplicates", action="store_false", default=None,
                   help="do not look for duplicate and near-duplicate records (COR013)")
    p.add_argument("--duplicate-threshold", type=_threshold, metavar="J",
                   help="report records whose estimated Jaccard similarity of word 5-gram shingles reaches J "
                        "(default: duplicate_threshold, 0.8)")


def _config(args: argparse.Namespace) -> Any:
    from .config import load_config, parse_languages

    config = load_config(args.config)
    overrides: dict[str, Any] = {}
    if getattr(args, "languages", None) is not None:
        overrides["languages"] = parse_languages(args.languages)
    if getattr(args, "quotes", None):
        overrides["quotes"] = args.quotes
    if getattr(args, "layout", None):
        overrides["layout"] = args.layout
    if getattr(args, "ocr_repair", None):
        overrides["ocr_repair"] = args.ocr_repair
    if getattr(args, "max_file_bytes", None):
        overrides["max_file_bytes"] = args.max_file_bytes
    if getattr(args, "disable", None):
        overrides["disable"] = config.disable | args.disable
    if getattr(args, "enable", None):
        overrides["enable"] = config.enable | args.enable
    if getattr(args, "min_words", None) is not None:
        overrides["min_words"] = args.min_words
    if getattr(args, "pack", None):
        overrides["packs"] = config.packs + tuple(str(Path(p).absolute()) for p in args.pack)
    if getattr(args, "duplicates", None) is not None:
        overrides["duplicates"] = args.duplicates
    if getattr(args, "duplicate_threshold", None) is not None:
        overrides["duplicate_threshold"] = args.duplicate_threshold
    return config.replace(**overrides) if overrides else config


def refresh_command(args: argparse.Namespace, out: Path | None = None) -> str:
    """The ``cleaner run`` command, with the options that shape records, that refreshes them."""
    import shlex

    words = ["cleaner", "run"]
    for option in ("config", "languages", "quotes", "layout", "ocr_repair"):
        value = getattr(args, option, None)
        if value:
            words += [f"--{option.replace('_', '-')}", value]
    for option in ("disable", "enable"):
        value = getattr(args, option, None)
        if value:
            words += [f"--{option}", ",".join(sorted(value))]
    if out is not None:
        words += ["--out", out.as_posix()]
    return shlex.join(words)


# -- run ----------------------------------------------------------------------------------------


def _report_clash(report: Path, out: Path, inputs: Sequence[Path] = ()) -> str | None:
    """Why ``--report`` may not be written where asked (it would pass for output, or land in
    the input tree, whose files are never modified), or None."""
    from .sinks import REJECTS_REPORT, SHARD_PATTERN, is_record_file

    target = report.resolve()
    for source in inputs:
        if target == source.resolve() or target.is_relative_to(source.resolve()) and source.is_dir():
            return f"--report {report} is inside the input {source}; raw files are never modified, write it elsewhere"
    if target.parent != out.resolve():
        return None
    if report.name == REJECTS_REPORT:
        return f"--report {report} would overwrite the rejects report"
    if is_record_file(report) or SHARD_PATTERN.match(report.name):
        return (f"--report {report} would be taken for a record in the output folder; "
                f"write it elsewhere or name it _{report.name} (names starting with _ are not records)")
    return None


def missing_input(paths: Sequence[Path], command: str, default: bool) -> str | None:
    """The usage error for inputs that do not exist (a typo must not become a saved reject),
    with the closest names in the same folder; ``None`` if all exist."""
    import difflib

    for path in paths:
        if os.path.lexists(path):
            continue
        if default:
            return (f"cleaner {command}: the raw folder {path.as_posix()} does not exist; create it, set raw_dir in "
                    "[tool.cleaner], or name the files to clean")
        try:
            siblings = [entry.name for entry in os.scandir(path.parent if path.parent.as_posix() else ".")]
        except OSError:
            siblings = []
        close = difflib.get_close_matches(path.name, siblings, n=3)
        hint = f"; did you mean {' or '.join((path.parent / name).as_posix() for name in close)}?" if close else ""
        return f"cleaner {command}: {path.as_posix()}: no such file or folder{hint}"
    return None


def cmd_run(args: argparse.Namespace) -> int:
    from .executors import make_executor
    from .executors.ray import RayUnavailable
    from .progress import ProgressBar, wanted
    from .runner import run

    config = _config(args)
    paths = [Path(p) for p in args.paths] or [config.root / config.raw_dir]
    out = Path(args.out) if args.out else config.root / config.clean_dir
    missing = missing_input(paths, "run", default=not args.paths)
    if missing:
        print(missing, file=sys.stderr)
        return EXIT_USAGE
    report = Path(args.report) if args.report else None
    if report is not None:
        clash = _report_clash(report, out, paths)
        if clash:
            print(f"cleaner run: {clash}", file=sys.stderr)
            return EXIT_USAGE
    if args.ray_address and args.backend != "ray":
        print("cleaner run: --ray-address needs --backend ray", file=sys.stderr)
        return EXIT_USAGE
    if args.shard_size and args.output_format != "jsonl":
        print("cleaner run: --shard-size needs --format jsonl", file=sys.stderr)
        return EXIT_USAGE
    bar = ProgressBar(sys.stderr) if wanted(sys.stderr, args.quiet) else None
    try:
        executor = make_executor(args.backend, args.jobs, args.ray_address)
        try:
            summary = run(paths, out, config, executor, strict=args.strict, force=args.force,
                          output_format=args.output_format, shard_size=args.shard_size,
                          on_start=bar.start if bar else None, on_outcome=bar.update if bar else None)
        finally:
            executor.close()
    except RayUnavailable as exc:  # not installed, or the cluster cannot be started or reached
        if bar is not None:
            bar.close()
        print(f"cleaner run: {exc}", file=sys.stderr)
        return EXIT_USAGE
    finally:
        if bar is not None:
            bar.close()
    if report is not None:
        from .engine.pipeline import Pipeline
        from .report import build_report, write_report

        write_report(report, build_report(summary, config_hash=Pipeline.for_config(config).config_hash, out_dir=out,
                                          inputs=[p.as_posix() for p in paths], force=args.force))
    for reject in summary.rejects:
        print(reject.line(), file=sys.stderr)
        if args.debug and reject.detail:
            print(reject.detail.rstrip(), file=sys.stderr)
    for note in summary.notes:
        print(f"cleaner run: {note}", file=sys.stderr)
    if not args.quiet:
        print(summary.line(), file=sys.stderr)
    return EXIT_PROBLEMS if summary.rejected else EXIT_OK


# -- explain ------------------------------------------------------------------------------------


def _painter(mode: str, stream: Any) -> Any:
    use = mode == "always" or (mode == "auto" and stream.isatty() and not os.environ.get("NO_COLOR"))

    def paint(text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if use else text

    return paint


def _visible(text: str) -> str:
    """Show invisible and special characters in explain output."""
    out = []
    for ch in text:
        if ch == "\n":
            out.append("⏎")
        elif ch == "\u00a0":
            out.append("⍽")
        elif ch == "\ufeff":
            out.append("<BOM>")
        elif ord(ch) < 32 or 0x7f <= ord(ch) < 0xa0 or ch in "\u200b\u00ad\u2060":
            out.append(f"<U+{ord(ch):04X}>")
        else:
            out.append(ch)
    return "".join(out)


def _read_record(path: Path) -> dict[str, Any]:
    """A record file to explain, or a :class:`ConfigError`-like usage problem."""
    from .errors import ConfigError
    from .schema import iter_errors

    from .safe_read import loads_untrusted, read_regular

    try:
        record = loads_untrusted(read_regular(path).decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ConfigError(f"{path}: not a readable record: {exc}") from None
    errors = list(iter_errors(record)) if isinstance(record, dict) else [("$", "not an object")]
    if errors:
        raise ConfigError(f"{path}: not a valid record ({errors[0][0]}: {errors[0][1]}); `cleaner check {path}` says more")
    return record


def cmd_explain(args: argparse.Namespace) -> int:
    import json

    from .api import clean_bytes, source_path_for
    from .decode import decode_bytes
    from .errors import RejectError
    from .explain import in_line_order, raw_lines
    from .engine.pipeline import Pipeline
    from .engine.registry import all_rule_classes
    from .raw_files import read_raw

    config = _config(args)
    path = Path(args.file)
    pipeline = Pipeline.for_config(config)
    classes = all_rule_classes(pipeline.packs)
    names = {cls.code: cls.name for cls in classes}
    names.update({"DEC001": "decode.bom", "DEC002": "decode.line-ends"})
    stages = {cls.code: cls.stage.name.lower() for cls in classes}
    data: bytes | None = None
    if path.suffix == ".json":  # a record: its own changes, nothing cleaned again
        record = _read_record(path)
        source = record["source"]["path"]
        try:
            data = read_raw(str(config.root / source), config.max_file_bytes)
        except RejectError:
            data = None  # no raw file: the logged line numbers are shown as they are
    else:
        source = source_path_for(path, config.root)
        try:
            data = read_raw(str(path), config.max_file_bytes)  # no FIFO hang, the size limit applies
            record = clean_bytes(data, path.stem, source, pipeline=pipeline)
        except RejectError as exc:
            print(f"{source}: {exc.code} {exc.message}", file=sys.stderr)
            return EXIT_PROBLEMS
    lines = [c["line"] for c in record["changes"]]
    if data is not None:
        try:
            lines = raw_lines(decode_bytes(data).text, record["changes"])
        except RejectError:
            pass
    rows = in_line_order(record["changes"], lines, stages)
    learned = next((rule for rule in pipeline.rules if rule.code == "SIT001"), None)

    def entry(change: Any) -> dict[str, str]:  # the learned entry behind a SIT001 change
        label = learned.label_for(source, change["before"]) if learned is not None and change["rule"] == "SIT001" else None
        return {"learned": label} if label else {}

    if args.format == "json":
        changes = [{**change, "raw_line": line, "stage": stage, **entry(change)} for line, stage, change in rows]
        print(json.dumps({"id": record["id"], "changes": changes, "warnings": record["warnings"]}, ensure_ascii=False, indent=2))
        return EXIT_OK
    paint = _painter(args.color, sys.stdout)
    out = sys.stdout
    out.write(paint(f"{source}", "1") + f"  ({record['source']['encoding']}, {record['source']['bytes']} bytes) -> "
              f"{record['language']} {record['language_score']:.2f}, {len(record['changes'])} change(s)"
              + (f"  [from the record {path}]" if path.suffix == ".json" else "") + "\n")
    if data is not None and path.suffix != ".json":
        try:
            out.write(f"  layout: {pipeline.layout_decision(decode_bytes(data).text)}\n")
        except RejectError:
            pass
    for field_name in ("title", "published"):
        if record[field_name]:
            out.write(f"  {field_name}: {record[field_name]}\n")
    for author in record["authors"]:
        out.write("  author: " + ", ".join(f"{k}={v}" for k, v in author.items()) + "\n")
    for credit in record.get("credits", []):
        out.write(f"  credit ({credit['kind']}): {credit['text']}\n")
    for caption in record.get("captions", []):
        out.write(f"  caption: {caption}\n")
    for line, stage, change in rows:
        head = f"L{line:<4} {stage:<7} {change['rule']} {names.get(change['rule'], '?')}: {change['action']}"
        if change.get("field"):
            head += f" into {change['field']}"
        out.write("\n" + paint(head, "36") + "\n")
        out.write(paint("  - " + _visible(change["before"]), "31") + "\n")
        if entry(change):
            out.write(f"    learned entry {entry(change)['learned']}\n")
        if "after" in change:
            out.write(paint("  + " + _visible(change["after"]), "32") + "\n")
    for warning in record["warnings"]:
        out.write("\n" + paint(f"warning {warning['code']}: {warning['message']}", "33") + "\n")
    return EXIT_OK


# -- rules --------------------------------------------------------------------------------------


def cmd_rules(args: argparse.Namespace) -> int:
    from .engine.pipeline import Pipeline
    from .engine.registry import enabled
    from .rejects import REJECT_CODES
    from .engine.registry import all_rule_classes

    if args.rejects:
        for code, (name, summary) in REJECT_CODES.items():
            print(f"{code}  {name:<24} {summary}")
        return EXIT_OK
    if args.code and args.code.upper() in REJECT_CODES:  # reject codes of run and check
        name, summary = REJECT_CODES[args.code.upper()]
        print(f"{args.code.upper()} {name} (reject code of cleaner run and cleaner check)\n\n{summary}\n\n"
              "The file does not become a record; it is listed in _rejects.json and on stderr as `path: CODE message`.")
        return EXIT_OK
    from .findings import CHECK_CODES

    if args.code and args.code.upper() in CHECK_CODES:  # finding codes of check and validate
        name, kind, summary = CHECK_CODES[args.code.upper()]
        print(f"{args.code.upper()} {name} (finding of cleaner check and cleaner validate, kind {kind})\n\n{summary}\n\n"
              "The message ends with the command that fixes it where there is one (`refresh: cleaner run ...`).")
        return EXIT_OK
    config = _config(args)
    pipeline = Pipeline.for_config(config)
    classes = all_rule_classes(pipeline.packs)
    if args.code:
        wanted = args.code.upper()
        for cls in classes:
            if cls.code == wanted or cls.name == args.code:
                state = "on" if enabled(cls, config) else "off"
                print(f"{cls.code} {cls.name} ({cls.name.split('.')[0]}, {state}, stage {cls.stage.name.lower()})\n")
                print(cls.doc())
                return EXIT_OK
        print(f"cleaner rules: no rule {args.code!r}", file=sys.stderr)
        return EXIT_USAGE
    width = max(len(c.name) for c in classes)
    print(f"{'code':<7} {'name':<{width}}  {'family':<10} {'on':<3}  summary")
    for cls in classes:
        state = "on" if enabled(cls, config) else "off"
        print(f"{cls.code:<7} {cls.name:<{width}}  {cls.name.split('.')[0]:<10} {state:<3}  {cls.summary}")
    return EXIT_OK


# -- check and validate -------------------------------------------------------------------------


def cmd_check(args: argparse.Namespace) -> int:
    from .checks import Checker, check_paths
    from .findings import count_kinds, describe_counts, emit

    config = _config(args)
    checker = Checker(config, refresh_command(args), args.artifacts)
    findings, checked = check_paths(args.files, checker, args.jobs)
    return emit(findings, args.format, f"checked {checked} file(s): {describe_counts(count_kinds(findings))}")


def cmd_validate(args: argparse.Namespace) -> int:
    from .checks import Checker
    from .findings import emit
    from .validate import validate_corpus

    config = _config(args)
    default_out = config.root / config.clean_dir
    clean_dir = Path(args.clean_dir) if args.clean_dir else default_out
    raw_dir = Path(args.raw) if args.raw else config.root / config.raw_dir
    custom_out = clean_dir.resolve() != default_out.resolve()
    checker = Checker(config, refresh_command(args, clean_dir if custom_out else None), args.artifacts)
    report = validate_corpus(clean_dir, raw_dir, checker, args.jobs)
    for note in report.notes:
        print(f"cleaner validate: {note}", file=sys.stderr)
    return emit(report.findings, args.format, report.line())


def cmd_learn(args: argparse.Namespace) -> int:
    from .learn import LearnSettings, learn_corpus, previous_wording, read_corpus, render_pack, report_problems, summary, write_pack
    from .packs import load_packs
    from .rules.site import SourceKey, date_words

    config = _config(args)
    paths = [Path(p) for p in args.paths] or [config.root / config.raw_dir]
    missing = missing_input(paths, "learn", default=not args.paths)
    if missing:
        print(missing, file=sys.stderr)
        return EXIT_USAGE
    if args.by_pattern is not None:
        key = SourceKey("pattern", pattern=args.by_pattern)
    elif args.by_level is not None:
        key = SourceKey("level", level=args.by_level)
    else:
        key = SourceKey()
    given = {"min_support": args.min_support, "min_articles": args.min_articles, "min_prose_support": args.min_prose_support}
    settings = LearnSettings(source_key=key, **{name: value for name, value in given.items() if value is not None})
    dates = date_words(load_packs(config.pack_paths()))
    corpus = read_corpus(paths, config, settings, dates)
    learned = learn_corpus(corpus, settings)
    out = Path(args.out)
    try:
        write_pack(out, render_pack(learned, settings, previous_wording(out, dates)))
    except OSError as exc:
        print(f"cleaner learn: {out}: cannot write the pack: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    report_problems(corpus.problems, sys.stderr)
    print(f"cleaner learn: {summary(learned, corpus)} -> {out.as_posix()}", file=sys.stderr)
    return EXIT_PROBLEMS if corpus.problems else EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from .corpus_report import ReportUnavailable, write_report

    config = _config(args)
    clean_dir = Path(args.clean_dir) if args.clean_dir else config.root / config.clean_dir
    try:
        print(write_report(clean_dir, Path(args.html), config), file=sys.stderr)
    except ReportUnavailable as exc:
        print(f"cleaner report: {exc}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


COMMANDS = {"run": cmd_run, "learn": cmd_learn, "explain": cmd_explain, "rules": cmd_rules, "check": cmd_check,
            "validate": cmd_validate, "report": cmd_report}

#: Collector thresholds for the batch commands. Cleaning allocates many short-lived containers
#: and makes no reference cycles, so the default (a collection every 700 allocations) is about
#: 2 % of a run spent finding nothing; the pipeline's long-lived tables are not rescanned either.
BATCH_GC_THRESHOLDS = (20_000, 20, 20)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    from .errors import CleanerError, ConfigError, InternalError, OutputError
    from .signals import Stopped, install_stop_handlers

    install_stop_handlers()
    if args.command in ("run", "validate"):
        import gc

        gc.set_threshold(*BATCH_GC_THRESHOLDS)  # this process and the workers it forks
    try:
        return COMMANDS[args.command](args)
    except ConfigError as exc:
        print(f"cleaner: config error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OutputError as exc:
        print(f"cleaner: {exc}; the run stopped (records written so far are complete)", file=sys.stderr)
        return EXIT_USAGE
    except InternalError as exc:
        if args.debug:
            traceback.print_exc()
        print(f"cleaner: {exc.path}: REJ099 {exc.message}", file=sys.stderr)
        print("cleaner: stopped by --strict" + ("" if args.debug else " (run with --debug for the traceback)"), file=sys.stderr)
        return EXIT_INTERNAL
    except CleanerError as exc:
        print(f"cleaner: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    except Stopped as exc:
        print(f"cleaner: stopped by {exc.name}; records written so far are complete", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("cleaner: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return EXIT_OK
    except Exception as exc:  # a bug: one line, or the traceback with --debug; exit 3 either way
        if args.debug:
            traceback.print_exc()
        message = " ".join(f"{type(exc).__name__}: {exc}".split())
        print(f"cleaner: internal error: {message}" + ("" if args.debug else " (run with --debug for the traceback)"), file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
