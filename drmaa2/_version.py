"""The version of the drmaa2 package."""
__version__ = "0.1.0"
