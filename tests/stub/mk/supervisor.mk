# The supervising process of the stub's jobs: started by the library (found
# next to libdrmaa2.so), built from its own main and the library's sources.
STUB_SUPERVISOR := $(dir $(STUB_LIB))drmaa2-stub-supervisor

stub: $(STUB_SUPERVISOR)

$(STUB_SUPERVISOR): $(STUB_DIR)/supervisor/supervisor.c $(STUB_SOURCES) $(STUB_HEADERS) $(STUB_DIR)/mk/supervisor.mk $(STUB_LIB_DIR)/.cflags
	@mkdir -p $(dir $@)
	$(CC) $(filter-out -fPIC,$(STUB_CFLAGS)) -I$(STUB_DIR) -o $@ $< $(STUB_SOURCES) $(STUB_LDLIBS)
