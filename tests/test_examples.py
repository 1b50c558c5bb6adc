"""The examples users copy actually run: every ``Example::`` in a docstring of the package,
and the Python block of the README (as doctest does, in the namespace of their module)."""

import ast
import importlib
import re
import textwrap
from pathlib import Path

import matplotlib
import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "simulation"


def _block_after(marker: str, text: str) -> str:
    """The indented block that follows ``marker`` in a docstring."""
    lines = text.split(marker, 1)[1].split("\n")[1:]
    block = []
    for line in lines:
        if line.strip() and not line.startswith((" ", "\t")):
            break
        block.append(line)
    return textwrap.dedent("\n".join(block)).strip()


def _docstring_examples():
    for path in sorted(PACKAGE.rglob("*.py")):
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)):
                continue
            doc = ast.get_docstring(node)
            if doc and "Example::" in doc:
                name = getattr(node, "name", "module")
                yield pytest.param(module, _block_after("Example::", doc),
                                   id=f"{module}.{name}")


EXAMPLES = list(_docstring_examples())


def test_the_package_has_examples_to_run():
    assert len(EXAMPLES) >= 6


@pytest.mark.parametrize("module, code", EXAMPLES)
def test_docstring_example_runs(module, code, monkeypatch):
    monkeypatch.chdir(ROOT)
    namespace = dict(vars(importlib.import_module(module)))
    exec(compile(code, f"<example in {module}>", "exec"), namespace)


def test_the_readme_python_example_runs(monkeypatch):
    monkeypatch.chdir(ROOT)
    matplotlib.use("Agg")  # the example draws a chart; no screen here
    blocks = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(), re.S)
    assert blocks, "the README shows the Python API"
    for code in blocks:
        exec(compile(code, "<README>", "exec"), {})
