"""Syntopic: a fast browser for libraries of linked concept notes."""

__version__ = "0.1.0"
