"""Every UI string key the code uses is a row of catalog/strings.csv with its Chinese and its English,
and every row of the table is used by some code.

The keys are read from the code's syntax (app.py, pages/, disclosure/): the first argument of `t(…)`
and `t_md(…)`, and of the calls a function makes with a parameter it was handed `t` for
(`view.cases(v, template, t)`). A literal key is itself. A key built from parts (`f"template_{x}"`,
`"severity_" + s`, `t(k) for k, … in rates`) is expanded over the values its parts can take: a
literal list or tuple in the same module, the return values of a function of that module, or a
constant of an imported module. Where the parts come from data, the expected keys come from that data
(DATA_FAMILIES: the templates a report can carry, the severities findings carry, the keys the audit
writes into a finding's values, the crosswalk's comparability). A key the test cannot expand fails it
with the call named, so a new way of building keys has to say where its values come from.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import itertools
import re
from pathlib import Path

import pytest

from disclosure import catalog, crosswalk
from disclosure.audit import RULES
from disclosure.ui.i18n import STRINGS, STRINGS_CSV, read_strings

ROOT = Path(__file__).resolve().parent.parent
KEY_FUNCTIONS = (
    "t",
    "t_md",
    "t_in",
    "words",
    "_warning",
)  # ui.i18n.t, t_in, ui.escape.t_md, catalog.words (a finding's words) and its callers: a key, then its parameters


class Unresolved(Exception):
    pass


def code_files() -> list[Path]:
    return [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py")), *sorted((ROOT / "disclosure").rglob("*.py"))]


class Module:
    """One source file's syntax tree, with each node's parent and the names it imports."""

    def __init__(self, path: Path):
        self.path = path
        self.rel = path.relative_to(ROOT).as_posix()
        self.tree = ast.parse(path.read_text(encoding="utf-8"))
        self.parent: dict[ast.AST, ast.AST] = {}
        for node in ast.walk(self.tree):
            for child in ast.iter_child_nodes(node):
                self.parent[child] = node
        self.imports: dict[str, tuple[str, str | None]] = {}  # local name → (module, attribute or None)
        package = self.rel.removesuffix(".py").replace("/", ".").rsplit(".", 1)[0]
        for node in ast.walk(self.tree):
            if isinstance(node, ast.ImportFrom):
                base = importlib.util.resolve_name("." * node.level + (node.module or ""), package) if node.level else node.module
                for alias in node.names:
                    # `from disclosure.ui import charts` imports a module; `from .i18n import t` a name
                    submodule = f"{base}.{alias.name}"
                    is_module = _is_package(base) and importlib.util.find_spec(submodule) is not None
                    self.imports[alias.asname or alias.name] = (submodule, None) if is_module else (base, alias.name)
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    self.imports[alias.asname or alias.name] = (alias.name, None)

    def where(self, node: ast.AST) -> str:
        return f"{self.rel}:{node.lineno}: {ast.unparse(node)[:120]}"

    def ancestors(self, node: ast.AST):
        while node in self.parent:
            node = self.parent[node]
            yield node

    def imported(self, name: str):
        """The object an imported name stands for, or Unresolved."""
        if name not in self.imports:
            raise Unresolved(name)
        module, attribute = self.imports[name]
        mod = importlib.import_module(module)
        return mod if attribute is None else getattr(mod, attribute)


def _is_package(name: str) -> bool:
    spec = importlib.util.find_spec(name)
    return spec is not None and spec.submodule_search_locations is not None


_MODULES: dict[Path, Module] = {}


def module(path: Path) -> Module:
    if path not in _MODULES:
        _MODULES[path] = Module(path)
    return _MODULES[path]


# ---- the values an expression can take ----------------------------------------------------------


def strings_of(m: Module, expr: ast.AST) -> set[str]:
    """Every string `expr` can evaluate to, from the code alone; Unresolved when that takes data."""
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return {expr.value}
    if isinstance(expr, ast.JoinedStr):
        parts = [{p.value} if isinstance(p, ast.Constant) else strings_of(m, p.value) for p in expr.values]
        return {"".join(combo) for combo in itertools.product(*parts)}
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Add):
        return {a + b for a in strings_of(m, expr.left) for b in strings_of(m, expr.right)}
    if isinstance(expr, ast.IfExp):
        return strings_of(m, expr.body) | strings_of(m, expr.orelse)
    if isinstance(expr, ast.Name):
        return _bound_strings(m, expr)
    if isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name):
        value = getattr(m.imported(expr.value.id), expr.attr)
        if isinstance(value, str):
            return {value}
    raise Unresolved(ast.unparse(expr))


def _python_strings(value) -> set[str]:
    if isinstance(value, str):
        return {value}
    raise Unresolved(repr(value)[:60])


def _bound_strings(m: Module, name: ast.Name) -> set[str]:
    """A name bound by the loop or comprehension around it, else by the module's assignments."""
    for scope in m.ancestors(name):
        generators = scope.generators if isinstance(scope, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)) else []
        if isinstance(scope, ast.For):
            generators = [scope]
        for gen in generators:
            position = _position(gen.target, name.id)
            if position is not False:
                return set().union(*(_item_strings(m, item, position) for item in _elements(m, gen.iter)))
        if isinstance(scope, (ast.Lambda, ast.FunctionDef)) and name.id in {a.arg for a in scope.args.args}:
            raise Unresolved(f"parameter {name.id}")
    assigned = [n.value for n in ast.walk(m.tree) if isinstance(n, ast.Assign) and any(_names(t, name.id) for t in n.targets)]
    if assigned:
        return set().union(*(strings_of(m, value) for value in assigned))
    return _python_strings(m.imported(name.id))


