"""Data flows one way: text → ingest → storage → digest → bot. A layer imports only layers before it."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "mawjaz"
LAYERS = ["text", "ingest", "storage", "digest", "bot"]
SHARED = {"mawjaz", "mawjaz.errors", "mawjaz.config", "mawjaz.logs"}  # importable from every layer


def _layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else None


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return {name for name in found if name == "mawjaz" or name.startswith("mawjaz.")}


@pytest.mark.parametrize("layer", LAYERS)
def test_layer_imports_only_layers_before_it(layer):
    allowed = set(LAYERS[: LAYERS.index(layer) + 1])
    offenders = []
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        for module in _imports(path):
            target = _layer(module)
            if target is None and module not in SHARED and module.split(".")[1] not in ("samples",):
                offenders.append(f"{path.relative_to(PACKAGE)} imports {module}")
            elif target is not None and target not in allowed:
                offenders.append(f"{path.relative_to(PACKAGE)} imports {module}")
    assert offenders == []


def test_text_is_a_leaf():
    for path in sorted((PACKAGE / "text").rglob("*.py")):
        for module in _imports(path):
            assert module.startswith("mawjaz.text"), f"{path.name} imports {module}"


# ------------------------------------------------------------------------ the fakes are loaded under one name

ROOT = PACKAGE.parent


def _fake_imports(path: Path) -> set[str]:
    """The modules ``path`` imports that name the fakes package, however spelled (``fakes.x``, ``tests.fakes.x``)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        else:
            continue
        found.update(name for name in names if "fakes" in name.split("."))
    return found


def test_tests_and_benches_import_the_fakes_only_as_fakes():
    offenders = [
        f"{path.relative_to(ROOT)} imports {module}"
        for folder in ("tests", "bench")
        for path in sorted((ROOT / folder).rglob("*.py"))
        for module in _fake_imports(path)
        if module.split(".")[0] != "fakes"
    ]
    assert offenders == []


def test_no_fake_module_is_loaded_under_a_second_name():
    import fakes

    assert fakes.misnamed() == []


def test_the_guard_sees_a_fake_loaded_under_a_second_name(monkeypatch):
    import importlib.util

    import fakes

    spec = importlib.util.spec_from_file_location("tests.fakes.server", fakes.FOLDER / "server.py")
    twin = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "tests.fakes.server", twin)  # removed again when the test ends
    assert fakes.misnamed() == ["tests.fakes.server"]
