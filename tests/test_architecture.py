"""The package's shape: imports point one way (down the data flow), modules stay readable, and no
in-memory cache is keyed on input text. Read from the source files, so a new module is checked
the day it is added."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "analysis"

#: The data flow, bottom to top. A module may import from lower ranks and from its own folder;
#: folders of the same rank are siblings and may not import each other.
LAYERS: dict[str, int] = {
    "core": 0,
    "nlp": 1,
    "text": 2,
    "io": 3,
    "clean": 4,
    "names": 5,
    "entities": 6,
    "keywords": 6,
    "attribution": 7,
    "tables": 8,
    "pipeline": 9,
    "figures": 10,
    "evaluation": 11,
    "__init__": 12,
    "__main__": 12,
}

MAX_LINES = 500

#: lru_cache'd functions that take arguments, with why their keys are not input text.
CACHED_WITH_ARGUMENTS = {
    "_meta_dtypes",      # keyed on a registered Stage: its empty output frame's dtypes
    "_covered_ids",      # keyed on a cache file's path, mtime and size
    "reference_documents",  # keyed on the name of an NLTK reference corpus
    "reference_table",   # keyed on the name of an NLTK reference corpus
    "reference_idf",     # keyed on the name of an NLTK reference corpus
    "combined_idf",      # keyed on the names of NLTK reference corpora
    "word_set",          # keyed on a rule file's name
    "title_phrases",     # keyed on a rule file's name
    "title_words",       # keyed on a rule file's name
}


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _layer(parts: tuple[str, ...]) -> str:
    """The layer of a module given its dotted parts below `analysis`."""
    if not parts:
        return "__init__"
    return parts[0].removesuffix(".py")


def _module_parts(path: Path) -> tuple[str, ...]:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return parts[:-1] if parts[-1] == "__init__" and len(parts) > 1 else parts


def _imported(path: Path) -> list[tuple[int, tuple[str, ...]]]:
    """(line, parts below `analysis`) of every import of the package in a module, at any depth."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module + "." + alias.name for alias in node.names]
        else:
            continue
        for name in names:
            parts = tuple(name.split("."))
            if parts[0] == "analysis":
                found.append((node.lineno, parts[1:]))
    return found


def test_every_layer_is_known():
    unknown = {_layer(_module_parts(p)) for p in _modules()} - set(LAYERS)
    assert not unknown, f"add these folders or modules to LAYERS: {sorted(unknown)}"


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_point_down(path: Path):
    own = _layer(_module_parts(path))
    wrong = []
    for line, parts in _imported(path):
        target = _layer(parts)
        if target == own or target == "__version__":
            continue
        if target not in LAYERS:  # `from analysis import x`: x is a layer name or public API
            wrong.append(f"line {line}: analysis.{'.'.join(parts)} is not a layer")
        elif LAYERS[target] >= LAYERS[own]:
            wrong.append(f"line {line}: {own} (rank {LAYERS[own]}) imports {target} "
                         f"(rank {LAYERS[target]})")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_modules_stay_readable(path: Path):
    lines = path.read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{path.name} has {lines} lines; split it by what its parts do"


def _cache_decorated(node: ast.FunctionDef) -> bool:
    for decorator in node.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
        if name in {"lru_cache", "cache"}:
            return True
    return False


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_in_memory_cache_keyed_on_input(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    wrong = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and _cache_decorated(node):
            arguments = node.args.args + node.args.kwonlyargs
            if arguments and node.name not in CACHED_WITH_ARGUMENTS:
                wrong.append(f"{node.name}({', '.join(a.arg for a in arguments)})")
    assert not wrong, ("cached functions with arguments (pass a Document or an explicit memo "
                       f"object instead): {wrong}")


def test_the_layer_check_catches_an_upward_import(tmp_path: Path):
    module = tmp_path / "bad.py"
    module.write_text("def f():\n    from analysis.pipeline.annotate import stage_table\n")
    ((line, parts),) = _imported(module)
    assert line == 2 and LAYERS[_layer(parts)] > LAYERS["entities"]
