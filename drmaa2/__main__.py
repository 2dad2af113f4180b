"""``python -m drmaa2``: the drmaa2 command line (see ``python -m drmaa2 --help``)."""
import sys

from drmaa2.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
