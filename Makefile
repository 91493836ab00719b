# Quick start: `make run` cleans raw/ into clean/; `make test` runs the test suite.
# Both create .venv and install what they need on first use.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
RUN_STAMP  := $(VENV)/.stamp-run
TEST_STAMP := $(VENV)/.stamp-test

.PHONY: run test bench venv test-venv clean-venv

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

## bench: throughput ratios on 2,000 and 20,000 documents (bench/run.py; about 5 minutes)
bench: $(TEST_STAMP)
	$(BIN)/python bench/run.py

clean-venv:
	rm -rf $(VENV)
