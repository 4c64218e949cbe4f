"""Wheel build hook: ship what a first run would otherwise derive, the fast path's spec and the
bundled record, so the first run after installing needs neither Typer nor a TOML parser.

Writes into the wheel only (never into the source tree):
- azma/_shipped_spec.py, from the Typer app in azma/cli.py; azma.fastpath uses it only while its
  key (azma's version, the declaring modules' bytes, the installed Typer's version) still holds.
- azma/_shipped_record.py, the bundled data files loaded exactly as azma loads them (parsed and
  fully validated: the build fails, listing every problem, when they do not validate) and
  encoded with the parse cache's own codec; azma.cache.shipped decodes it instead of parsing
  only while its key (the cache's entry format, azma's version, the size and CRC-32 of each
  bundled file and of each code file that shapes the records) still holds.
Editable installs get neither: their code and data change, and what the first run derives is
cached for the next.
"""

from __future__ import annotations

import os
import sys
import tempfile
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class ShippedHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if version == "editable":
            return
        sys.path.insert(0, self.root)
        try:
            from azma import cli, fastpath
            from azma.cache import shipped
            from azma.errors import DataError

            typer_version = fastpath.installed_typer_version()
            if typer_version is None:
                raise RuntimeError("the build environment has no Typer to derive the spec from")
            spec = fastpath.shipped_module(cli.app, typer_version)
            try:
                record = shipped.record_module()
            except DataError as exc:
                problems = "\n".join(f"  {problem}" for problem in exc.problems)
                raise RuntimeError(
                    f"the bundled data does not validate, so no wheel is built ({len(exc.problems)} "
                    f"problem{'s' if len(exc.problems) != 1 else ''}; azma validate says the same):\n{problems}"
                ) from None
        finally:
            sys.path.remove(self.root)
        self._written = []
        for text, target in ((spec, "azma/_shipped_spec.py"), (record, "azma/_shipped_record.py")):
            handle, written = tempfile.mkstemp(suffix=".py", prefix="azma-shipped-")
            self._written.append(written)
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            build_data["force_include"][written] = target

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        for written in getattr(self, "_written", ()):
            os.unlink(written)