def _names(target: ast.AST, name: str) -> bool:
    return isinstance(target, ast.Name) and target.id == name


def _position(target: ast.AST, name: str):
    """None when the loop binds `name` whole, its index when it unpacks a tuple, False when it does not bind it."""
    if _names(target, name):
        return None
    if isinstance(target, ast.Tuple):
        for i, elt in enumerate(target.elts):
            if _names(elt, name):
                return i
    return False


class _Zipped:
    """A loop over zip(a, b, …): the n-th name it unpacks takes the items of the n-th argument."""

    def __init__(self, args):
        self.args = args


def _item_strings(m: Module, item, position) -> set[str]:
    if position is not None:
        if isinstance(item, (ast.Tuple, ast.List)):
            item = item.elts[position]
        elif isinstance(item, tuple):
            item = item[position]
        elif isinstance(item, _Zipped):
            return set().union(*(_item_strings(m, x, None) for x in _elements(m, item.args[position])))
        else:
            raise Unresolved(f"unpacking {item!r}")
    return strings_of(m, item) if isinstance(item, ast.AST) else _python_strings(item)


def _elements(m: Module, expr: ast.AST) -> list:
    """The items a loop over `expr` sees: syntax nodes of literals, or Python values of imported constants."""
    if isinstance(expr, (ast.List, ast.Tuple, ast.Set)):
        out = []
        for elt in expr.elts:
            out += _elements(m, elt.value) if isinstance(elt, ast.Starred) else [elt]
        return out
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Add):
        return _elements(m, expr.left) + _elements(m, expr.right)
    if isinstance(expr, ast.IfExp):
        return _elements(m, expr.body) + _elements(m, expr.orelse)
    if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) and expr.func.attr in ("items", "keys", "values"):
        mapping = _elements(m, expr.func.value)  # a dict literal's (key, value) pairs, as items
        if not all(isinstance(pair, ast.Tuple) for pair in mapping):
            raise Unresolved(ast.unparse(expr))
        if expr.func.attr == "items":
            return mapping
        return [pair.elts[0 if expr.func.attr == "keys" else 1] for pair in mapping]
    if isinstance(expr, ast.Dict) and None not in expr.keys:
        return [ast.Tuple([k, v]) for k, v in zip(expr.keys, expr.values)]
    if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name):
        if expr.func.id == "zip":
            return [_Zipped(expr.args)]
        defined = [f for f in m.tree.body if isinstance(f, ast.FunctionDef) and f.name == expr.func.id]
        if defined:  # a function of this module: whatever it can return
            returns = [r.value for r in ast.walk(defined[0]) if isinstance(r, ast.Return) and r.value is not None]
            return [item for r in returns for item in _elements(m, r)]
    if isinstance(expr, ast.Name):
        values = [
            n.value for n in ast.walk(m.tree) if isinstance(n, (ast.Assign, ast.AugAssign)) and any(_names(t, expr.id) for t in _targets(n))
        ]
        if values:
            return [item for v in values for item in _elements(m, v)]
        return list(m.imported(expr.id))
    if isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name):
        return list(getattr(m.imported(expr.value.id), expr.attr))
    raise Unresolved(ast.unparse(expr))


