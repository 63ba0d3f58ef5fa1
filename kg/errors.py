"""The one exception family the CLI turns into a single ``error: …`` line (tracebacks only with --debug)."""

from __future__ import annotations


class KgError(Exception):
    """A failure the user can act on: the message names the file or server and what to do."""

    exit_code = 1


class UsageError(KgError):
    """The command asks for something unsafe or impossible (an output inside an input, a file for a folder)."""

    exit_code = 2
