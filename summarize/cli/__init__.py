"""The command line: parses arguments, calls the library, turns errors into one-line messages."""

from summarize.cli import attributions, brief, folder, schema, verify
from summarize.cli.app import app, main

__all__ = ["app", "attributions", "brief", "folder", "main", "schema", "verify"]