def _targets(node):
    return node.targets if isinstance(node, ast.Assign) else [node.target]


def family(m: Module, expr: ast.AST) -> str:
    """A built key as a pattern, its computed parts as {} ("template_{}"); a bare name by file and name."""
    if isinstance(expr, (ast.JoinedStr, ast.BinOp)):
        return _pattern(expr)
    return f"{m.rel}: {ast.unparse(expr)}"


def _pattern(expr: ast.AST) -> str:
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return expr.value
    if isinstance(expr, ast.JoinedStr):
        return "".join(_pattern(p) for p in expr.values)
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Add):
        return _pattern(expr.left) + _pattern(expr.right)
    return "{}"


# ---- where keys come from data --------------------------------------------------------------------


def severities() -> set[str]:
    from disclosure.ui.findings import SEVERITIES

    return {r.severity for r in RULES} | set(SEVERITIES)


def comparabilities() -> set[str]:
    return {m.comparability for m in crosswalk.mappings()}


def audit_value_keys() -> set[str]:
    """The keys the audit writes into a finding's values that are not table cells (cells — an indicator,
    `indicator|column`, `YYYY:indicator` — are computed keys and named by the catalog): read from the
    values argument of every `finding(…)` call in disclosure/audit/ and every `Check.said(…)` of the readers."""
    keys: set[str] = set()
    for path in sorted((ROOT / "disclosure").rglob("*.py")):
        m = module(path)
        for call in ast.walk(m.tree):
            if not isinstance(call, ast.Call):
                continue
            if isinstance(call.func, ast.Name) and call.func.id == "finding":
                position = 3  # finding(rule, words, indicators, values, …)
            elif isinstance(call.func, ast.Attribute) and call.func.attr == "said" and ast.unparse(call.func.value) == "Check":
                position = 4  # Check.said(rule, severity, words, indicators, values, …)
            else:
                continue
            values = call.args[position] if len(call.args) > position else next((k.value for k in call.keywords if k.arg == "values"), None)
            if values is not None:
                keys |= _dict_keys(m, values, call)
    return {k for k in keys if k not in catalog.indicators()}


def _dict_keys(m: Module, expr: ast.AST, at: ast.AST) -> set[str]:
    if isinstance(expr, ast.Dict):
        out: set[str] = set()
        for k, v in zip(expr.keys, expr.values):
            if k is None:
                out |= _dict_keys(m, v, at)
            elif isinstance(k, ast.Constant):
                out.add(k.value)
        return out  # any other key is computed: value_key(…) or an f-string, a table cell
    if isinstance(expr, ast.DictComp):
        try:  # {k: c[k] for k in ("expected", …)}: the literal keys; over indicator ids, cells
            return strings_of(m, expr.key)
        except Unresolved:
            return set()
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.BitOr):
        return _dict_keys(m, expr.left, at) | _dict_keys(m, expr.right, at)
    if isinstance(expr, ast.Name):  # built in the function: its assignments and item assignments
        function = next(a for a in m.ancestors(at) if isinstance(a, ast.FunctionDef))
        out = set()
        for n in ast.walk(function):
            if isinstance(n, ast.Assign):
                for target in n.targets:
                    if _names(target, expr.id):
                        out |= _dict_keys(m, n.value, at)
                    elif isinstance(target, ast.Subscript) and _names(target.value, expr.id) and isinstance(target.slice, ast.Constant):
                        out.add(target.slice.value)
        return out
    raise AssertionError(f"{m.where(at)}: teach the test how these finding values are built")


def uploader_pages() -> set[str]:
    """The pages that call widgets.report_uploader("<page>"): their uploader words are <page>_uploader(_help)."""
    found = set()
    for path in (ROOT / "pages").glob("*.py"):
        found |= set(re.findall(r'report_uploader\("(\w+)"\)', path.read_text(encoding="utf-8")))
    return found


def page_title_keys() -> set[str]:
    return {p.title_key for p in catalog.pages()}


