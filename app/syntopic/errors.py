"""Errors that reach the user as one clear line."""


class UserError(Exception):
    """Bad input from the user: reported as one line, never a traceback."""
