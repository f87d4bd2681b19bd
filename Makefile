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
# What a notebook's stamp records besides the corpus, the code and the notebook (make figures
# skips a notebook whose stamp matches: nothing it depends on changed).
STAMP_PARAMETERS := CORPUS=$(CORPUS);$(foreach p,$(TEXT_PARAMETERS) $(NUMBER_PARAMETERS),$(if $(value $(p)),$(p)=$(value $(p));,))
# Notebooks executed at the same time (after the one shared annotation pass): one per core.
JOBS ?= $(shell nproc 2>/dev/null || echo 1)
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

figures: setup ## Run the notebooks (CORPUS=path writes figures/<name>/; TEXT_COLUMN=, GROUP_BY=, TOP_N=..., JOBS=n); skips those up to date
	@plan="$$($(BIN)/python -m analysis check-corpus '$(CORPUS)' --prepare \
	    $(if $(TEXT_COLUMN),--text-column '$(TEXT_COLUMN)',) $(if $(GROUP_BY),--group-by '$(GROUP_BY)',) \
	    $(if $(SEED_IN_PLACE),,--executed notebooks) --parameters '$(STAMP_PARAMETERS)' --notebooks $(NOTEBOOKS))" || exit 1; \
	out="$$(printf '%s\n' "$$plan" | head -n 1)"; logs="$$(mktemp -d)"; \
	$(if $(SEED_IN_PLACE),,mkdir -p "$$out/notebooks";) \
	run() { SECONDS=0; \
	  if [ -n '$(SEED_IN_PLACE)' ]; then \
	    $(BIN)/jupyter nbconvert --to notebook --execute --inplace --log-level=ERROR \
	      --ExecutePreprocessor.record_timing=False --ExecutePreprocessor.timeout=1800 "$$1" >"$$4" 2>&1; \
	  else \
	    $(BIN)/papermill --no-progress-bar --log-level ERROR --cwd notebooks -r CORPUS '$(CORPUS)' -r OUTPUT "$$out" \
	      $(PAPERMILL_PARAMETERS) "$$1" "$$out/notebooks/$$(basename "$$1")" >"$$4" 2>&1; \
	  fi; status=$$?; grep -v "$(KERNEL_NOISE)" "$$4"; \
	  if [ $$status -eq 0 ]; then mkdir -p "$$(dirname "$$2")" && printf '%s\n' "$$3" > "$$2"; \
	    echo "$$1 ... done in $${SECONDS} s"; else echo "$$1 ... failed"; touch "$$4.failed"; fi; }; \
	while IFS="$$(printf '\t')" read -r state nb stamp key; do \
	  if [ "$$state" = current ]; then echo "$$nb is up to date"; continue; fi; \
	  while [ "$$(jobs -rp | wc -l)" -ge $(JOBS) ]; do wait -n; done; \
	  rm -f "$$stamp"; run "$$nb" "$$stamp" "$$key" "$$logs/$$(basename "$$nb").log" & \
	done < <(printf '%s\n' "$$plan" | tail -n +2); \
	wait; failed="$$(ls "$$logs" | grep -c '\.failed$$')"; rm -rf "$$logs"; \
	[ "$$failed" -eq 0 ] || exit 1; \
	$(if $(SEED_IN_PLACE),,echo "tables and figures for $(CORPUS) are in $$out/ (executed notebooks in $$out/notebooks/)")

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

eval: setup ## Score entities, attribution, keywords and cleaning on every dev set in ../shared/eval
	$(BIN)/python -m analysis evaluate entities --data ../shared/eval/CoNLL-2003/eng.testa
	$(BIN)/python -m analysis evaluate attribution --data ../shared/eval/PolNeAR/data --split dev
	$(BIN)/python -m analysis evaluate keywords --data ../shared/eval/500N-KPCrowd/train
	$(BIN)/python -m analysis evaluate keywords --data ../shared/eval/DUC-2001
	$(BIN)/python -m analysis evaluate cleaning --data ../shared/eval/modern-news
	$(BIN)/python -m analysis evaluate modern-news --data ../shared/eval/modern-news

bench: setup ## Time every stage on the NLTK Reuters corpus (SAMPLE=n, WORKERS=n, PARTITION=n, REPEAT=n)
	$(BIN)/python -m analysis bench $(if $(SAMPLE),--sample $(SAMPLE),) $(if $(WORKERS),--workers $(WORKERS),) $(if $(PARTITION),--partition $(PARTITION),) $(if $(REPEAT),--repeat $(REPEAT),)

bench-memory: setup ## Peak memory of corpus runs over corpus and partition sizes (SAMPLE=n, WORKERS=n)
	$(BIN)/python -m analysis bench --memory-sweep $(if $(SAMPLE),--sample $(SAMPLE),) $(if $(WORKERS),--workers $(WORKERS),)

lock: | $(BIN)/python ## Re-pin constraints.txt from the current environment (then commit it)
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^news-analysis' > constraints.txt

clean-venv: ## Remove the virtual environment
	rm -rf $(VENV)