DATA_FAMILIES = {
    "app.py: p.title_key": page_title_keys,
    "{}_uploader": uploader_pages,
    "{}_uploader_help": uploader_pages,
    "severity_{}": severities,
    "value_{}": audit_value_keys,
    "pages/glossary.py: m.comparability": comparabilities,
    "pages/trends.py: comparability": comparabilities,
}


# ---- the keys the code uses -----------------------------------------------------------------------


def key_arguments():
    """(module, call, key expression) for every call that takes a UI string key."""
    for path in code_files():
        m = module(path)
        defined = {f.name for f in m.tree.body if isinstance(f, ast.FunctionDef)}
        takes_keys = {n for n in KEY_FUNCTIONS if n in m.imports or n in defined}  # i18n.py calls its own t
        yield from _calls_of(m, m.tree, takes_keys)
        for call in ast.walk(m.tree):  # a function handed t: its parameter takes keys in its own module
            if not isinstance(call, ast.Call):
                continue
            handed = [i for i, a in enumerate(call.args) if isinstance(a, ast.Name) and a.id in takes_keys]
            for position in handed:
                callee, callee_module = _callee(m, call)
                parameter = callee.args.args[position].arg
                yield from _calls_of(callee_module, callee, {parameter})


def _calls_of(m: Module, tree: ast.AST, names: set[str]):
    for call in ast.walk(tree):
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id in names and call.args:
            key = call.args[0]
            inside = next((a for a in m.ancestors(call) if isinstance(a, ast.FunctionDef)), None)
            if inside is not None and inside.name in KEY_FUNCTIONS and isinstance(key, ast.Name):
                continue  # t_md's body hands its own key on to t
            yield m, call, key


def _callee(m: Module, call: ast.Call) -> tuple[ast.FunctionDef, Module]:
    func = call.func
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        target = m.imported(func.value.id)
        path = Path(target.__file__)
        name = func.attr
    else:
        raise AssertionError(f"{m.where(call)}: teach the test where this function handed t lives")
    callee_module = module(path)
    return next(f for f in callee_module.tree.body if isinstance(f, ast.FunctionDef) and f.name == name), callee_module


@pytest.fixture(scope="module")
def used() -> dict[str, str]:
    """key → the first call that uses it."""
    out: dict[str, str] = {}
    for m, call, key in key_arguments():
        try:
            keys = strings_of(m, key)
        except Unresolved:
            pattern = family(m, key)
            assert pattern in DATA_FAMILIES, f"{m.where(call)}: a key built from {pattern!r}, whose values the test does not know"
            keys = {pattern.format(v) if "{}" in pattern else v for v in DATA_FAMILIES[pattern]()}
        for k in keys:
            out.setdefault(k, m.where(call))
    # a refusal's words: the key a ReportError or Refusal is raised with (test_refusals_have_chinese_wording checks them)
    for path in code_files():
        m = module(path)
        for node in ast.walk(m.tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith("refusal_"):
                out.setdefault(node.value, m.where(node))
    return out


def test_every_key_the_code_uses_is_in_the_table_in_both_languages(used):
    missing = {k: where for k, where in used.items() if k not in STRINGS}
    assert not missing, "keys the code uses that catalog/strings.csv lacks:\n" + "\n".join(
        f"{k}  ({w})" for k, w in sorted(missing.items())
    )
    assert all(zh.strip() and en.strip() for zh, en in STRINGS.values())


def test_every_key_in_the_table_is_used_by_the_code(used):
    unused = sorted(set(STRINGS) - set(used))
    assert not unused, f"rows of catalog/strings.csv no code uses: {unused}"


def test_the_table_has_one_sorted_row_per_key(tmp_path):
    rows = STRINGS_CSV.read_text(encoding="utf-8").splitlines()[1:]
    keys = [r.split(",", 1)[0] for r in rows]
    assert keys == sorted(keys) and len(keys) == len(set(keys)) == len(STRINGS)
    twice = tmp_path / "strings.csv"
    twice.write_text("key,zh,en\na,甲,A\na,乙,B\n", encoding="utf-8")
    with pytest.raises(ValueError, match="defined twice"):
        read_strings(twice)
    half = tmp_path / "half.csv"
    half.write_text("key,zh,en\na,甲,\n", encoding="utf-8")
    with pytest.raises(ValueError, match="its Chinese and its English"):
        read_strings(half)
