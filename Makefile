# One virtual environment for everything; it is rebuilt when pyproject.toml changes or another
# Python is asked for (PYTHON=python3.13 make test).
PYTHON ?= python3
PYTHON_VERSION := $(shell $(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)
VENV := .venv
BIN := $(VENV)/bin
# The Pythons dlgrade supports: grader.GRADER_PYTHONS, read before anything is installed (it imports nothing).
SUPPORTED_PYTHONS := $(shell $(PYTHON) -c 'import grader; print(*grader.GRADER_PYTHONS)' 2>/dev/null)
# NUMPY=1.26 pins NumPy's release (test-all tries the oldest one pyproject.toml accepts).
STAMP := $(VENV)/.installed-python$(PYTHON_VERSION)$(if $(NUMPY),-numpy$(NUMPY))

.PHONY: demo test check bench clean sandbox test-all check-others kit-on-3.10

# The interpreter of Python $(1) installed here: python$(1) on the PATH, or one pyenv installed
# (its shims are on the PATH but refuse a version that is not selected). Empty if none runs.
find_python = $(firstword $(foreach p,python$(1) $(wildcard $(or $(PYENV_ROOT),$(HOME)/.pyenv)/versions/$(1).*/bin/python$(1)),\
  $(shell $(p) -c 'import sys; print(sys.executable)' 2>/dev/null)))
# The versions of the other Pythons the grader supports that are found here; and the
# interpreter of the one the student kit also runs on.
OTHER_VERSIONS := $(foreach v,$(filter-out $(PYTHON_VERSION),$(SUPPORTED_PYTHONS)),$(if $(call find_python,$(v)),$(v)))
KIT_PYTHON := $(call find_python,3.10)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys, grader; sys.exit("%d.%d" % sys.version_info[:2] not in grader.GRADER_PYTHONS and \
	  f"dlgrade needs Python {grader.GRADER_PYTHONS[0]} to {grader.GRADER_PYTHONS[-1]}, and $(PYTHON) is {sys.version.split()[0]} (set PYTHON=...)")'
	$(PYTHON) -m venv --clear $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]' $(if $(NUMPY),'numpy==$(NUMPY).*')
	touch $(STAMP)

# Student code runs in a bubblewrap sandbox where the machine has one. Install it where we can
# (Debian or Ubuntu, as root); elsewhere grading still works, with process isolation only.
sandbox:
	@command -v bwrap >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
	  { DEBIAN_FRONTEND=noninteractive apt-get install -y -q bubblewrap >/dev/null 2>&1 || \
	    { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q bubblewrap >/dev/null; }; }; } || \
	  echo "note: bubblewrap (bwrap) is not installed: student code will run with process isolation only"

# Grades the bundled example and runs the course's experiments with it (it has planted mistakes,
# so `grade` exits 1: that is expected).
demo: $(STAMP) sandbox
	@$(BIN)/grade submit examples/demo_submission --experiments --html demo-report.html --json demo-report.json; \
	  status=$$?; [ $$status -le 1 ] || exit $$status
	@echo "Demo report: $(CURDIR)/demo-report.html (JSON: $(CURDIR)/demo-report.json)"

test: $(STAMP) sandbox
	$(BIN)/pytest -n 2 -q -rs

# The quick loop while coding: the fast tests of every area, one corpus snippet of each kind
# (tests marked slow are left out). `make test` runs everything before a commit.
check: $(STAMP)
	$(BIN)/pytest -n 2 -q -m "not slow"

# Each supported Python installed here in its own environment (.venv-3.12, ...): the whole
# suite on each, on this one with the oldest NumPy too, then the installed student kit on
# Python 3.10 (`test-all`). Within CI's time, `.ci/run` runs `make test`, then the fast tests
# on the other Pythons and the kit on 3.10 (`check-others`).
OLDEST_NUMPY := 1.26

test-all: test
	@$(foreach v,$(OTHER_VERSIONS),$(MAKE) --no-print-directory test PYTHON=$(call find_python,$(v)) VENV=$(VENV)-$(v) &&) true
	@$(MAKE) --no-print-directory test VENV=$(VENV)-numpy$(OLDEST_NUMPY) NUMPY=$(OLDEST_NUMPY)
	@$(MAKE) --no-print-directory kit-on-3.10

check-others:
	@$(foreach v,$(OTHER_VERSIONS),$(MAKE) --no-print-directory check PYTHON=$(call find_python,$(v)) VENV=$(VENV)-$(v) &&) true
	@$(MAKE) --no-print-directory kit-on-3.10

# The kit's wheel installed by pip on Python 3.10, with its dependencies from the package index,
# as a student installs it; its tests, run from this environment, compare it with the full grader.
kit-on-3.10: $(STAMP)
	@if [ -n "$(KIT_PYTHON)" ]; then DLGRADE_KIT_PYTHON=$(KIT_PYTHON) $(BIN)/pytest -n 2 -q tests/kit/test_wheel.py; \
	  else echo "kit-on-3.10: no Python 3.10 here: the student kit's tests on 3.10 were not run"; fi

bench: $(STAMP)
	$(BIN)/python bench/submit.py
	$(BIN)/python bench/batch.py
	$(BIN)/python bench/experiments.py
	$(BIN)/python bench/kernel_check.py

clean:
	rm -rf $(VENV) $(VENV)-* build dist *.egg-info demo-report.html demo-report.json grade-report.html
