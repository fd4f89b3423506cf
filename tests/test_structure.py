"""The flow of the code is its layout (raw → etl/ → warehouse → queries/ → dashboard/):
no import circle among the product's modules, and tests/ import nothing from bench/."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def imports(path: Path) -> set[str]:
    """Every module a file imports, at any depth of its code (an import inside a function counts)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return found


def product_modules() -> dict[str, Path]:
    modules = {}
    for package in ("etl", "dashboard"):
        for path in (ROOT / package).rglob("*.py"):
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
            modules[name] = path
    return modules


def test_no_import_circle_among_the_products_modules():
    modules = product_modules()
    graph = {name: {m for m in imports(path) if m in modules and m != name} for name, path in modules.items()}

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        return any(nxt == goal or (nxt not in seen and not seen.add(nxt) and reaches(nxt, goal, seen))
                   for nxt in graph[start])

    circles = sorted(name for name in graph if reaches(name, name, set()))
    assert circles == []


def test_tests_import_nothing_from_bench():
    offending = sorted(path.name for path in (ROOT / "tests").glob("*.py")
                       if any(m == "bench" or m.startswith("bench.") for m in imports(path)))
    assert offending == []
