"""The house: data flows one way, and each outside library is imported where its job is.

Floors, each importing only floors before it::

    text → ingest → storage → digest → pipeline → bot (command core) → delivery
         → bot.telegram, bot.slack (adapters) → web (pages, feed, API; beside the adapters)
         → service (composition root) → cli

Relative imports are read too (resolved against the importing module).
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "mawjaz"
FLOORS = ["text", "ingest", "storage", "digest", "pipeline", "bot", "delivery", "adapters", "web", "service", "cli"]
SHARED = {"mawjaz", "mawjaz.errors", "mawjaz.config", "mawjaz.logs", "mawjaz.samples"}  # importable from every floor
ADAPTERS = ("mawjaz.bot.telegram", "mawjaz.bot.slack")

# Outside libraries with one home: who may import them (module prefixes).
PLATFORM_HOMES = {
    "telegram": ("mawjaz.bot.telegram",),
    "slack_bolt": ("mawjaz.bot.slack",),
    "slack_sdk": ("mawjaz.bot.slack",),
    "sqlalchemy": ("mawjaz.storage", "mawjaz.pipeline"),
    "sqlmodel": ("mawjaz.storage", "mawjaz.pipeline"),
    "starlette": ("mawjaz.web",),
    "uvicorn": ("mawjaz.web",),
    "jinja2": ("mawjaz.web",),
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _floor(module: str) -> str | None:
    if module.startswith(ADAPTERS):
        return "adapters"
    parts = module.split(".")
    if parts[0] != "mawjaz" or len(parts) < 2:
        return None
    return parts[1] if parts[1] in FLOORS else None


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(path: Path, *, typing_too: bool = True) -> set[str]:
    """Every module ``path`` imports, relative imports resolved; ``typing_too=False`` skips TYPE_CHECKING blocks."""
    here = _module_name(path)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and not typing_too and _type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
                found.add(module)
                if not node.module:
                    found.update(f"{module}.{alias.name}" for alias in node.names)
            elif node.module:
                found.add(node.module)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return found


def _files(prefix: str = "") -> list[Path]:
    return [p for p in sorted(PACKAGE.rglob("*.py")) if _module_name(p).startswith(prefix or "mawjaz")]


@pytest.mark.parametrize("floor", FLOORS)
def test_floor_imports_only_floors_before_it(floor):
    allowed = set(FLOORS[: FLOORS.index(floor) + 1])
    offenders = []
    for path in _files():
        if _floor(_module_name(path)) != floor:
            continue
        for module in _imports(path):
            if not module.startswith("mawjaz") or module in SHARED or module.startswith("mawjaz.samples"):
                continue
            target = _floor(module)
            if target is None or target not in allowed:
                offenders.append(f"{path.relative_to(PACKAGE)} imports {module}")
    assert offenders == []


def test_text_is_a_leaf():
    for path in _files("mawjaz.text"):
        for module in _imports(path):
            assert not module.startswith("mawjaz") or module.startswith("mawjaz.text"), f"{path.name} imports {module}"


def test_digest_never_reads_sources():
    offenders = [
        f"{p.name} imports {m}" for p in _files("mawjaz.digest") for m in _imports(p) if m.startswith("mawjaz.ingest")
    ]
    assert offenders == []


@pytest.mark.parametrize("library", sorted(PLATFORM_HOMES))
def test_an_outside_library_is_imported_only_at_its_home(library):
    homes = PLATFORM_HOMES[library]
    offenders = [
        f"{path.relative_to(PACKAGE)} imports {module}"
        for path in _files()
        if not _module_name(path).startswith(homes)
        for module in _imports(path, typing_too=False)
        if module == library or module.startswith(library + ".")
    ]
    assert offenders == []


def test_relative_imports_are_resolved():
    """The reader above sees ``from ..storage import x`` as ``mawjaz.storage``: checked on a made-up module."""
    probe = PACKAGE / "digest" / "_architecture_probe.py"
    probe.write_text("from ..storage import engine\nfrom . import views\nfrom .build import rank\n", encoding="utf-8")
    try:
        assert _imports(probe) >= {"mawjaz.storage", "mawjaz.digest.views", "mawjaz.digest.build"}
    finally:
        probe.unlink()


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


@pytest.mark.parametrize("folder", ["storage", "digest"])
def test_storage_and_digest_tests_get_their_data_without_the_bots(folder):
    """They store articles through the pipeline, never through ``mawjaz.bot`` (nor the bots' test kit)."""
    offenders = [
        f"{path.relative_to(ROOT)} imports {module}"
        for path in sorted((ROOT / "tests" / folder).rglob("*.py"))
        for module in _imports(path)
        if module.startswith(("mawjaz.bot", "mawjaz.cli", "mawjaz.delivery", "mawjaz.service", "botkit"))
    ]
    assert offenders == []


def test_the_web_floor_never_imports_the_platform_adapters():
    """The pages sit beside the adapters: the service hands the web server their routes as plain functions."""
    offenders = [
        f"{path.relative_to(PACKAGE)} imports {module}"
        for path in _files("mawjaz.web")
        for module in _imports(path)
        if module.startswith(ADAPTERS)
    ]
    assert offenders == []


def test_every_test_module_has_a_name_of_its_own():
    """Test folders are not packages: pytest imports each module by its base name, so two alike fail the collection."""
    names: dict[str, list[str]] = {}
    for path in sorted((ROOT / "tests").rglob("*.py")):
        if path.name != "conftest.py" and "fixtures" not in path.parts:
            names.setdefault(path.name, []).append(str(path.relative_to(ROOT)))
    assert {name: paths for name, paths in names.items() if len(paths) > 1} == {}


def _declared(section: list[str]) -> set[str]:
    """Normalised distribution names of pyproject requirements («psycopg[binary]>=3.2» → «psycopg»)."""
    import re

    return {re.split(r"[\[<>=!~; ]", requirement, maxsplit=1)[0].lower().replace("_", "-") for requirement in section}


def test_every_library_mawjaz_imports_is_a_declared_dependency():
    # numpy came in through datasketch until mawjaz computed datasketch's MinHash itself: a plain
    # `pip install .` then failed on `mawjaz demo`. What mawjaz imports, it must ask for by name.
    import importlib.metadata
    import tomllib

    project = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = _declared(project["dependencies"])
    providers = importlib.metadata.packages_distributions()
    offenders = []
    for path in _files():
        for module in _imports(path, typing_too=False):
            top = module.split(".")[0]
            if top == "mawjaz" or top in sys.stdlib_module_names or top == "__future__":
                continue
            names = {name.lower().replace("_", "-") for name in providers.get(top, [top])}
            if not names & declared:
                offenders.append(f"{path.relative_to(PACKAGE)} imports {top} ({', '.join(sorted(names))})")
    assert offenders == []
