"""The thin ctypes layer over the DRMAA2 C library: the only place that speaks C."""
