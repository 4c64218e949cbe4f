"""The TOML parser azma uses: tomli everywhere (its compiled build parses ~3x faster than tomllib)."""

from tomli import TOMLDecodeError, loads

__all__ = ["TOMLDecodeError", "loads"]
