"""Subcommands that live with their feature; each module has `register(subparsers)`."""
