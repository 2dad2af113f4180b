# `make bench` (included by the top-level Makefile): what the Python binding costs beside
# the same work done in C against the same stub library, in the same run.
#   bench/c/*.c   the C programs  -> build/bench/
#   bench/run.py  the driver: runs both sides, prints one table, writes build/bench.json
BENCH_DIR      := bench
BENCH_BUILD    := $(BUILD)/bench
BENCH_PROGRAMS := $(BENCH_BUILD)/drmaa2_bench $(BENCH_BUILD)/drmaa2_load \
                  $(BENCH_BUILD)/bench_exit_stamp
BENCH_CFLAGS   := -std=c99 -D_GNU_SOURCE -Wall -Wextra -Werror -O2 -g
# Extra arguments of bench/run.py, e.g. `make bench BENCH_ARGS="--reps 3 --only 1,2"`.
BENCH_ARGS     ?=

.PHONY: bench

$(BENCH_BUILD)/drmaa2_bench: $(BENCH_DIR)/c/drmaa2_bench.c $(STUB_LIB) $(STUB_DIR)/drmaa2.h
	@mkdir -p $(dir $@)
	$(CC) $(BENCH_CFLAGS) -I$(STUB_DIR) -o $@ $< -L$(BUILD) -Wl,-rpath,'$$ORIGIN/..' -ldrmaa2

$(BENCH_BUILD)/drmaa2_load: $(BENCH_DIR)/c/drmaa2_load.c
	@mkdir -p $(dir $@)
	$(CC) $(BENCH_CFLAGS) -o $@ $< -ldl

$(BENCH_BUILD)/bench_exit_stamp: $(BENCH_DIR)/c/bench_exit_stamp.c
	@mkdir -p $(dir $@)
	$(CC) $(BENCH_CFLAGS) -o $@ $<

# The library under test is the stub just built, whatever DRMAA2_LIBRARY_PATH says outside.
bench: stub venv $(BENCH_PROGRAMS)
	DRMAA2_LIBRARY_PATH=$(STUB_LIB) PYTHONPATH=$(CURDIR) $(VPY) $(BENCH_DIR)/run.py \
	    --programs $(BENCH_BUILD) --json $(BUILD)/bench.json $(BENCH_ARGS)
