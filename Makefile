# Quick start: `make run` cleans raw/ into clean/; `make test` runs the test suite.
# Both create .venv and install what they need on first use.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
RUN_STAMP  := $(VENV)/.stamp-run
TEST_STAMP := $(VENV)/.stamp-test

.PHONY: run test test-equivalence venv test-venv clean-venv bench bench-hooks bench-validate bench-adversarial eval-aeb eval-ocr eval-formats eval-duplicates eval-sites bench-learn validate fuzz

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(RUN_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	touch $@

# The test extras include Ray (about 10 s and 280 MB to install) so the Ray backend is tested.
$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,ray]'
	touch $@ $(RUN_STAMP)

venv: $(RUN_STAMP)
test-venv: $(TEST_STAMP)

## run: clean the bundled corpus (raw/ -> clean/); --force recomputes every record, so a
## fresh clone really reproduces clean/ rather than trusting the committed records
run: $(RUN_STAMP)
	$(BIN)/cleaner run --force

## test: run the test suite
test: $(TEST_STAMP)
	$(BIN)/python -m pytest

## test-equivalence: the real pipeline against the reference pipeline on all of aeb-dev and
## ocr-dev and 2,000 generated texts (tests/test_reference_equivalence.py; ten minutes or so)
test-equivalence: $(TEST_STAMP)
	CLEANER_EQUIVALENCE=all CLEANER_EQUIVALENCE_EXAMPLES=2000 $(BIN)/python -m pytest tests/test_reference_equivalence.py -q

## eval-ocr: the OCR / web results table of the README (needs ../shared/eval; a minute or two)
eval-ocr: $(RUN_STAMP)
	$(BIN)/python eval/ocr_results.py

## eval-formats: the layout matrix of README.md -- aeb-dev re-laid as wrapped, Markdown, CRLF, ... (needs ../shared/eval; a few minutes)
eval-formats: $(RUN_STAMP)
	$(BIN)/python eval/formats.py

## eval-sites: cleaner learn + run on sites of many articles built from aeb-dev (the table of README.md, "cleaner learn"; a few minutes)
eval-sites: $(RUN_STAMP)
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python eval/sites.py --articles 3,10,20

## bench-learn: what `cleaner learn` costs on 2,000 and 20,000 generated articles
bench-learn: $(RUN_STAMP)
	$(BIN)/python bench/learn_corpus.py

## validate: check clean/ against raw/, the schema and the current cleaner (what CI runs)
validate: $(RUN_STAMP)
	$(BIN)/cleaner validate

## bench-hooks: wall time of each pre-commit hook on one and two files
bench-hooks: $(RUN_STAMP)
	$(BIN)/python bench/hook_startup.py

## bench-validate: `cleaner validate` on a generated 20,000-record corpus (aeb-dev texts)
bench-validate: $(RUN_STAMP)
	$(BIN)/python bench/validate_corpus.py

FUZZ_SECONDS ?= 600

## fuzz: fuzz decode-and-clean on arbitrary bytes for FUZZ_SECONDS (atheris, or hypothesis if atheris does not install)
fuzz: $(TEST_STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[fuzz]' || echo "atheris did not install: fuzzing with hypothesis instead"
	$(BIN)/python fuzz/fuzz_decode_clean.py --seconds $(FUZZ_SECONDS)

## bench-adversarial: every rule and the change log on adversarial lines, time ratio 4n : n (linear ~4)
bench-adversarial: $(RUN_STAMP)
	$(BIN)/python bench/adversarial.py

## eval-duplicates: near-duplicate search (COR013) against brute-force Jaccard on all of aeb-dev (the README table; a minute or two)
eval-duplicates: $(RUN_STAMP)
	$(BIN)/python eval/duplicates.py

## eval-aeb: cleaning quality on ../shared/eval/aeb-dev, per extractor (writes bench/results/aeb-dev.md)
eval-aeb: $(RUN_STAMP)
	$(BIN)/python bench/aeb_quality.py

## bench: throughput ratios on 2,000 and 20,000 documents (bench/run.py; about 5 minutes)
bench: $(TEST_STAMP)
	$(BIN)/python bench/run.py

clean-venv:
	rm -rf $(VENV)
