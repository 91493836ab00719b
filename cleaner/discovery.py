"""Finding the inputs of a run: the ``*.txt`` files under the paths given, each with its record
id and source path, sorted by record id; and the inputs rejected before anything is read (a
folder that cannot be listed, not a file, a symlink that leaves the tree or loops, a name that
cannot be a record id, two names that would give the same record file)."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path
from typing import Iterable, Iterator

from . import rejects
from .api import source_path_for
from .config import Config
from .outcomes import Reject, Task, is_control, shown_path

RAW_SUFFIX = ".txt"


def _walk(folder: str, unlistable: list[tuple[str, str]] | None = None) -> Iterator[os.DirEntry[str]]:
    """Every ``*.txt`` entry under ``folder`` in sorted order, without following directory
    symlinks (a symlinked folder could loop or leave the tree). Folders that cannot be listed
    go to ``unlistable`` with the reason, so their files are reported rather than lost."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        if unlistable is not None:
            unlistable.append((folder, exc.strerror or str(exc)))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
        except OSError:
            is_dir = False
        if is_dir:
            if entry.name.endswith(RAW_SUFFIX):
                yield entry  # a directory named *.txt: reported as not-a-file
            yield from _walk(entry.path, unlistable)
        elif entry.name.endswith(RAW_SUFFIX):
            yield entry


def _bad_name(record_id: str) -> str | None:
    """Why a file name cannot become a record id (``None`` if it can)."""
    if not record_id:
        return "the file name is empty before .txt"
    try:
        encoded = (record_id + ".json").encode("utf-8")
    except UnicodeEncodeError:
        return "the file name is not valid UTF-8"
    if record_id.startswith(("_", ".")):
        return "a record id must not start with '_' or '.' (reserved for reports and temporary files)"
    if not record_id.isprintable() and any(is_control(c) for c in record_id):
        return "the file name holds control characters"
    if "\\" in record_id:
        return "the file name holds a backslash"
    if len(encoded) > 255:
        return "the record file name would be longer than 255 bytes"
    return None


def _collision_key(record_id: str) -> str:
    """Ids equal after simple case folding and Unicode normalisation name the same file on
    case-insensitive or normalising file systems (macOS, Windows), so they collide too. Those
    file systems fold one character to one character (APFS and NTFS map ``ẞ`` to ``ß``, but
    never ``ß`` to ``ss``), so full case folding (``str.casefold``) would see collisions that
    no file system has.

    >>> _collision_key("STRASSE") == _collision_key("straße"), _collision_key("STRAẞE") == _collision_key("straße")
    (False, True)
    """
    if record_id.isascii():
        return record_id.lower()
    return "".join(map(_simple_fold, unicodedata.normalize("NFC", record_id)))


def _simple_fold(ch: str) -> str:
    """One character folded to one character: through its upper case, then its lower case,
    skipping a step that would give more than one character."""
    upper = ch.upper()
    ch = upper if len(upper) == 1 else ch
    lower = ch.lower()
    return lower if len(lower) == 1 else ch


def _source_prefix(folder: Path, root: Path) -> str | None:
    """What :func:`source_path_for` puts before the part of a path below ``folder``, for every
    file under it: ``raw`` (or ``.`` for the root itself); ``None`` when it depends on the file
    (the corpus root lies inside ``folder``)."""
    here, base = folder.absolute(), root.absolute()
    try:
        return here.relative_to(base).as_posix()
    except ValueError:
        pass
    if base.is_relative_to(here):
        return None
    return here.relative_to(here.parent).as_posix()


