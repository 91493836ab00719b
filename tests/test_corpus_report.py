"""``cleaner report --html``: one self-contained page of charts, written through the real
console script and opened in a real headless browser (Debian's ``chromium``): it loads with no
JavaScript error and no network, every chart is drawn, and a screenshot is kept in
``test-artifacts/`` (ignored by git) for a person to look at."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO
from .test_duplicates import HARBOUR, LIBRARY, ORCHARD, _near

ARTIFACTS = REPO / "test-artifacts"
CHARTS = 7
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def report_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two sources (``raw/coast``, ``raw/valley``) with chrome to remove, a near-duplicate and a
    reject, cleaned by ``cleaner run``."""
    from .conftest import cleaner_executable

    corpus = tmp_path_factory.mktemp("report")
    (corpus / "pyproject.toml").write_text('[tool.cleaner]\nlanguages = ["en"]\n', encoding="utf-8")
    chrome = "Skip to main content\n\nShare this article\n\n"
    for source, name, text in [("coast", "harbour", HARBOUR), ("coast", "harbour-again", _near(HARBOUR)),
                               ("valley", "orchard", ORCHARD), ("valley", "library", LIBRARY)]:
        (corpus / "raw" / source).mkdir(parents=True, exist_ok=True)
        (corpus / "raw" / source / f"{name}.txt").write_text(chrome + text + "\nAdvertisement\n", encoding="utf-8")
    (corpus / "raw" / "valley" / "empty.txt").write_bytes(b"")
    proc = subprocess.run([cleaner_executable(), "run", "-q"], cwd=corpus, capture_output=True, text=True)
    assert proc.returncode == 1 and "REJ001" in proc.stderr, proc.stderr  # the empty file is rejected
    return corpus


@pytest.fixture(scope="module")
def page(report_corpus: Path) -> Path:
    from .conftest import cleaner_executable

    out = report_corpus / "report.html"
    proc = subprocess.run([cleaner_executable(), "report", "--html", str(out)], cwd=report_corpus, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert f"{CHARTS} charts, 4 record(s), 1 duplicate cluster(s)" in proc.stderr
    return out


def test_page_is_self_contained_with_commands(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]+src=", text) and "cdn.plot.ly" not in text.split("</script>", 1)[1]
    assert len(re.findall(r'<div id="chart-\d+"', text)) == CHARTS
    assert "cleaner explain clean/harbour-again.json" in text or "cleaner explain clean/harbour.json" in text
    assert "cleaner rules REJ001" in text  # the rejects table
    assert "4 record(s) from 2 source(s), 1 reject(s), 1 duplicate cluster(s), 4 record(s) written by the last run" in text


def test_missing_extra_is_a_clear_usage_error(report_corpus: Path) -> None:
    """Without plotly: exit 2 and a message naming the extra (plotly made unimportable)."""
    code = ("import sys; sys.modules['plotly'] = None; sys.modules['plotly.graph_objects'] = None\n"
            "from cleaner.cli import main; raise SystemExit(main(['report', '--html', 'x.html']))")
    proc = subprocess.run([sys.executable, "-c", code], cwd=report_corpus, capture_output=True, text=True)
    assert proc.returncode == 2
    assert "pip install 'cleaner-news[report]'" in proc.stderr and "Traceback" not in proc.stderr
    assert not (report_corpus / "x.html").exists()


def test_missing_folder_is_a_usage_error(cli, tmp_path: Path) -> None:
    proc = cli("report", str(tmp_path / "nothing"), "--html", str(tmp_path / "r.html"), cwd=tmp_path)
    assert proc.returncode == 2 and "no such folder of records" in proc.stderr


# -- in a real browser ------------------------------------------------------------------------------

BROWSER_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
                 # no network at all: any request for a name fails, so the page must carry everything
                 "--host-resolver-rules=MAP * ~NOTFOUND", "--virtual-time-budget=20000"]


def _chromium(url: str, profile: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([CHROMIUM, *BROWSER_FLAGS, f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", *extra, url],
                          capture_output=True, text=True, timeout=240)


def _script_errors(stderr: str) -> list[str]:
    """Uncaught exceptions and console errors the page raised (Chromium logs them as CONSOLE)."""
    return [line for line in stderr.splitlines() if "CONSOLE" in line and ("Uncaught" in line or ":ERROR:" in line)]


needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium; .ci/run does)")


@needs_chromium
def test_error_detection_sees_a_broken_page(tmp_path: Path) -> None:
    """The check below is not blind: a script error on a page is seen."""
    broken = tmp_path / "broken.html"
    broken.write_text("<html><body><div id='x'></div><script>undefinedFunction();</script></body></html>", encoding="utf-8")
    proc = _chromium(broken.as_uri(), tmp_path / "profile", "--dump-dom")
    assert any("undefinedFunction" in line for line in _script_errors(proc.stderr)), proc.stderr


@needs_chromium
def test_page_renders_every_chart_in_chromium(page: Path, tmp_path: Path) -> None:
    proc = _chromium(page.as_uri(), tmp_path / "profile", "--dump-dom")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert _script_errors(proc.stderr) == []
    dom = proc.stdout
    # plotly replaces each chart's empty div with its drawing: a plot container holding SVG
    drawn = re.findall(r'<div id="chart-(\d+)" class="[^"]*js-plotly-plot[^"]*"', dom)
    assert sorted(map(int, drawn)) == list(range(1, CHARTS + 1)), drawn
    assert dom.count('class="plot-container plotly"') == CHARTS
    assert dom.count('class="main-svg"') >= CHARTS

    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "cleaner-report.png"
    shot.unlink(missing_ok=True)
    proc = _chromium(page.as_uri(), tmp_path / "profile-shot", "--window-size=1200,4200", f"--screenshot={shot}")
    assert proc.returncode == 0 and _script_errors(proc.stderr) == [], proc.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 50_000  # a drawn page, not a blank one
