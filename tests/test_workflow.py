"""The path a new user takes (issue 17): the README's corpus setup followed literally in a fresh
folder with real git and real pre-commit, and the first-use edges of the CLI and the Python API.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ARTICLE, REPO

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

#: Articles in ~/scraped/ for the README's setup (written for this test).
SCRAPED = {
    "harbour.txt": "Share on Facebook\n\nThe harbour authority said on Tuesday that the new ferry terminal will open "
                   "in the spring, two years later than planned, after storms damaged the pier twice.\n\n"
                   "Officials told the city council that the cost rose by a fifth and that the contractor "
                   "has agreed to pay part of the difference.\n",
    "dialogue.txt": "Go to contents\n\n" + ARTICLE,
}
LATER = ("The regional library will stay open until ten in the evening during the exam weeks, its director "
         "announced, after students collected more than two thousand signatures for longer hours.\n\n"
         "The extra evenings are paid for by a grant from the university, which will review the trial in June.\n")
#: Two more stories, unlike each other and LATER (near-duplicates would be COR013 findings).
MORE = ("The ferry to the northern islands will run twice a day again from May, the operator said, after a "
        "repaired engine passed its sea trials last week.\n\nIslanders had relied on a single crossing all winter.\n",
        "A bakery in the old town has won the national prize for rye bread, beating more than two hundred entries "
        "from across the country.\n\nThe owners said they would keep their prices as they are.\n")


def readme_block(marker: str) -> str:
    """The fenced code block that follows ``<!-- marker`` in the README."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    found = re.search(r"<!-- " + re.escape(marker) + r"\b.*?-->\n```\w*\n(.*?)\n```", text, re.S)
    assert found, f"README.md has no block marked {marker}"
    return found.group(1)


