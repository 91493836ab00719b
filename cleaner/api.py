"""The Python API: what the CLI, the hooks and the executors call, and what a notebook uses.

One rule for every function: without a ``config``, the configuration ``cleaner run`` would use
in the current folder (``[tool.cleaner]`` of the nearest ``pyproject.toml``, else the
defaults); with one, exactly that. A text or file the run would reject raises
:class:`~cleaner.errors.RejectError` with the same code (``REJ004`` nothing left, ``REJ005``
language not accepted, ...).

>>> from cleaner import Config, clean_text
>>> result = clean_text("Go to contents\\n\\nChina`s view is clear, the ministry said on Monday in Beijing.\\n",
...                     Config(languages=["en"]))
>>> result.text
'China’s view is clear, the ministry said on Monday in Beijing.'
>>> [c.rule for c in result.changes]
['NAV001', 'QUO001']
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from . import rejects
from .audit import Change
from .config import Config, load_config
from .decode import Decoded, decode_bytes
from .errors import RecordInvalid, RejectError
from .engine.pipeline import Cleaned, Pipeline
from .record import Source, build_record
from .schema import validate_record


def _pipeline(config: Config | None) -> Pipeline:
    return Pipeline.for_config(config if config is not None else load_config())


def _accepted(cleaned: Cleaned, config: Config) -> Cleaned:
    """``cleaned``, or the :class:`RejectError` a run would give it (nothing left, language)."""
    if not cleaned.text.strip():
        rules = sorted({c.rule for c in cleaned.changes if c.action in ("removed", "extracted")})
        detail = f" (removed by {', '.join(rules)})" if rules else ""
        raise RejectError(rejects.NOTHING_LEFT, f"nothing left after cleaning{detail}")
    if not config.accepts(cleaned.language):
        accepted = ", ".join(config.languages or ())
        raise RejectError(rejects.LANGUAGE, f"language {cleaned.language} (p={cleaned.language_score:.2f}) is not accepted ({accepted}); use --languages to widen")
    return cleaned


def clean_text(text: str, config: Config | None = None, source: str | None = None) -> Cleaned:
    """Clean a text (already decoded) as ``cleaner run`` cleans a file's text; raises
    :class:`RejectError` when nothing is left or its language is not accepted. ``source``: the
    file's id (a record's ``source.path``, ``raw/donga/a.txt``), for the templates ``cleaner
    learn`` found per source (SIT001)."""
    pipeline = _pipeline(config)
    return _accepted(pipeline.clean(text, source=source), pipeline.config)


def decode_changes(decoded: Decoded) -> list[Change]:
    """Changes that describe what decoding normalised (BOM, line ends), for the record."""
    out = []
    if decoded.bom:
        out.append(Change("DEC001", "normalized", 1, "\ufeff", ""))
    for newline in decoded.newlines:
        out.append(Change("DEC002", "normalized", 1, newline, "\n"))
    return out


def clean_bytes(data: bytes, record_id: str, source_path: str, config: Config | None = None, pipeline: Pipeline | None = None) -> dict[str, Any]:
    """Turn raw bytes into a validated record, or raise :class:`RejectError` with a reject code."""
    pipe = pipeline if pipeline is not None else _pipeline(config)
    cfg = pipe.config
    if len(data) > cfg.max_file_bytes:
        raise RejectError(rejects.TOO_LARGE, f"file is {len(data)} bytes, over the limit of {cfg.max_file_bytes} (max_file_bytes)")
    decoded = decode_bytes(data)
    cleaned = _accepted(pipe.clean(decoded.text, source=source_path), cfg)
    cleaned.changes[:0] = decode_changes(decoded)
    record = build_record(record_id, Source.of(source_path, data, decoded.encoding), cleaned, pipe.config_hash)
    try:
        validate_record(record)
    except RecordInvalid as exc:  # a bug in a rule, not in the input: report it as such
        raise RejectError(rejects.INTERNAL, f"record failed its schema at {exc.path}: {exc.message}") from exc
    return record


def source_path_for(path: Path, root: Path, input_root: Path | None = None) -> str:
    """The record's ``source.path``: POSIX, relative to the corpus root when the file is under
    it, else relative to the folder above the input argument (``raw/x.txt``)."""
    resolved = path.absolute()
    for base in (root.absolute(), (input_root.absolute().parent if input_root is not None else None)):
        if base is None:
            continue
        try:
            return resolved.relative_to(base).as_posix()
        except ValueError:
            continue
    return path.name


def clean_file(path: str | Path, config: Config | None = None) -> dict[str, Any]:
    """Clean one raw file into the validated record ``cleaner run PATH`` would write for it
    (same ``source.path``, same bytes once serialised); nothing is written. Raises
    :class:`RejectError` with the code the run would report."""
    from .raw_files import read_raw

    path = Path(path)
    cfg = config if config is not None else load_config()
    data = read_raw(str(path), cfg.max_file_bytes)  # as the run reads it: size limit, no FIFO hang
    return clean_bytes(data, path.stem, source_path_for(path, cfg.root), pipeline=Pipeline.for_config(cfg))
