# synthlab: the two commands a newcomer needs are `make lab` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PORT ?= 8888
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt

# Kernels started from here (JupyterLab, nbval, Voila) get the same hash seed,
# so nothing a learner sees depends on the order of a set.
export PYTHONHASHSEED := 0

.PHONY: lab test app install install-test benchmarks clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/python pyproject.toml constraints.txt
	$(PIP) -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PIP) -e '.[test]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

lab: install
	$(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.port=$(PORT) \
		--ServerApp.port_retries=0 notebooks/00_start_here.ipynb

test: install-test
	$(BIN)/python -m pytest

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
