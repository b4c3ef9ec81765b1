"""The `claims` command line: a thin layer over the Python API, one command per function, one module per
command group."""
from claims.cli import archive, articles, db, match, models, serve  # noqa: F401 - each registers its commands
from claims.cli.base import EXIT_INPUT, InputError, main

__all__ = ["EXIT_INPUT", "InputError", "main"]