def _env(home: Path) -> dict[str, str]:
    """A user's shell with the cleaner's environment active, in a home of its own."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update(HOME=str(home), PATH=os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")]),
               VIRTUAL_ENV=str(Path(sys.executable).parent.parent), PRE_COMMIT_HOME=str(home / ".cache" / "pre-commit"),
               GIT_AUTHOR_NAME="Ed Itor", GIT_AUTHOR_EMAIL="ed@example.com", GIT_COMMITTER_NAME="Ed Itor",
               GIT_COMMITTER_EMAIL="ed@example.com", NO_COLOR="1", PRE_COMMIT_COLOR="never")
    return env


def _sh(command: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "-e", "-c", command], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


@needs_git
def test_readme_corpus_setup_works_end_to_end(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "scraped" / "later").mkdir(parents=True)
    for name, text in SCRAPED.items():
        (home / "scraped" / name).write_text(text, encoding="utf-8")
    (home / "scraped" / "later" / "new-article.txt").write_text(LATER, encoding="utf-8")
    env = _env(home)

    setup = _sh(readme_block("corpus-setup"), home, env)
    assert setup.returncode == 0, setup.stdout + setup.stderr
    corpus = home / "my-corpus"
    git = lambda *args: subprocess.run(["git", *args], cwd=corpus, env=env, capture_output=True, text=True, check=True).stdout
    assert "corpus: first articles" in git("log", "--oneline")
    tracked = set(git("ls-files").split())
    assert {"raw/harbour.txt", "clean/harbour.json", "clean/dialogue.json", "clean/_rejects.json", "clean/.gitignore"} <= tracked
    assert not [name for name in tracked if ".cleaner-" in name], tracked  # the run index is never committed
    assert (corpus / "clean" / ".cleaner-index.jsonl").exists()

    for line in readme_block("corpus-add").splitlines():
        proc = _sh(line, corpus, env)
        output = proc.stdout + proc.stderr
        if "stops" in line:
            assert proc.returncode != 0 and "wrote clean/new-article.json" in output, output
        else:
            assert proc.returncode == 0, line + "\n" + output
    assert git("status", "--porcelain") == ""
    record = json.loads((corpus / "clean" / "new-article.json").read_text(encoding="utf-8"))
    assert record["text"].startswith("The regional library")

    # No stash loop: later commits with unstaged work in the tree, and a re-run that rewrites the index.
    (corpus / "notes.md").write_text("sources\n", encoding="utf-8")
    git("add", "notes.md")
    git("commit", "-q", "-m", "notes")
    for n in range(2):
        (corpus / "notes.md").write_text(f"sources, draft {n}\n", encoding="utf-8")  # unstaged: pre-commit stashes it
        (corpus / "raw" / f"more-{n}.txt").write_text(MORE[n], encoding="utf-8")
        assert _sh("cleaner run -q", corpus, env).returncode == 0
        assert _sh(f"git add raw/more-{n}.txt clean/", corpus, env).returncode == 0
        commit = _sh(f"git commit -q -m 'more {n}'", corpus, env)
        output = commit.stdout + commit.stderr
        assert commit.returncode == 0 and "conflict" not in output.lower(), output
        assert git("status", "--porcelain").split() == ["M", "notes.md"]
    assert _sh("cleaner validate", corpus, env).returncode == 0


def test_the_distribution_name_is_not_the_taken_one() -> None:
    from importlib import metadata

    assert metadata.distribution("cleaner-news").entry_points.select(group="console_scripts", name="cleaner")
    assert 'name = "cleaner-news"' in (REPO / "pyproject.toml").read_text(encoding="utf-8")


def test_help_names_the_distribution(cli) -> None:
    proc = cli("--help")
    assert "cleaner-news" in proc.stdout
    assert "cleaner-news" in cli("--version").stdout


# -- validate's suggestions, shards, stale settings (items 5-7) ---------------------------------


def _corpus(root: Path) -> Path:
    (root / "raw").mkdir(parents=True)
    (root / "pyproject.toml").write_text('[tool.cleaner]\nlanguages = ["en"]\n', encoding="utf-8")
    for name, text in SCRAPED.items():
        (root / "raw" / name).write_text(text, encoding="utf-8")
    (root / "raw" / "library.txt").write_text(LATER, encoding="utf-8")
    return root


def _main(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    from cleaner.cli import main

    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _refreshes(output: str) -> dict[str, str]:
    """``path: CODE`` -> the command a finding suggests after ``refresh:``."""
    out = {}
    for line in output.splitlines():
        if "refresh: " in line:
            path, code = line.split(":")[0], line.split(": ")[1].split()[0]
            out[f"{path} {code}"] = line.rsplit("refresh: ", 1)[1]
    return out


def _break_json_corpus(corpus: Path) -> None:
    """One of each problem whose finding suggests a command (records as `cleaner run` wrote them)."""
    from cleaner.record import dumps_record

    clean = corpus / "clean"
    edited = json.loads((clean / "harbour.json").read_text(encoding="utf-8"))
    edited["text"] = edited["text"].replace("spring", "summer")  # COR011: canonical, valid, edited by hand
    (clean / "harbour.json").write_bytes(dumps_record(edited))
    renamed = json.loads((clean / "dialogue.json").read_text(encoding="utf-8"))
    (clean / "dialogue.json").write_text(json.dumps(renamed, ensure_ascii=False), encoding="utf-8")  # COR003
    (corpus / "raw" / "library.txt").write_text(LATER + "\nA third paragraph was added by the editor later on.\n", encoding="utf-8")  # COR004
    (corpus / "raw" / "new.txt").write_text(LATER.replace("library", "museum"), encoding="utf-8")  # COR006


@pytest.mark.parametrize("output_format", ["json", "jsonl"])
def test_every_suggested_command_fixes_its_finding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str], output_format: str) -> None:
    import shlex

    corpus = _corpus(tmp_path / "corpus")
    monkeypatch.chdir(corpus)
    out = ["--format", "jsonl", "--out", "shards"] if output_format == "jsonl" else []
    assert _main(["run", "-q", *out], capsys)[0] == 0
    target = ["shards"] if output_format == "jsonl" else []
    if output_format == "json":
        _break_json_corpus(corpus)
    else:  # a hand edit inside a shard line, and a new raw file
        shard = corpus / "shards" / "part-00000.jsonl"
        shard.write_bytes(shard.read_bytes().replace(b"spring", b"summer"))
        (corpus / "raw" / "new.txt").write_text(LATER.replace("library", "museum"), encoding="utf-8")
    code, stdout, _ = _main(["validate", *target, "--jobs", "1"], capsys)
    assert code == 1
    suggestions = _refreshes(stdout)
    expected = {"COR011", "COR006"} | ({"COR003", "COR004"} if output_format == "json" else set())
    assert {key.split()[1] for key in suggestions} >= expected, stdout
    if output_format == "jsonl":
        assert "shards/part-00000.jsonl:" in stdout and "no record in shards" in stdout
    snapshot = tmp_path / "snapshot"
    shutil.copytree(corpus, snapshot)
    for n, (finding, command) in enumerate(suggestions.items()):
        attempt = tmp_path / f"attempt-{n}"  # each command on its own copy of the broken corpus
        shutil.copytree(snapshot, attempt)
        monkeypatch.chdir(attempt)
        words = shlex.split(command)
        assert words[:2] == ["cleaner", "run"], command
        assert _main(words[1:] + ["-q"], capsys)[0] == 0, command
        _, after, _ = _main(["validate", *target, "--jobs", "1"], capsys)
        assert finding not in {f"{line.split(':')[0]} {line.split(': ')[1].split()[0]}" for line in after.splitlines()}, (command, after)


def test_check_and_validate_read_shards_with_line_numbers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    corpus = _corpus(tmp_path / "corpus")
    monkeypatch.chdir(corpus)
    assert _main(["run", "-q", "--format", "jsonl", "--out", "shards", "--shard-size", "2"], capsys)[0] == 0
    code, stdout, stderr = _main(["validate", "shards", "--jobs", "1"], capsys)
    assert code == 0 and "validated 3 record(s) and 3 raw file(s)" in stderr, stdout + stderr
    code, stdout, stderr = _main(["check", "shards"], capsys)
    assert code == 0 and "checked 3 file(s): no problems" in stderr
    second = corpus / "shards" / "part-00000.jsonl"
    lines = second.read_text(encoding="utf-8").splitlines(keepends=True)
    record = json.loads(lines[1])
    record["language"] = 7  # a schema error on the shard's second line
    lines[1] = json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
    second.write_text("".join(lines), encoding="utf-8")
    column = lines[1].index('"language"') + len('"language":') + 1
    for args in (["check", "shards/part-00000.jsonl"], ["validate", "shards", "--jobs", "1"]):
        code, stdout, _ = _main(args, capsys)
        assert code == 1
        assert stdout.startswith(f"shards/part-00000.jsonl:2:{column}: COR001 $.language:"), stdout


def test_stale_settings_are_named_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = _corpus(tmp_path / "corpus")
    monkeypatch.chdir(corpus)
    assert _main(["run", "-q", "--languages", "any"], capsys)[0] == 0
    code, stdout, stderr = _main(["validate", "--jobs", "1", "--no-artifacts"], capsys)
    assert code == 1 and stdout.count("COR005") == 3
    notes = [line for line in stderr.splitlines() if "other settings" in line]
    assert len(notes) == 1, stderr
    assert 'languages: ["en"] -> any' in notes[0] and "3 record(s)" in notes[0] and "quotes" not in notes[0]


# -- usage errors and language codes (items 8, 9) -----------------------------------------------


def test_a_mistyped_path_is_a_usage_error_and_writes_nothing(cli, tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus")
    proc = cli("run", "raw/harbor.txt", cwd=corpus)
    assert proc.returncode == 2 and "raw/harbor.txt: no such file or folder; did you mean raw/harbour.txt?" in proc.stderr
    assert not (corpus / "clean").exists()
    shutil.rmtree(corpus / "raw")
    proc = cli("run", cwd=corpus)
    assert proc.returncode == 2 and "raw folder" in proc.stderr and "does not exist" in proc.stderr
    assert not (corpus / "clean").exists()


@pytest.mark.parametrize("given, accepted", [("EN", ("en",)), ("zh", ("zh-cn", "zh-tw")), ("en, ZH_tw", ("en", "zh-tw")), ("any", None)])
def test_language_codes_are_normalised(given: str, accepted: tuple[str, ...] | None) -> None:
    from cleaner.config import parse_languages

    assert parse_languages(given) == accepted


@pytest.mark.parametrize("code", ["eng", "english", "xx"])
def test_unknown_language_codes_are_refused_with_the_list(cli, tmp_path: Path, code: str) -> None:
    corpus = _corpus(tmp_path / "corpus")
    proc = cli("run", "--languages", code, cwd=corpus)
    assert proc.returncode == 2 and f"unknown language code {code!r}" in proc.stderr and "en, es" in proc.stderr
    assert not (corpus / "clean").exists()
    (corpus / "pyproject.toml").write_text(f'[tool.cleaner]\nlanguages = ["{code}"]\n', encoding="utf-8")
    assert cli("validate", cwd=corpus).returncode == 2


# -- the Python API (item 10) -------------------------------------------------------------------


def test_python_api_matches_the_cli(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cleaner import Config, RejectError, clean_file, clean_text

    corpus = _corpus(tmp_path / "corpus")
    (corpus / "pyproject.toml").write_text('[tool.cleaner]\nlanguages = ["en"]\nquotes = "straight"\n', encoding="utf-8")
    assert cli("run", "raw/dialogue.txt", cwd=corpus).returncode == 0
    monkeypatch.chdir(corpus)
    written = json.loads((corpus / "clean" / "dialogue.json").read_text(encoding="utf-8"))
    assert clean_file("raw/dialogue.txt") == written  # same config, same source.path
    assert clean_file(corpus / "raw" / "dialogue.txt") == written
    # clean_text reads the project's config too (straight quotes here) and rejects like a run
    assert clean_text("China`s view is clear, the ministry said on Monday in Beijing today.").text.startswith("China's view")
    with pytest.raises(RejectError) as rejected:
        clean_text("Die Regierung hat am Montag in Berlin neue Regeln für den Verkehr in den Städten beschlossen.")
    assert rejected.value.code == "REJ005"
    # Config built by hand: lists and sets are accepted and normalised
    config = Config(languages=["EN", "de"], disable={"QUO006"})
    assert config.languages == ("de", "en") and config.disable == frozenset({"QUO006"}) and hash(config)
    german = clean_text("Die Regierung hat am Montag in Berlin neue Regeln für den Verkehr in den Städten beschlossen.", config)
    assert german.language == "de"


def test_readme_python_api_example_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    import doctest

    monkeypatch.chdir(REPO)  # the README's example uses this repository's corpus
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## The Python API"):text.index("## Configuration")]
    examples = doctest.DocTestParser().get_doctest(section, {}, "README.md#the-python-api", "README.md", 0)
    assert examples.examples, "the README's Python API section has no >>> example"
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    runner.run(examples)
    assert runner.failures == 0


# -- runs: first ETA, Ctrl-C, removed records (item 15) -----------------------------------------


def test_first_eta_leaves_start_up_out(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    from types import SimpleNamespace

    import tqdm.std

    from cleaner import progress

    now = [0.0]  # 12 s of start-up, then 10 files a second
    monkeypatch.setattr(tqdm.std, "time", lambda: now[0])
    monkeypatch.setattr(progress, "REDRAW_SECONDS", 0.0)
    stream = io.StringIO()
    bar = progress.ProgressBar(stream)
    bar.start(310)
    now[0] = 12.0
    bar.update(None, SimpleNamespace(total=1, rejected=0))
    now[0] = 13.0
    bar.update(None, SimpleNamespace(total=11, rejected=0))
    assert "11/310    4%  10.00 files/s  ETA 00:29" in stream.getvalue()


#: Ctrl-C while chunks are in flight, in a process of its own as a run is (the test suite's own
#: process has threads and state from a thousand other tests): a worker interrupts its parent
#: as the first item starts, then works for a long time; the parent must stop at once.
_CTRL_C_SCRIPT = """
import os, signal, sys, time
from pathlib import Path
from cleaner.executors.local import ProcessPoolExecutor

