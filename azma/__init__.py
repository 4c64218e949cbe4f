"""azma: the Azerbaijan–Morocco relationship as a sourced, queryable timeline.

The small public API: load the dataset, build a Query, run it.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
