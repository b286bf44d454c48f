"""`python -m kpi …` runs the command line."""

import sys

from kpi.cli import main

sys.exit(main())
