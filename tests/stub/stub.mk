# Build rules of the stub libdrmaa2 (included by the top-level Makefile).
#   tests/stub/*.c            the library        -> build/libdrmaa2.so
#   tests/stub/check/*.c      C test programs    -> run by `make stub-check` under valgrind
#   tests/stub/bench/*.c      C benchmarks       -> run by `make stub-bench`
#   tests/stub/mk/*.mk        further rules (e.g. helper programs the library starts)
# A vendor's variant (tools/vendors.py, from tests/variants.py) builds the same sources
# elsewhere: STUB_LIB=build/vendors/<variant>/libdrmaa2.so STUB_VARIANT_CFLAGS=-D...;
# its check programs go beside it.
STUB_DIR     := tests/stub
STUB_SOURCES := $(wildcard $(STUB_DIR)/*.c)
STUB_HEADERS := $(wildcard $(STUB_DIR)/*.h)
STUB_VARIANT_CFLAGS ?=
STUB_CFLAGS  := -std=c99 -D_GNU_SOURCE -Wall -Wextra -Werror -fPIC -O2 -g $(STUB_VARIANT_CFLAGS)
STUB_LIB_DIR := $(patsubst %/,%,$(dir $(STUB_LIB)))
STUB_LDLIBS  := -lsqlite3 -lpthread -lm
STUB_CHECKS  := $(patsubst $(STUB_DIR)/check/%.c,$(STUB_LIB_DIR)/stub-check/%,$(wildcard $(STUB_DIR)/check/*.c))
STUB_BENCHES := $(patsubst $(STUB_DIR)/bench/%.c,$(STUB_LIB_DIR)/stub-bench/%,$(wildcard $(STUB_DIR)/bench/*.c))
VALGRIND     := valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect \
                --error-exitcode=1 --child-silent-after-fork=yes

.PHONY: stub stub-check stub-c-checks stub-bench

stub: $(STUB_LIB)

# The variant's flags are part of what the library is built from.
$(STUB_LIB_DIR)/.cflags: FORCE
	@mkdir -p $(dir $@)
	@echo '$(STUB_CFLAGS)' | cmp -s - $@ || echo '$(STUB_CFLAGS)' > $@

.PHONY: FORCE
FORCE:

$(STUB_LIB): $(STUB_SOURCES) $(STUB_HEADERS) $(STUB_DIR)/stub.mk $(STUB_LIB_DIR)/.cflags
	@mkdir -p $(dir $@)
	$(CC) $(STUB_CFLAGS) -shared -o $@ $(STUB_SOURCES) $(STUB_LDLIBS)

STUB_PROGRAM_BUILD = @mkdir -p $(dir $@) && \
    $(CC) $(filter-out -fPIC,$(STUB_CFLAGS)) -I$(STUB_DIR) -o $@ $< \
    -L$(STUB_LIB_DIR) -Wl,-rpath,'$$ORIGIN/..' -ldrmaa2 -lpthread

$(STUB_LIB_DIR)/stub-check/%: $(STUB_DIR)/check/%.c $(STUB_LIB) $(wildcard $(STUB_DIR)/check/*.h)
	$(STUB_PROGRAM_BUILD)

$(STUB_LIB_DIR)/stub-bench/%: $(STUB_DIR)/bench/%.c $(STUB_LIB)
	$(STUB_PROGRAM_BUILD)

# stub-check: the C checks of this build and what tests/stub/mk/*.mk add to them (run
# once); a vendor's build (tools/vendors.py) runs its C checks alone.
stub-check: stub-c-checks

# Each check program runs under valgrind in a state directory of its own.
stub-c-checks: stub $(STUB_CHECKS)
	@command -v valgrind >/dev/null || { echo "stub-check needs valgrind (apt-get install valgrind)" >&2; exit 1; }
	@set -e; for check in $(STUB_CHECKS); do \
	    state=$$(mktemp -d); \
	    echo "stub-check: $$check"; \
	    DRMAA2_STUB_STATE_DIR=$$state/state $(VALGRIND) $$check || { rm -rf $$state; exit 1; }; \
	    rm -rf $$state; \
	done

stub-bench: stub $(STUB_BENCHES)
	@set -e; for bench in $(STUB_BENCHES); do \
	    state=$$(mktemp -d); \
	    DRMAA2_STUB_STATE_DIR=$$state/state $$bench; \
	    rm -rf $$state; \
	done

-include $(wildcard $(STUB_DIR)/mk/*.mk)
