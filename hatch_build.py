"""Build hook: compiles the translation catalogs (`i18n/*/LC_MESSAGES/coopdesk.po`) into `.mo` files.

Every wheel — from the source tree, from the sdist, by `pip install .` or a distribution's packager — is
built through here, so every install speaks Spanish; nothing depends on `make` having run first. A regular
wheel gets the compiled catalogs under `coopdesk/i18n/`; an editable install reads them beside the sources,
so there they are compiled in place (like `make catalogs`).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

DOMAIN = "coopdesk"


def compile_catalog(po_path: Path, mo_path: Path) -> None:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po_path.open("rb") as source:
        catalog = read_po(source, domain=DOMAIN)
    mo_path.parent.mkdir(parents=True, exist_ok=True)
    with mo_path.open("wb") as target:
        write_mo(target, catalog)


class CatalogsHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        root = Path(self.root)
        sources = sorted((root / "i18n").glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
        if not sources:
            raise RuntimeError("no translation catalogs found under i18n/: the build would start in no language")
        self._scratch = None if version == "editable" else Path(tempfile.mkdtemp(prefix="coopdesk-catalogs-"))
        for po_path in sources:
            relative = po_path.relative_to(root).with_suffix(".mo")
            if self._scratch is None:
                compile_catalog(po_path, root / relative)
            else:
                compile_catalog(po_path, self._scratch / relative)
                build_data["force_include"][str(self._scratch / relative)] = f"coopdesk/{relative.as_posix()}"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)
