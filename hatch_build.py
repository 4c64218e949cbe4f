"""Wheel build hook: ship the fast path's spec, so the first run after installing needs no Typer.

Writes azma/_shipped_spec.py into the wheel (never into the source tree) from the Typer app in
azma/cli.py; azma.fastpath uses it only while its key (azma's version, the declaring modules'
bytes, the installed Typer's version) still holds. Editable installs get none: their code
changes, and the spec cached after the first run serves them.
"""

from __future__ import annotations

import os
import sys
import tempfile
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class ShippedSpecHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if version == "editable":
            return
        sys.path.insert(0, self.root)
        try:
            from azma import cli, fastpath

            typer_version = fastpath.installed_typer_version()
            if typer_version is None:
                raise RuntimeError("the build environment has no Typer to derive the spec from")
            text = fastpath.shipped_module(cli.app, typer_version)
        finally:
            sys.path.remove(self.root)
        handle, self._written = tempfile.mkstemp(suffix=".py", prefix="azma-spec-")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        build_data["force_include"][self._written] = "azma/_shipped_spec.py"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        written = getattr(self, "_written", None)
        if written is not None:
            os.unlink(written)
