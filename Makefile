# Quick start: `make run` cleans raw/ into clean/; `make test` runs the test suite.
# Both create .venv and install what they need on first use.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
RUN_STAMP  := $(VENV)/.stamp-run
TEST_STAMP := $(VENV)/.stamp-test

.PHONY: run test venv test-venv clean-venv eval-ocr

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(RUN_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@ $(RUN_STAMP)

venv: $(RUN_STAMP)
test-venv: $(TEST_STAMP)

## run: clean the bundled corpus (raw/ -> clean/)
run: $(RUN_STAMP)
	$(BIN)/cleaner run

## test: run the test suite
test: $(TEST_STAMP)
	$(BIN)/python -m pytest

## eval-ocr: the OCR / web results table of the README (needs ../shared/eval; a minute or two)
eval-ocr: $(RUN_STAMP)
	$(BIN)/python eval/ocr_results.py

clean-venv:
	rm -rf $(VENV)
