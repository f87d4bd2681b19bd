# The workspace's commands. `make help` lists them; `make figures` and `make test` set everything up.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
CORPUS ?= seeds
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]_*.ipynb))
NBVAL := --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
CORPUS_NAME := $(notdir $(basename $(patsubst %/,%,$(CORPUS))))

.DEFAULT_GOAL := help
.PHONY: help setup nltk-data figures test test-fast lint unit-test notebook-test lab eval bench bench-memory lock clean-venv

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-14s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

setup: $(VENV)/.installed nltk-data ## Create .venv, install the project (editable, pinned), check NLTK data

nltk-data: | $(VENV)/.installed ## Check NLTK data (honours NLTK_DATA; downloads what is missing when online)
	$(BIN)/python -m analysis setup

figures: setup ## Run the notebooks in order; CORPUS=path writes figures/<name>/ instead of the seed figures
ifeq ($(CORPUS),seeds)
	@for nb in $(NOTEBOOKS); do echo "executing $$nb"; \
	  $(BIN)/jupyter nbconvert --to notebook --execute --inplace \
	    --ExecutePreprocessor.record_timing=False --ExecutePreprocessor.timeout=1800 $$nb || exit 1; done
else
	@mkdir -p figures/$(CORPUS_NAME)/notebooks
	@for nb in $(NOTEBOOKS); do echo "executing $$nb on $(CORPUS)"; \
	  $(BIN)/papermill --cwd notebooks -p CORPUS "$(abspath $(CORPUS))" $$nb \
	    figures/$(CORPUS_NAME)/notebooks/$$(basename $$nb) || exit 1; done
	@echo "tables and figures for $(CORPUS) are in figures/$(CORPUS_NAME)/"
endif

test: setup lint unit-test notebook-test ## Lint, unit and property tests, then nbval over every notebook

test-fast: | $(VENV)/.installed ## Unit tests without the slow ones (no JupyterLab, Dask clusters or notebooks)
	$(BIN)/pytest tests -m "not slow" -q

lint: | $(VENV)/.installed ## ruff check with the rule set in pyproject.toml
	$(BIN)/ruff check analysis tests

unit-test: | $(VENV)/.installed
	$(BIN)/pytest tests

notebook-test: | $(VENV)/.installed
	$(BIN)/pytest $(NBVAL) notebooks/

lab: setup ## Open JupyterLab on the notebooks folder
	$(BIN)/jupyter lab --notebook-dir=notebooks $(ROOT_FLAG)

eval: setup ## Score entities, attribution and keywords on ../shared/eval (dev splits)
	$(BIN)/python -m analysis evaluate entities --data ../shared/eval/CoNLL-2003/eng.testa
	$(BIN)/python -m analysis evaluate attribution --data ../shared/eval/PolNeAR/data --split dev
	$(BIN)/python -m analysis evaluate keywords --data ../shared/eval/500N-KPCrowd/train

bench: setup ## Time every stage on the NLTK Reuters corpus (SAMPLE=n, WORKERS=n, PARTITION=n, REPEAT=n)
	$(BIN)/python -m analysis bench $(if $(SAMPLE),--sample $(SAMPLE),) $(if $(WORKERS),--workers $(WORKERS),) $(if $(PARTITION),--partition $(PARTITION),) $(if $(REPEAT),--repeat $(REPEAT),)

bench-memory: setup ## Peak memory of corpus runs over corpus and partition sizes (SAMPLE=n, WORKERS=n)
	$(BIN)/python -m analysis bench --memory-sweep $(if $(SAMPLE),--sample $(SAMPLE),) $(if $(WORKERS),--workers $(WORKERS),)

lock: | $(BIN)/python ## Re-pin constraints.txt from the current environment (then commit it)
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^news-analysis' > constraints.txt

clean-venv: ## Remove the virtual environment
	rm -rf $(VENV)
