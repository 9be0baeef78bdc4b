"""The reference client of the Qlever privacy policy's version feed v2 (see client.py)."""

from .client import *  # noqa: F403
