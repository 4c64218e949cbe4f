"""azma's version: a leaf module, so what needs it imports nothing else of azma."""

__version__ = "0.2.0"