def discover(paths: Iterable[Path], config: Config) -> tuple[list[Task], list[Reject]]:
    """The tasks for ``paths`` (files and folders), sorted by record id, and the inputs that are
    rejected before reading (unlistable folders, not a file, a symlink leaving the tree or
    looping, a name that cannot be a record id, colliding ids).

    Plain files found in folders take a fast path (their ``DirEntry`` already says what they
    are, and their source path is the folder's prefix plus the rest); symlinks, odd entries and
    files named on the command line get every check."""
    early: list[Reject] = []
    by_key: dict[str, Task | list[Task]] = {}
    seen_paths: set[str] = set()
    unlistable: list[tuple[str, str]] = []

    def add(path_str: str, source: str, follow: bool = False) -> None:
        name = os.path.basename(path_str)
        record_id = name[: -len(RAW_SUFFIX)] if name.endswith(RAW_SUFFIX) else Path(name).stem
        source = shown_path(source)
        bad = _bad_name(record_id)
        if bad:
            early.append(Reject(source, rejects.BAD_NAME, bad))
            return
        task = Task(path_str, record_id, source, follow)
        key = _collision_key(record_id)
        found = by_key.get(key)
        if found is None:
            by_key[key] = task
        elif isinstance(found, list):
            found.append(task)
        else:
            by_key[key] = [found, task]

    def check(path: Path, input_root: Path | None) -> None:
        """Every check, for a path that is not a plain file found in a folder."""
        source = shown_path(source_path_for(path, config.root, input_root))
        name = path.name
        record_id = name[: -len(RAW_SUFFIX)] if name.endswith(RAW_SUFFIX) else path.stem
        follow = False
        if _bad_name(record_id) is None:
            try:
                follow = path.is_symlink()
                if follow:
                    target = path.resolve()
                    tree = (input_root if input_root is not None else path.parent).resolve()
                    if not target.is_relative_to(tree):
                        early.append(Reject(source, rejects.OUTSIDE_TREE, f"symlink to {shown_path(str(target))} leaves the input tree; not followed", record_id))
                        return
                if path.is_dir():
                    early.append(Reject(source, rejects.NOT_A_FILE, "is a directory named *.txt, not a file", record_id))
                    return
                if not path.is_file() and path.exists():
                    early.append(Reject(source, rejects.NOT_A_FILE, "is not a regular file (a FIFO, socket or device)", record_id))
                    return
            except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop (Python < 3.13)
                reason = "a symlink loop" if isinstance(exc, RuntimeError) or getattr(exc, "errno", None) == 40 else (getattr(exc, "strerror", None) or str(exc))
                early.append(Reject(source, rejects.UNREADABLE, f"cannot follow: {reason}", record_id))
                return
        add(str(path), source, follow)

    paths = list(paths)

    def first_time(path_str: str) -> bool:
        if len(paths) == 1:
            return True  # one walk meets each path once (directory symlinks are not followed)
        key = os.path.abspath(path_str)
        if key in seen_paths:
            return False
        seen_paths.add(key)
        return True

    for arg in paths:
        try:
            if arg.is_dir():
                folder = str(arg)
                prefix = _source_prefix(arg, config.root)
                skip = len(folder.rstrip(os.sep)) + 1
                for entry in _walk(folder, unlistable):
                    if not first_time(entry.path):
                        continue
                    try:
                        plain = entry.is_file(follow_symlinks=False)
                    except OSError:
                        plain = False
                    if prefix is not None and plain:
                        below = entry.path[skip:].replace(os.sep, "/")
                        add(entry.path, below if prefix == "." else f"{prefix}/{below}")
                    else:
                        check(Path(entry.path), arg)
            elif arg.exists() or arg.is_symlink():
                if first_time(str(arg)):
                    check(arg, None)
            else:
                early.append(Reject(shown_path(arg.as_posix()), rejects.UNREADABLE, "no such file or directory"))
        except OSError as exc:
            early.append(Reject(shown_path(arg.as_posix()), rejects.UNREADABLE, f"cannot read: {exc.strerror or exc}"))
    for folder, reason in unlistable:
        early.append(Reject(shown_path(source_path_for(Path(folder), config.root)), rejects.UNREADABLE,
                            f"cannot list this folder ({reason}); the files in it are not cleaned"))
    tasks: list[Task] = []
    for key in sorted(by_key):
        group = by_key[key]
        if isinstance(group, Task):
            tasks.append(group)
            continue
        others = ", ".join(t.source_path for t in group)
        ids = sorted({t.record_id for t in group})
        what = f"record id {ids[0]!r} is" if len(ids) == 1 else f"record ids {', '.join(map(repr, ids))} (equal but for case or Unicode form) are"
        for t in group:
            early.append(Reject(t.source_path, rejects.ID_COLLISION, f"{what} claimed by {len(group)} inputs ({others}); none is written", t.record_id))
    tasks.sort(key=lambda t: t.record_id)
    early.sort(key=lambda r: r.path)
    return tasks, early
