"""Fuzz target: the decode-and-clean path on arbitrary bytes (``make fuzz``).

Every input must either be rejected with a documented reject code (never REJ099, an internal
error) or become a record that validates, is canonical, replays exactly and accounts for every
word: the checks of ``tests/invariants.py``. Any other exception, or a broken check, is a crash.

    python fuzz/fuzz_decode_clean.py [--seconds N] [--engine atheris|hypothesis] [atheris/libFuzzer flags]

With atheris (coverage-guided, libFuzzer) the run starts from ``fuzz/seeds/`` and keeps what it
finds in ``fuzz/.corpus/`` (ignored by git); a crashing input is written as ``crash-*`` in the
current folder, to be replayed with ``python fuzz/fuzz_decode_clean.py crash-...``. Without
atheris (it has no wheel for every Python and platform) the same checks run as a long hypothesis
search over generated raw files.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def _pipeline():
    from cleaner.config import Config
    from cleaner.engine.pipeline import Pipeline

    return Pipeline.for_config(Config(languages=None))


def run_atheris(seconds: int, extra: list[str]) -> int:
    import atheris

    with atheris.instrument_imports(include=["cleaner", "tests"]):
        from tests.invariants import check_raw_bytes

    pipeline = _pipeline()

    def test_one_input(data: bytes) -> None:
        check_raw_bytes(data, pipeline)

    corpus = HERE / ".corpus"
    corpus.mkdir(exist_ok=True)
    for seed in (HERE / "seeds").iterdir():
        if not (corpus / seed.name).exists():
            shutil.copyfile(seed, corpus / seed.name)
    replaying = any(not a.startswith("-") for a in extra)
    argv = [sys.argv[0], *extra]
    if not replaying:
        argv += [f"-max_total_time={seconds}", "-max_len=65536", "-rss_limit_mb=4096", str(corpus)]
    atheris.Setup(argv, test_one_input)
    atheris.Fuzz()
    return 0


def run_hypothesis(seconds: int) -> int:
    from hypothesis import HealthCheck, given, settings

    from tests.invariants import check_raw_bytes
    from tests.test_bad_input_properties import raw_files

    pipeline = _pipeline()
    deadline = time.monotonic() + seconds
    rounds = 0
    while time.monotonic() < deadline:
        # One search per round with a fresh random seed; each round stops after its examples.
        @settings(max_examples=2000, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        @given(raw_files())
        def search(data: bytes) -> None:
            check_raw_bytes(data, pipeline)

        search()
        rounds += 1
        print(f"hypothesis round {rounds}: 2000 inputs, no failure", flush=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=300, help="how long to fuzz (default 300)")
    parser.add_argument("--engine", choices=("atheris", "hypothesis"), help="default: atheris if it is installed")
    args, extra = parser.parse_known_args(argv)
    engine = args.engine
    if engine is None:
        try:
            import atheris  # noqa: F401

            engine = "atheris"
        except ImportError:
            print("atheris is not installed: running the long hypothesis search instead", flush=True)
            engine = "hypothesis"
    if engine == "atheris":
        return run_atheris(args.seconds, extra)
    return run_hypothesis(args.seconds)


if __name__ == "__main__":
    raise SystemExit(main())
