# doorstroom: `make run` for the main job, `make test` for the tests.
# Both create .venv on first use with the newest Python 3.11+ they find (or PY=...).
# `make dashboard-assets` fetches the dashboard's page assets with npm (its first start
# does that too); `make test` does it for the browser tests, `make run` never.

PY ?= $(shell for p in python3 python3.13 python3.12 python3.11; do \
        command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
        && { echo $$p; break; }; done)
VENV ?= .venv
BIN := $(VENV)/bin
INSTALL_FLAGS ?= -q

.PHONY: run test test-model dashboard-assets docs benchmark baseline clean

$(BIN)/.installed: pyproject.toml
	@test -n "$(PY)" || { echo "doorstroom needs Python 3.11 or newer (set PY=/path/to/python3.11)"; exit 1; }
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install $(INSTALL_FLAGS) --upgrade pip
	$(BIN)/python -m pip install $(INSTALL_FLAGS) -e ".[dev]"
	@touch $@

run: $(BIN)/.installed
	$(BIN)/doorstroom compare baseline

# The tests of the model on TEST_PROCESSES processes at once (pytest-xdist), then the slow
# ones (processes, signals, files, the browser, notebook kernels) one at a time: they time
# the machine. `make test-model` runs only the first. The browser tests need the page
# assets: fetched here, or (without npm) from the internet.
TEST_PROCESSES ?= 2

test: test-model
	$(BIN)/python -m pytest -m slow $(PYTEST_ARGS)

test-model: $(BIN)/.installed
	-@$(MAKE) --no-print-directory dashboard-assets
	$(BIN)/python -m pytest -m "not slow" -n $(TEST_PROCESSES) $(PYTEST_ARGS)

dashboard-assets: $(BIN)/.installed
	$(BIN)/doorstroom dashboard --fetch-assets

docs: $(BIN)/.installed
	$(BIN)/doorstroom params --format markdown > docs/parameters.md

benchmark: $(BIN)/.installed
	$(BIN)/python benchmarks/run_benchmarks.py

baseline: $(BIN)/.installed
	@test -n "$(REASON)" || { echo 'usage: make baseline REASON="why the model changed"'; exit 2; }
	$(BIN)/python scripts/update_baseline.py --reason "$(REASON)"

clean:
	rm -rf $(VENV) .pytest_cache build dist *.egg-info
