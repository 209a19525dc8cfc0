"""Data flows one way: text → ingest → storage → digest → bot. A layer imports only layers before it."""

from __future__ import annotations

import ast
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


def test_the_tagger_never_imports_its_training_code():
    """``mawjaz.text.ner.train`` (corpora, clusters, CRF training) is for ``mawjaz train-ner`` only.

    Tagging runs in every digest; training pulls in NumPy and SciPy and reads
    corpora. No runtime module may import it, not even lazily inside a function.
    """
    training = PACKAGE / "text" / "ner" / "train"
    offenders = [
        f"{path.relative_to(PACKAGE)} imports {module}"
        for path in sorted((PACKAGE / "text").rglob("*.py"))
        if training not in path.parents
        for module in _imports(path)
        if module == "mawjaz.text.ner.train" or module.startswith("mawjaz.text.ner.train.")
    ]
    assert offenders == []
