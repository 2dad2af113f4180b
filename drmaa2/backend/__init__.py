"""The implementations of the public API's behaviour, one per kind of C library."""
