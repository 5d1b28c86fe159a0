# synthlab: the two commands a newcomer needs are `make lab` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PORT ?= 8888
BIN := $(VENV)/bin
# The kit installs with uv, several times faster than pip here (measured in the
# README). uv does not read pip's configuration, so the local wheel folders pip
# is configured with (if any) are passed on to it.
FIND_LINKS := $(shell $(PYTHON) -m pip config get global.find-links 2>/dev/null)
UV_FLAGS := --quiet -c constraints.txt $(foreach d,$(FIND_LINKS),--find-links $(d))
INSTALL := $(BIN)/uv pip install --python $(BIN)/python $(UV_FLAGS)

# Kernels started from here (JupyterLab, nbval, Voila) get the same hash seed,
# so nothing a learner sees depends on the order of a set.
export PYTHONHASHSEED := 0

.PHONY: lab test app install install-test benchmarks clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(BIN)/uv: $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv

$(VENV)/.installed: $(BIN)/uv pyproject.toml constraints.txt
	$(INSTALL) -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(INSTALL) -e '.[test]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

# JupyterLab refuses to run as root unless told; only then is it told.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--ServerApp.allow_root=True)

lab: install
	$(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.port=$(PORT) \
		--ServerApp.port_retries=0 $(ROOT_FLAG) notebooks/00_start_here.ipynb

# Two workers, one per core; each notebook's cells stay together on one worker.
test: install-test
	$(BIN)/python -m pytest -n 2 --dist loadscope

# Voila reads notebooks/voila.json from its working folder: its
# Content-Security-Policy keeps every request on this machine.
app: install
	cd notebooks && $(abspath $(BIN))/voila --Voila.ip=127.0.0.1 --port=$(PORT) \
		--Voila.port_retries=0 --no-browser \
		--VoilaConfiguration.file_allowlist="['.*\.(png|csv|html)']" \
		14_decision_framework.ipynb

benchmarks: install
	$(BIN)/python benchmarks/import_time.py
	$(BIN)/python benchmarks/methods.py
	$(BIN)/python benchmarks/checks.py

clean:
	rm -rf $(VENV) .pytest_cache test-artifacts
