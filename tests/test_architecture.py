"""The package keeps its layers: imports point down (counting imports inside functions),
there are no cycles, the faces are siblings, and no module grows too big to read.

docs/architecture.md draws the same layers.
"""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "simulation"

#: Each module's layer, lowest first. A module may import its own layer and those below.
LAYERS = {
    "leaves": ("errors", "rng", "threads", "output", "declarations"),
    "inputs": ("toml_text", "input_files", "budget", "scenario_checks", "local_figures",
               "municipalities", "scenario"),
    "model": ("population", "ledger", "funding", "access", "agents", "labour_market",
              "policies", "payments", "activation", "work_pathway", "phases", "monthly",
              "sharing", "municipal", "building", "model", "metrics"),
    "runs": ("worker_start", "execution", "runs", "regions", "national"),
    "experiments": ("experiment",),
    "analysis": ("economics", "targets", "sweep_folder", "sweep", "calibrate", "ema"),
    "presentation": ("presentation", "charts", "report_texts_nl", "report_texts_en",
                     "report_texts", "report_outcomes", "report_assumptions", "report_national",
                     "report", "provenance", "results_folder"),
    "faces": ("commands", "dashboard"),
}
RANK = {name: rank for rank, names in enumerate(LAYERS.values()) for name in names}
MAX_LINES = 400


def _top(module: str) -> str:
    """``simulation.policies.base`` -> ``policies``."""
    return module.split(".")[1]


def _module_name(path: Path) -> str:
    parts = ["simulation", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> dict[str, set[str]]:
    """Every module of the package and the package modules it imports, anywhere in it."""
    graph: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        me = _module_name(path)
        package = me if path.name == "__init__.py" else me.rsplit(".", 1)[0]
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                    target = f"{base}.{node.module}" if node.module else base
                else:
                    target = node.module or ""
                names = [f"{target}.{a.name}" for a in node.names]
                found.update(n for n in (target, *names) if n.startswith("simulation."))
            elif isinstance(node, ast.Import):
                found.update(a.name for a in node.names if a.name.startswith("simulation."))
        graph[me] = found
    known = set(graph)
    return {m: {t for t in targets if t in known and t != m} for m, targets in graph.items()}


def test_every_module_has_a_layer():
    tops = {_top(m) for m in _imports() if m != "simulation" and m != "simulation.__main__"}
    assert tops <= set(RANK), f"not in a layer: {sorted(tops - set(RANK))}"


def test_imports_point_down_only():
    upward = []
    for module, targets in _imports().items():
        if module in ("simulation", "simulation.__main__"):
            continue
        for target in targets:
            if target == "simulation":
                continue
            if RANK[_top(target)] > RANK[_top(module)]:
                upward.append(f"{module} imports {target}")
    assert not upward, "\n".join(sorted(upward))


def test_the_package_itself_imports_only_inputs():
    """``import simulation`` must stay light: no Mesa, no model (see its ``__getattr__``)."""
    targets = _imports()["simulation"]
    assert all(RANK[_top(t)] <= RANK["scenario"] for t in targets), targets


def test_the_faces_are_siblings():
    graph = _imports()
    dashboard = [m for m in graph if m.startswith("simulation.dashboard")]
    assert dashboard and not any(t.startswith("simulation.commands")
                                 for m in dashboard for t in graph[m])


def test_no_import_cycles():
    graph = _imports()
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                raise AssertionError("import cycle: " + " -> ".join(
                    [*path[path.index(nxt):], nxt]) if nxt in path else nxt)
            if state.get(nxt) is None:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])


def test_no_source_file_is_too_long_to_read():
    long = {str(p.relative_to(PACKAGE)): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, f"split these along their seams: {long}"
