"""python -m search_app {serve,search} — see cli.py."""
import sys

from .cli import main

sys.exit(main())
