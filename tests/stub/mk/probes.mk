# The binding's load-time probes under valgrind (tools/valgrind-probes.py): on a 2012
# job info whose padding is uninitialised, and loading the stub and its 2012-layout
# builds (make stub-vendors); part of `make stub-check`.
PROBE_JINFO_2012 := $(BUILD)/probes/libjinfo2012.so

.PHONY: stub-probes-valgrind

stub-check: stub-probes-valgrind

$(PROBE_JINFO_2012): tests/probes/jinfo2012.c
	@mkdir -p $(dir $@)
	$(CC) $(STUB_CFLAGS) -shared -o $@ $<

stub-probes-valgrind: $(PROBE_JINFO_2012) stub venv
	$(VPY) tools/valgrind-probes.py $(PROBE_JINFO_2012) $(STUB_LIB) \
	    $(wildcard $(BUILD)/vendors/gfd198/libdrmaa2.so $(BUILD)/vendors/uge83/libdrmaa2.so)