marks = Path(sys.argv[1])
# Ctrl-C reaches this process as it reaches a run started from a terminal (a process started
# from the test suite inherits the suite's signal mask).
signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
signal.signal(signal.SIGINT, signal.default_int_handler)

class InterruptingStep:
    def __call__(self, item):
        if item == 0:
            os.kill(os.getppid(), signal.SIGINT)
        time.sleep(20)
        (marks / f"finished-{item}").write_text("", encoding="utf-8")
        return item

pool = ProcessPoolExecutor(jobs=2, chunk_size=1)
started = time.monotonic()
try:
    list(pool.map(InterruptingStep(), range(4), total=4))
except KeyboardInterrupt:
    pool.close()
    print(f"interrupted after {time.monotonic() - started:.1f} s")
    sys.exit(0)
sys.exit("not interrupted")
"""


def test_ctrl_c_stops_the_workers_instead_of_waiting_for_their_chunks(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-c", _CTRL_C_SCRIPT, str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "interrupted after" in proc.stdout
    assert list(tmp_path.iterdir()) == []  # no worker went on to finish its item


def test_summary_counts_records_removed_for_now_rejected_files(cli, tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus")
    assert cli("run", cwd=corpus).returncode == 0
    (corpus / "raw" / "harbour.txt").write_bytes(b"")
    proc = cli("run", cwd=corpus)
    assert proc.returncode == 1 and not (corpus / "clean" / "harbour.json").exists()
    assert "1 rejected (1 old record(s) of now-rejected files removed) in " in proc.stderr.splitlines()[-1]


# -- explain and rules (item 14) -----------------------------------------------------------------

WRAPPED = ("The council met on Monday to discuss the plan for the new\nbridge across the river, which has been delayed for\n"
           "several years because of rising costs and a long legal\nfight over the land on the northern bank.\n\n"
           "Share this article\n\nThe mayor said the work would start in the autumn if\nthe budget is approved.\n")


def _explained_rows(stdout: str) -> list[tuple[int, str, str]]:
    """(line, stage, code) of each change block of `cleaner explain`."""
    return [(int(m[1]), m[2], m[3]) for m in re.finditer(r"^L(\d+)\s+(\w+)\s+([A-Z]{3}\d{3}) ", stdout, re.M)]


def test_explain_lists_changes_in_line_order_with_raw_lines(cli, tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(WRAPPED, encoding="utf-8")
    proc = cli("explain", "--layout", "on", str(page), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    rows = _explained_rows(proc.stdout)
    assert [line for line, _, _ in rows] == sorted(line for line, _, _ in rows)
    lines = WRAPPED.split("\n")
    for block in proc.stdout.split("\n\n"):
        found = re.match(r"L(\d+)\s+layout\s+OCR003 .*\n  - (\S+)⏎", block)
        if found:  # a join is shown on the raw line where its first word stands
            assert lines[int(found[1]) - 1].endswith(found[2]), block
    assert ("layout", "OCR003") in {(stage, code) for _, stage, code in rows}
    assert any(stage == "lines" and code == "SHR001" for _, stage, code in rows)
    data = json.loads(cli("explain", "--layout", "on", "--format", "json", str(page), cwd=tmp_path).stdout)
    assert [(c["raw_line"], c["stage"], c["rule"]) for c in data["changes"]] == rows


def test_explain_a_record_from_its_changes(cli, tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus")
    assert cli("run", cwd=corpus).returncode == 0
    from_raw = cli("explain", "raw/dialogue.txt", cwd=corpus)
    from_record = cli("explain", "clean/dialogue.json", cwd=corpus)
    assert from_record.returncode == 0 and _explained_rows(from_record.stdout) == _explained_rows(from_raw.stdout)
    record_path = corpus / "clean" / "dialogue.json"
    record = json.loads(record_path.read_text(encoding="utf-8"))
    record["changes"] = record["changes"][1:]  # what the record says is what is shown, not a new cleaning
    record_path.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    assert len(_explained_rows(cli("explain", "clean/dialogue.json", cwd=corpus).stdout)) == len(_explained_rows(from_raw.stdout)) - 1


def test_explain_help_and_rules_for_reject_and_check_codes(cli) -> None:
    assert "in the order of the raw file's lines" in " ".join(cli("explain", "--help").stdout.split())
    rejected = cli("rules", "REJ003")
    assert rejected.returncode == 0 and "reject.undecodable" in rejected.stdout and "not valid UTF-8" in rejected.stdout
    finding = cli("rules", "cor008")
    assert finding.returncode == 0 and "record.artifact" in finding.stdout and "would still change" in finding.stdout
    assert cli("rules", "COR999").returncode == 2
