# The workspace's commands. `make help` lists them; `make figures` and `make test` set everything up.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
CORPUS ?= seeds
# Notebook parameters, passed through papermill when set (make figures CORPUS=x TEXT_COLUMN=y GROUP_BY=outlet):
# TEXT_COLUMN (a table's text column), GROUP_BY (a column, "folder", or day/week/month/quarter/year),
# MAX_GROUPS, TOP_N, PER_GROUP, PERIOD, MIN_FREQ, KEYWORD, REFERENCE. Paths may contain spaces.
TEXT_PARAMETERS := TEXT_COLUMN GROUP_BY PERIOD KEYWORD REFERENCE
NUMBER_PARAMETERS := MAX_GROUPS TOP_N PER_GROUP MIN_FREQ
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]_*.ipynb))
NBVAL := --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
# -r NAME 'text' / -p NAME number for each notebook parameter given (single quotes: spaces kept)
PAPERMILL_PARAMETERS := $(foreach p,$(TEXT_PARAMETERS),$(if $(value $(p)),-r $(p) '$(value $(p))',)) \
                        $(foreach p,$(NUMBER_PARAMETERS),$(if $(value $(p)),-p $(p) '$(value $(p))',))
# Kernel start-up lines that say nothing about the run (filtered from the terminal)
KERNEL_NOISE := Kernel is running over TCP without encryption\|KeyboardInterrupt caught in kernel
# The seed corpus with default parameters re-executes the committed notebooks in place.
SEED_IN_PLACE := $(if $(subst seeds,,$(strip $(CORPUS))),,$(if $(strip $(PAPERMILL_PARAMETERS)),,yes))

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

figures: setup ## Run the notebooks in order (CORPUS=path writes figures/<name>/; TEXT_COLUMN=, GROUP_BY=, TOP_N=...)
	@out="$$($(BIN)/python -m analysis check-corpus '$(CORPUS)' --prepare \
	    $(if $(TEXT_COLUMN),--text-column '$(TEXT_COLUMN)',) $(if $(GROUP_BY),--group-by '$(GROUP_BY)',))" || exit 1; \
	if [ -n '$(SEED_IN_PLACE)' ]; then \
	  for nb in $(NOTEBOOKS); do SECONDS=0; printf '%s ... ' "$$nb"; \
	    $(BIN)/jupyter nbconvert --to notebook --execute --inplace --log-level=ERROR \
	      --ExecutePreprocessor.record_timing=False --ExecutePreprocessor.timeout=1800 $$nb 2>&1 | grep -v "$(KERNEL_NOISE)"; \
	    [ $${PIPESTATUS[0]} -eq 0 ] || exit 1; \
	    echo "done in $${SECONDS} s"; done; \
	else \
	  mkdir -p "$$out/notebooks"; \
	  for nb in $(NOTEBOOKS); do SECONDS=0; printf '%s ... ' "$$nb"; \
	    $(BIN)/papermill --no-progress-bar --log-level ERROR --cwd notebooks -r CORPUS '$(CORPUS)' -r OUTPUT "$$out" \
	      $(PAPERMILL_PARAMETERS) $$nb "$$out/notebooks/$$(basename $$nb)" 2>&1 | grep -v "$(KERNEL_NOISE)"; \
	    [ $${PIPESTATUS[0]} -eq 0 ] || exit 1; \
	    echo "done in $${SECONDS} s"; done; \
	  echo "tables and figures for $(CORPUS) are in $$out/ (executed notebooks in $$out/notebooks/)"; \
	fi

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
