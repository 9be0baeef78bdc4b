"""`python -m qlever_policy_client`: see cli.py."""

import sys

from .cli import main

sys.exit(main())
