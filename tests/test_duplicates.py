"""Near-duplicate records (``COR013``, ``cleaner.duplicates``): exact and near copies are
clustered, different articles are not, the threshold decides, and kept signatures spare an
unchanged corpus from being read and hashed again; through ``cleaner validate``, ``cleaner
check`` and the ``cleaner-validate`` hook."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleaner.duplicates import DUPLICATES_INDEX, Text, find_duplicates, shingles
from cleaner.hooks import validate_corpus

# Written for these tests: three unrelated stories, each long enough for a few hundred shingles.
HARBOUR = (
    "The harbour board approved a plan on Tuesday to deepen the northern channel so that larger "
    "container ships can dock without waiting for the tide. Engineers expect the dredging to take "
    "two seasons and to move roughly four million cubic metres of silt to a disposal site offshore.\n\n"
    "Fishing cooperatives had opposed an earlier version of the plan, arguing that the spoil would "
    "cloud the water over the spawning grounds east of the breakwater. The revised proposal moves the "
    "disposal site further out and limits work to the months when the fish are not spawning.\n\n"
    "Board members said the port has lost several shipping lines to rival terminals in the past five "
    "years because the channel is too shallow at low water. A consultant's report presented at the "
    "meeting estimated that the deeper channel could bring back two weekly services within three years.\n\n"
    "The cost will be shared between the port authority and the regional government, which has "
    "promised a loan at a reduced rate. Work is due to begin in early spring once the environmental "
    "permits have been issued and a contractor has been chosen through an open tender.\n"
)
ORCHARD = (
    "Apple growers in the upland valleys are reporting one of the smallest harvests in a decade "
    "after a late frost in April damaged blossoms across hundreds of hectares. Some farms picked less "
    "than half of last year's crop, and prices at the wholesale market rose sharply in September.\n\n"
    "Agronomists say the frost arrived just as the trees were in full bloom, the stage at which the "
    "flowers are most vulnerable. Growers who had installed sprinklers or wind machines fared better, "
    "but the equipment is expensive and few small family orchards can afford it.\n\n"
    "The growers' association has asked the agriculture ministry to extend emergency credit to the "
    "worst affected farms and to speed up payments from the crop insurance scheme. Officials said a "
    "decision would follow an inspection of the orchards planned for the coming weeks.\n\n"
    "Cider makers, who buy much of the valley's lower grade fruit, warned that they may have to import "
    "apples from abroad for the first time, which would raise their costs and could put pressure on "
    "the small producers that have built a reputation on local fruit.\n"
)
LIBRARY = (
    "The city library will stay open until midnight during the exam period, the council announced, "
    "after students collected more than three thousand signatures asking for longer hours. The reading "
    "rooms on the second and third floors will be reserved for quiet study in the evenings.\n\n"
    "Librarians welcomed the decision but said extra staff would be needed to keep the building safe "
    "and clean late at night. The council has agreed to pay for two additional attendants and a "
    "security guard until the end of the academic year, after which the arrangement will be reviewed.\n\n"
    "Student representatives said many of their members share small flats where it is hard to work, "
    "and that the university's own library closes at nine. They hope the longer hours will become "
    "permanent if the trial shows that the rooms are used.\n"
)


def _near(text: str) -> str:
    """The story with one word changed and a correction line added: a near-duplicate."""
    return text.replace("two seasons", "three seasons").replace("half of last", "a third of last") + \
        "\nThis article was updated to correct a figure.\n"


class Reads:
    """Texts held in memory that count how often they are read."""

    def __init__(self, texts: dict[str, str]) -> None:
        self.texts = texts
        self.count = 0

    def items(self, stamp: str = "1") -> list[Text]:
        def reader(name: str):
            def read() -> str:
                self.count += 1
                return self.texts[name]
            return read

        return [Text(name, f"{name}:{stamp}", reader(name)) for name in self.texts]


def _pairs(report) -> set[tuple[str, str]]:
    return {(c.members[0].path, m.path) for c in report.clusters for m in c.members[1:]}


def test_shingles_are_lower_cased_word_five_grams() -> None:
    assert shingles("A b  c\nD e F") == ["a b c d e", "b c d e f"]
    assert shingles("") == [""]


@pytest.mark.parametrize(
    ("texts", "expected", "exact"),
    [
        ({"a": HARBOUR, "b": HARBOUR}, {("a", "b")}, [True]),
        ({"a": HARBOUR, "b": _near(HARBOUR)}, {("a", "b")}, [False]),
        ({"a": HARBOUR, "b": ORCHARD, "c": LIBRARY}, set(), None),
        ({"a": HARBOUR, "b": ORCHARD, "c": _near(ORCHARD), "d": LIBRARY, "e": _near(HARBOUR)},
         {("a", "e"), ("b", "c")}, None),
    ],
    ids=["exact", "near", "different-stories", "two-clusters"],
)
def test_clusters(texts: dict[str, str], expected: set, exact: list[bool] | None) -> None:
    report = find_duplicates(Reads(texts).items(), 0.8)
    assert _pairs(report) == expected
    if exact is not None:
        assert report.clusters[0].exact == exact
        assert report.clusters[0].similarity[0] == 1.0 if exact[0] else 0.8 <= report.clusters[0].similarity[0] < 1.0


def test_threshold_decides() -> None:
    texts = {"a": HARBOUR, "b": _near(HARBOUR)}
    report = find_duplicates(Reads(texts).items(), 0.8)
    similarity = report.clusters[0].similarity[0]
    assert _pairs(find_duplicates(Reads(texts).items(), min(1.0, similarity + 0.08))) == set()
    assert _pairs(find_duplicates(Reads(texts).items(), 1.0)) == set()
    assert _pairs(find_duplicates(Reads({"a": HARBOUR, "b": HARBOUR}).items(), 1.0)) == {("a", "b")}
    with pytest.raises(ValueError):
        find_duplicates(Reads(texts).items(), 0)


def test_kept_index_spares_unchanged_texts(tmp_path: Path) -> None:
    index = tmp_path / DUPLICATES_INDEX
    reads = Reads({"a": HARBOUR, "b": _near(HARBOUR), "c": LIBRARY})
    first = find_duplicates(reads.items(), 0.8, index)
    assert (first.hashed, reads.count) == (3, 3) and index.is_file()
    kept = index.read_bytes()

    again = find_duplicates(reads.items(), 0.8, index)
    assert (again.hashed, reads.count) == (0, 3)  # nothing read, nothing hashed
    assert _pairs(again) == _pairs(first) and index.read_bytes() == kept
    assert [c.similarity for c in again.clusters] == [c.similarity for c in first.clusters]

    reads.texts["c"] = _near(HARBOUR)  # one record changed (its key changes with it)
    items = reads.items()
    items[2] = Text("c", "c:2", items[2].read)
    changed = find_duplicates(items, 0.8, index)
    assert (changed.hashed, reads.count) == (1, 4)
    assert [[m.path for m in c.members] for c in changed.clusters] == [["a", "b", "c"]]

    index.write_bytes(b"not an index\n")  # damaged: rebuilt
    assert find_duplicates(reads.items(), 0.8, index).hashed == 3


def test_unreadable_texts_are_skipped() -> None:
    items = Reads({"a": HARBOUR, "b": HARBOUR}).items() + [Text("broken", "broken:1", lambda: None)]
    assert _pairs(find_duplicates(items, 0.8)) == {("a", "b")}


# -- through the CLI and the hook -------------------------------------------------------------------


@pytest.fixture
def dup_corpus(corpus: Path, cli) -> Path:
    (corpus / "raw" / "harbour.txt").write_text(HARBOUR, encoding="utf-8")
    (corpus / "raw" / "harbour-updated.txt").write_text(_near(HARBOUR), encoding="utf-8")
    (corpus / "raw" / "harbour-copy.txt").write_text(HARBOUR, encoding="utf-8")
    (corpus / "raw" / "orchard.txt").write_text(ORCHARD, encoding="utf-8")
    (corpus / "raw" / "library.txt").write_text(LIBRARY, encoding="utf-8")
    proc = cli("run", cwd=corpus)
    assert proc.returncode == 0, proc.stderr
    return corpus


def _findings(stdout: str) -> list[dict]:
    return [f for f in json.loads(stdout) if f["code"] == "COR013"]


def test_validate_reports_the_cluster(dup_corpus: Path, cli) -> None:
    proc = cli("validate", "--format", "json", "--jobs", "1", cwd=dup_corpus)
    assert proc.returncode == 1, proc.stderr
    found = _findings(proc.stdout)
    assert [f["path"] for f in found] == ["clean/harbour-updated.json", "clean/harbour.json"]
    assert all(f["kind"] == "duplicate" for f in found)
    by_path = {f["path"]: f["message"] for f in found}
    assert by_path["clean/harbour.json"].startswith("exact duplicate of clean/harbour-copy.json; cluster of 3")
    assert by_path["clean/harbour-updated.json"].startswith("near-duplicate (estimated similarity 0.")
    assert "clean/orchard.json" not in proc.stdout and "clean/library.json" not in proc.stdout
    assert (dup_corpus / "clean" / DUPLICATES_INDEX).is_file()
    assert "1 duplicate" not in proc.stderr and "2 duplicate" in proc.stderr

    assert cli("validate", "--no-duplicates", cwd=dup_corpus).returncode == 0
    strict = cli("validate", "--format", "json", "--duplicate-threshold", "1", cwd=dup_corpus)
    assert [f["path"] for f in _findings(strict.stdout)] == ["clean/harbour.json"]
    assert cli("validate", "--duplicate-threshold", "1.5", cwd=dup_corpus).returncode == 2


def test_config_sets_threshold_and_switch(dup_corpus: Path, cli) -> None:
    config = dup_corpus / "pyproject.toml"
    config.write_text('[tool.cleaner]\nlanguages = ["en"]\nduplicates = false\n', encoding="utf-8")
    assert cli("validate", cwd=dup_corpus).returncode == 0
    config.write_text('[tool.cleaner]\nlanguages = ["en"]\nduplicate_threshold = 1.0\n', encoding="utf-8")
    assert [f["path"] for f in _findings(cli("validate", "--format", "json", cwd=dup_corpus).stdout)] == ["clean/harbour.json"]
    config.write_text('[tool.cleaner]\nlanguages = ["en"]\nduplicate_threshold = "high"\n', encoding="utf-8")
    proc = cli("validate", cwd=dup_corpus)
    assert proc.returncode == 2 and "duplicate_threshold must be a number" in proc.stderr


def test_check_compares_the_records_given(dup_corpus: Path, cli) -> None:
    proc = cli("check", "clean/harbour.json", "clean/harbour-copy.json", "clean/orchard.json", "--format", "json", cwd=dup_corpus)
    assert proc.returncode == 1
    assert [f["path"] for f in _findings(proc.stdout)] == ["clean/harbour.json"]
    assert cli("check", "clean/harbour.json", "clean/orchard.json", cwd=dup_corpus).returncode == 0
    assert cli("check", "clean", "--no-duplicates", cwd=dup_corpus).returncode == 0
    assert not (dup_corpus / "clean" / DUPLICATES_INDEX).exists()  # check keeps nothing


def test_validate_hook_finds_duplicates(dup_corpus: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(dup_corpus)
    assert validate_corpus.main(["--jobs", "1"]) == 1
    out = capsys.readouterr().out
    assert "clean/harbour.json:1:1: COR013 exact duplicate of clean/harbour-copy.json" in out
    assert "clean/harbour-updated.json:1:1: COR013 near-duplicate" in out
    assert validate_corpus.main(["--jobs", "1", "--no-duplicates"]) == 0
    assert validate_corpus.main(["--jobs", "1", "--duplicate-threshold", "1"]) == 1
    assert "harbour-updated" not in capsys.readouterr().out
