"""Errors that are the user's to fix.

An ``InputError`` reaches the command line as one plain message and exit status 2;
anything else is a fault of ours (exit 1).
"""


class InputError(ValueError):
    """Bad user input: a scenario file, a ``--set`` value or a command-line option."""
