# drmaa2: every target does its own set-up on a fresh machine.
#   make / make stub   build the stub libdrmaa2.so into build/
#   make test          virtualenv (default python3) + package + stub, then the whole suite
#   make test-all      make test on every Python from 2.7 to 3.13 found on this machine
#   make stub-vendors  the stub as each vendor's library (tests/variants.py) into
#                      build/vendors/<build>/, the C checks under valgrind on each
#   make test-vendors  the conformance suite on each of them, with each quirk: a table
#   make demo          run examples/quickstart.py against the stub library
#   make bench         what the binding costs beside the same work in C (bench/bench.mk)
#   make reliability   bad input, threads, crashes, leaks and security at full size
#   make leakcheck     100,000 template and info conversions, resident memory sampled

PYTHON ?= python3
BUILD  := build
# The virtualenv of one interpreter; test-all passes one per interpreter.
VENV   ?= $(BUILD)/venv/default
VPY    := $(VENV)/bin/python
STUB_LIB := $(abspath $(BUILD)/libdrmaa2.so)

# The tests and examples run against the stub unless the caller points elsewhere.
export DRMAA2_LIBRARY_PATH ?= $(STUB_LIB)

.PHONY: all stub venv test pytest test-all test-sge test-vendors stub-vendors \
        stub-vendor-libraries reliability \
        leakcheck demo clean

all: stub
	@echo "Built $(STUB_LIB). Outside make, point drmaa2 at it with:"
	@echo "  export DRMAA2_LIBRARY_PATH=$(STUB_LIB)"

include tests/stub/stub.mk
include bench/bench.mk

venv: $(VENV)/.installed

$(VENV)/.installed: setup.py pyproject.toml tools/venv.sh $(shell find drmaa2 -name '*.py' -o -name '*.pyi' -o -name py.typed)
	sh tools/venv.sh "$(PYTHON)" "$(VENV)"
	touch $@

test: stub-check pytest

# The Python suite alone, on the interpreter of $(VENV).  Hundreds of its child processes
# import drmaa2 and the test helpers from this tree: compiled once here, they need not
# compile them each time (tests/typing holds Python 3 syntax, for mypy only).  Where
# PYTHONDONTWRITEBYTECODE is set, pytest would also rewrite every test module anew.
pytest: stub stub-vendor-libraries venv
	$(VPY) -m compileall -q -x 'tests/typing' drmaa2 tests >/dev/null
	PYTHONDONTWRITEBYTECODE= $(VPY) -m pytest -q tests

# The C checks do not depend on the interpreter: they run once.  The default venv comes
# first: the type-stub test of Python 2.7 runs the mypy of a Python 3 venv.
test-all: stub-check venv
	sh tools/test-all.sh

# A real single-host Grid Engine cell (needs root and Debian's packages), the API suite
# against it through the DRMAA v1 backend, then the cell shut down.
test-sge: venv
	bash tools/test-sge.sh

stub-vendors:
	$(PYTHON) tools/vendors.py build "$(MAKE)"

# The vendors' builds without their C checks: the suite loads each (test_c_overrides).
stub-vendor-libraries:
	@$(PYTHON) tools/vendors.py libraries "$(MAKE)"

test-vendors: stub-vendors venv
	$(PYTHON) tools/vendors.py test "$(abspath $(VPY))"

reliability: stub venv
	$(VPY) tools/reliability.py

leakcheck: stub venv
	$(VPY) tools/leakcheck.py

demo: stub venv
	$(VPY) examples/quickstart.py

clean:
	rm -rf $(BUILD) dist *.egg-info
