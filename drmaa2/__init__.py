"""drmaa2: submit and control jobs on cluster schedulers through DRMAA version 2.

The library of the cluster (``libdrmaa2.so``) is loaded on first use, never at import.
"""
from drmaa2._version import __version__

__all__ = ["__version__"]
