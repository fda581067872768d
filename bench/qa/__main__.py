"""python -m bench.qa - see run.py and --help."""
import sys

from .run import main

if __name__ == "__main__":
    sys.exit(main())
