"""Notebooks as submissions: the graded code of a .ipynb, as a module the worker can load.

Only graded code runs. Graded functions come from the code cells marked
`# GRADED FUNCTION: name` (the course's marker) or, in a notebook without markers, from
the code cells that define a graded function at top level. A graded function may use
what the student defined in another cell: the definitions it needs (functions, classes,
imports, names set without calling anything) are taken along, transitively, and nothing else of any
cell runs: not the data loading, the plots or the notebook's own tests. IPython magics
and shell lines become `pass`, with a note. The module keeps, for each of its lines,
the cell and line it came from, so messages can name the cell as Jupyter shows it.
"""

from __future__ import annotations

import ast
import builtins
import dataclasses
import re
from pathlib import Path

from grader import course_versions, ipynb
from grader.catalog import course_arguments
from grader.course import HELPERS
from grader.ipynb import NotebookError

# A notebook's outputs (plots, printed arrays) can weigh many megabytes; they are never read.
MAX_NOTEBOOK_BYTES = 64 << 20
MARKER = re.compile(r"^[ \t]*#[ \t]*GRADED[ \t]+FUNCTION[ \t]*:[ \t]*([A-Za-z_]\w*)", re.M | re.I)
# A line of IPython's own: a magic, a shell command, an assignment from either, or help (`f?`, `?f`).
_MAGIC = re.compile(r"^([ \t]*)(?:[!%?]|[\w., \t]+=[ \t]*[!%]|[\w.]+\?\??[ \t]*$)")
_CELL_MAGICS_OF_PYTHON = ("%%time", "%%timeit", "%%capture")
_OUTPUTS_NOTED = 1 << 20


@dataclasses.dataclass(frozen=True)
class Cell:
    index: int  # among all the notebook's cells, from 0
    execution_count: int | None
    source: str  # as the student wrote it

    @property
    def label(self) -> str:
        """The cell as Jupyter shows it: In [7], or its place when it never ran."""
        return f"In [{self.execution_count}]" if self.execution_count is not None else f"cell {self.index + 1}"

    @property
    def named(self) -> str:
        """'cell In [7]', or 'cell 12'."""
        return f"cell {self.label}" if self.execution_count is not None else self.label

    def as_json(self) -> dict:
        """What a result carries of its cell: the label Jupyter shows, the cell named in a sentence, its source."""
        return {"label": self.label, "place": self.named, "source": self.source}


@dataclasses.dataclass
class Extracted:
    """A notebook's graded code as one module, and where each of its lines came from."""

    name: str  # the notebook's file name
    source: str
    origins: list[tuple[Cell, int] | None]  # per line of `source` (from 0): the cell and its line (from 1)
    functions: set[str]  # the graded functions it defines
    errors: dict[str, tuple[str, Cell, int]]  # graded function -> why it cannot be graded, in which cell, at which line
    notes: list[str]
    version: course_versions.Recognised | None = None  # the course's version the notebook is of, if it shows
    marked: frozenset[str] = frozenset()  # the graded functions a `# GRADED FUNCTION: name` line names

    @property
    def attempted(self) -> set[str]:
        """The graded functions it defines, or tries to (in a cell that does not parse)."""
        return self.functions | set(self.errors)

    def origin(self, line: int | None) -> tuple[Cell, int] | None:
        if line is None or not 1 <= line <= len(self.origins):
            return None
        return self.origins[line - 1]


def read_cells(path: Path) -> list[tuple[Cell, str, ast.Module | None]]:
    """The notebook's code cells, each with its source as Python (magics made `pass`) and that
    parsed, or None where it does not parse; raises NotebookError."""
    size = path.stat().st_size
    if size > MAX_NOTEBOOK_BYTES:
        raise NotebookError(f"{path.name} is {size / (1 << 20):.1f} MiB; a notebook is graded up to "
                            f"{MAX_NOTEBOOK_BYTES >> 20} MiB (clear its outputs: Edit > Clear Outputs of All Cells)")
    cells = []
    for index, cell in enumerate(ipynb.cells(path)):
        if cell.get("cell_type") == "code" and isinstance(cell.get("source"), str):
            count = cell.get("execution_count")
            source = cell["source"].replace("\r\n", "\n").replace("\r", "\n")  # as Python reads it
            cells.append((Cell(index, count if isinstance(count, int) else None, source), *_as_python(source)))
    return cells


def _as_python(source: str) -> tuple[str, ast.Module | None]:
    """The cell with IPython's own syntax made `pass`, line for line, so line numbers stay
    those of the cell; and that parsed. Python that parses is left as it is: a magic never does."""
    if (tree := _parsed(source)) is not None:
        return source, tree
    lines = source.split("\n")
    if lines and lines[0].lstrip().startswith("%%"):
        if not lines[0].strip().startswith(_CELL_MAGICS_OF_PYTHON):
            return "", _parsed("")  # the cell is in another language (%%bash, %%html ...)
        lines[0] = "pass"
    python = "\n".join(_MAGIC.sub(r"\1pass  # ", line) if _MAGIC.match(line) else line for line in lines)
    return python, _parsed(python)


def _magic_lines(source: str, python: str) -> list[str]:
    return [line.strip() for line, kept in zip(source.split("\n"), python.split("\n")) if line != kept]


def extract(path: Path, graded: set[str]) -> Extracted:
    """The module of a notebook's graded code; `graded`: the names of the graded functions."""
    parsed = read_cells(path)
    notes: list[str] = []
    size = path.stat().st_size
    if size > _OUTPUTS_NOTED:
        notes.append(f"{path.name} is {size / (1 << 20):.1f} MiB, mostly cell outputs; outputs are not read")
    marked = [(cell, python, tree) for cell, python, tree in parsed
              if any(name in graded for name in MARKER.findall(cell.source))]
    found: dict[str, list[_Definition]] = {}  # graded function -> each of its definitions
    for cell, python, tree in marked:
        _take_graded(cell, python, tree, graded, found, notes, path.name)
    # A graded function outside the marked cells (a marker deleted, or alone in the cell above)
    # is still the student's answer; without any marker, every function is found this way.
    for cell, python, tree in parsed:
        if not any(cell is other for other, _, _ in marked):
            defined = _defined(tree) if tree is not None else def_lines(python)
            if unmarked := defined & graded:
                _take_graded(cell, python, tree, unmarked, found, notes, path.name)
    chosen: dict[str, tuple[Cell, ast.stmt]] = {}  # graded function -> the definition graded
    errors: dict[str, tuple[str, Cell, int]] = {}  # graded function -> why not, where
    for name in sorted(found):
        held = _held(name, found[name], notes, path.name)
        if held.error is not None:
            errors[name] = held.error
        else:
            chosen[name] = (held.cell, held.statement)
        if marked and not any(held.cell is cell for cell, _, _ in marked):
            notes.append(f"{path.name}: {name} is graded from {held.cell.named}, which has no "
                         f"`# GRADED FUNCTION: {name}` line")
    included = _needed(chosen, _definitions(parsed, graded), _changed(parsed), notes, path.name)
    python = {cell.index: text.split("\n") for cell, text, _ in parsed}
    version = course_versions.recognise(path.name, course_versions.imported_modules(tree for _, _, tree in parsed))
    named = frozenset(name for cell, _, _ in marked for name in MARKER.findall(cell.source)) & graded
    return dataclasses.replace(_assemble(path.name, included, python, chosen, errors, notes), version=version,
                               marked=named)


def kernel_order(cell: Cell, statement: ast.stmt | None) -> tuple:
    """Later is greater, as the student's kernel saw it: a cell that ran after one that did not
    run at all, then by execution count; where neither says, the notebook's order."""
    count = cell.execution_count
    return (count is not None, count or 0, cell.index, statement.lineno if statement else 0)


@dataclasses.dataclass(frozen=True)
class _Definition:
    """One definition of a graded function: its statement, or why its cell cannot be graded."""

    cell: Cell
    statement: ast.FunctionDef | ast.AsyncFunctionDef | None
    error: tuple[str, Cell, int] | None = None  # the cell does not parse: the message, the cell, the line

    @property
    def order(self) -> tuple:
        return kernel_order(self.cell, self.statement)

    def takes_the_course_arguments(self, name: str) -> bool:
        """Whether it can be called as the grader calls `name` (a broken cell cannot say: yes)."""
        if self.statement is None:
            return True
        arguments = self.statement.args
        if any(default is None for default in arguments.kw_defaults):  # a keyword-only argument it must be given
            return False
        positional = len(arguments.posonlyargs) + len(arguments.args)
        wanted = len(course_arguments(name))
        return positional - len(arguments.defaults) <= wanted and (wanted <= positional or arguments.vararg is not None)


def _held(name: str, definitions: list[_Definition], notes: list[str], notebook: str) -> _Definition:
    """The definition of `name` the student's kernel held: the last to run where cells ran (the
    highest execution count), else the last in the notebook; but if that one cannot take the
    course's arguments and another can, the latest of those. A note says which and why."""
    ran = [definition for definition in definitions if definition.cell.execution_count is not None]
    held = max(definitions, key=lambda definition: definition.order)
    why = "the last of them to run, as the kernel held it" if ran else "the last in the notebook, as Jupyter would run it"
    if not held.takes_the_course_arguments(name):
        fitting = [definition for definition in definitions if definition.takes_the_course_arguments(name)]
        if fitting:
            held = max(fitting, key=lambda definition: definition.order)
            why = (f"the last {'to run ' if ran else ''}of those that take the course's arguments "
                   f"({', '.join(course_arguments(name))})")
    cells = list(dict.fromkeys(definition.cell.named for definition in definitions))
    if len(cells) > 1:
        notes.append(f"{notebook}: {name} is defined in {', '.join(cells[:-1])} and {cells[-1]}; "
                     f"the one in {held.cell.named} is graded: {why}")
    return held


def _take_graded(cell: Cell, python: str, tree: ast.Module | None, graded: set[str],
                 found: dict[str, list[_Definition]], notes: list[str], notebook: str) -> None:
    """Gather the definitions of graded functions from a cell taken for them; note what of it does not run."""
    if tree is None:
        error = _syntax_error(python)
        names = set(MARKER.findall(cell.source)) | def_lines(python)
        for name in names & graded:  # `graded`: the functions this cell is taken for
            found.setdefault(name, []).append(_Definition(cell, None, (
                f"{type(error).__name__} in {notebook}, {cell.named}, line {error.lineno}: {error.msg}",
                cell, error.lineno)))
        return
    for line in _magic_lines(cell.source, python):
        notes.append(f"{notebook}, {cell.named}: `{line}` is IPython's, not Python; it was left out")
    for statement in tree.body:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)) and statement.name in graded:
            found.setdefault(statement.name, []).append(_Definition(cell, statement))
        elif not _is_definition(statement):
            code = python.split("\n")[statement.lineno - 1].strip()
            notes.append(f"{notebook}, {cell.named}, line {statement.lineno}: `{code[:60]}` is not a definition; "
                         "it does not run when graded")


def _parsed(python: str) -> ast.Module | None:
    try:
        return ast.parse(python)
    except (SyntaxError, ValueError, MemoryError, RecursionError):  # null bytes; nesting too deep for the parser
        return None


def _syntax_error(python: str) -> SyntaxError:
    try:
        ast.parse(python)
    except SyntaxError as error:
        return error
    except (ValueError, MemoryError, RecursionError) as error:
        return SyntaxError(f"{type(error).__name__}: {error}" if str(error) else type(error).__name__, ("", 1, 0, ""))
    raise AssertionError("the cell parses")


def def_lines(python: str) -> set[str]:
    """The functions code that may not parse means to define at top level, from its `def` lines."""
    return set(re.findall(r"^(?:async[ \t]+)?def[ \t]+(\w+)", python, re.M))


def last_definition(python: str, name: str) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    """The last top-level definition of `name` in `python`, the one a call reaches; None when
    there is none or the code does not parse."""
    try:
        tree = ast.parse(python)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return None
    return next((statement for statement in reversed(tree.body)
                 if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)) and statement.name == name), None)


def _defined(tree: ast.Module) -> set[str]:
    return {statement.name for statement in tree.body if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef))}


def _is_definition(statement: ast.stmt) -> bool:
    return isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Import, ast.ImportFrom,
                                  ast.Pass)) or (isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant)) \
        or _is_plain_assignment(statement)


_RUNS_CODE = (ast.Call, ast.Await, ast.Yield, ast.YieldFrom, ast.NamedExpr, ast.ListComp, ast.SetComp, ast.DictComp,
              ast.GeneratorExp)


def _is_plain_assignment(statement: ast.stmt) -> bool:
    """`EPS = 10 ** -8`, `dot = np.dot`, `sigma = lambda z: ...`: names set without calling anything,
    which is safe to run."""
    if isinstance(statement, ast.Assign) and all(_names_only(target) for target in statement.targets):
        value = statement.value
    elif isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name) and statement.value:
        value = statement.value
    else:
        return False
    pending = [value]
    while pending:
        node = pending.pop()
        if isinstance(node, _RUNS_CODE):
            return False
        if isinstance(node, ast.Lambda):  # its body runs only when called; its defaults run now
            pending.extend([*node.args.defaults, *(d for d in node.args.kw_defaults if d)])
        else:
            pending.extend(ast.iter_child_nodes(node))
    return True


def _names_only(target: ast.expr) -> bool:
    if isinstance(target, (ast.Tuple, ast.List)):
        return all(_names_only(element) for element in target.elts)
    return isinstance(target, ast.Name)


def _target_names(target: ast.expr) -> list[str]:
    """The names an assignment to `target` binds: `a`, `a, b`; not `a[0]` or `a.b`, which rebind nothing."""
    if isinstance(target, (ast.Tuple, ast.List)):
        return [name for element in target.elts for name in _target_names(element)]
    if isinstance(target, ast.Starred):
        return _target_names(target.value)
    return [target.id] if isinstance(target, ast.Name) else []


def _bound(statement: ast.stmt) -> list[str]:
    """The names a top-level statement binds, if it is one the grader may run."""
    if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return [statement.name]
    if isinstance(statement, (ast.Import, ast.ImportFrom)):
        return [(alias.asname or alias.name).partition(".")[0] for alias in statement.names if alias.name != "*"]
    if _is_plain_assignment(statement):
        return _assigned(statement)
    return []


def _assigned(statement: ast.stmt) -> list[str]:
    targets = statement.targets if isinstance(statement, ast.Assign) else \
        [statement.target] if isinstance(statement, (ast.AnnAssign, ast.AugAssign)) else []
    return [name for target in targets for name in _target_names(target)]


def _definitions(parsed, graded: set[str]) -> dict[str, tuple[Cell, ast.stmt | None]]:
    """Each name's top-level binding the grader may run, the one the kernel held (the latest by
    `kernel_order`); or, for a name only code that does not run binds (`difference =
    gradient_check(...)` in a test cell), (its cell, None).

    No assignment runs from a cell that calls a graded function without defining one: the
    course's test cells set inputs (`learning_rate0 = 0.5`) next to the call they test, and a
    function that reads such a name by mistake must fail as it would in a .py file. A value
    never replaces a function, class or import of the same name (`mask = None` after
    `def mask(...)`), and code that does not run rebinds nothing (`C = compute()` after
    `C = 5` leaves 5, which the notes name with its cell)."""
    defined: dict = {}
    assigned: dict = {}
    other: dict = {}
    for cell, _, tree in parsed:
        if tree is None:
            continue
        tests = _calls_graded(tree, graded) and not _defined(tree) & graded
        for statement in tree.body:
            takes = [] if tests and isinstance(statement, (ast.Assign, ast.AnnAssign)) else _bound(statement)
            for name in takes:
                kind = assigned if isinstance(statement, (ast.Assign, ast.AnnAssign)) else defined
                if name not in kind or kernel_order(cell, statement) > kernel_order(*kind[name]):
                    kind[name] = (cell, statement)
            if not takes:
                for name in _assigned(statement):
                    if name not in other or kernel_order(cell, None) >= kernel_order(other[name][0], None):
                        other[name] = (cell, None)
    return {**other, **assigned, **defined}


def _calls_graded(tree: ast.Module, graded: set[str]) -> bool:
    """Whether top-level code of the cell (not a function it defines) calls a graded function
    or a test of one (`update_lr_test(update_lr)`)."""
    pending = [statement for statement in tree.body
               if not isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))]
    while pending:
        node = pending.pop()
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                and (node.func.id in graded or node.func.id.endswith("_test")):
            return True
        if not isinstance(node, ast.Lambda):
            pending.extend(ast.iter_child_nodes(node))
    return False


def _changed(parsed) -> dict[str, Cell]:
    """Names whose value top-level code changes in place (`CONFIG['rate'] = 0.1`, `np.random.seed = f`):
    that code does not run when graded."""
    found = {}
    for cell, _, tree in parsed:
        for statement in tree.body if tree is not None else []:
            targets = statement.targets if isinstance(statement, ast.Assign) else \
                [statement.target] if isinstance(statement, (ast.AugAssign, ast.AnnAssign)) else []
            for target in targets:
                while isinstance(target, (ast.Subscript, ast.Attribute)):
                    target = target.value
                    if isinstance(target, ast.Name):
                        found[target.id] = cell
    return found


def _used(statement: ast.stmt) -> set[str]:
    """The names a statement reads from the module: for a function, those it does not bind itself."""
    loaded = {node.id for node in ast.walk(statement) if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)}
    if not isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return loaded
    local = {node.id for node in ast.walk(statement) if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load)}
    local |= {argument.arg for node in ast.walk(statement) if isinstance(node, ast.arguments)
              for argument in [*node.posonlyargs, *node.args, *node.kwonlyargs, node.vararg, node.kwarg] if argument}
    local |= {node.name for node in ast.walk(statement) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef,
                                                                          ast.ClassDef)) and node is not statement}
    local |= {(alias.asname or alias.name).partition(".")[0] for node in ast.walk(statement)
              if isinstance(node, (ast.Import, ast.ImportFrom)) for alias in node.names}
    declared = {name for node in ast.walk(statement) if isinstance(node, ast.Global) for name in node.names}
    return loaded - (local - declared)


def _needed(chosen, definitions, changed, notes: list[str], notebook: str) -> dict[int, tuple[Cell, ast.stmt]]:
    """Every definition the graded functions use, transitively (not themselves), keyed by identity.
    A definition in the notebook comes before a builtin of the same name (`def max(...)`)."""
    takeable = _Takeable(definitions, set(chosen))
    included: dict[int, tuple[Cell, ast.stmt]] = {}
    pending = [statement for _, statement in chosen.values()]
    missing, assigned, mutated = set(), set(), set()
    while pending:
        for name in sorted(_used(pending.pop())):
            if name in changed and name in definitions:
                mutated.add(f"{name} (in {changed[name].named})")
            if name in chosen or name not in definitions:
                continue
            where, definition = definitions[name]
            if not takeable(name):
                if name not in HELPERS and not hasattr(builtins, name):  # those are there anyway
                    missing.add(f"{name} (set in {where.named})")
            elif id(definition) not in included:
                included[id(definition)] = (where, definition)
                pending.append(definition)
                if isinstance(definition, (ast.Assign, ast.AnnAssign)):
                    assigned.add(f"{name} (set in {where.named})")
    if missing:
        notes.append(f"{notebook}: the graded code uses {', '.join(sorted(missing))}, set by code that does "
                     "not run when graded")
    if assigned:
        notes.append(f"{notebook}: the graded code uses {', '.join(sorted(assigned))}, set to a value that "
                     "needs no code to run, so it was taken along")
    if mutated:
        notes.append(f"{notebook}: the graded code uses {', '.join(sorted(mutated))}, changed there by code "
                     "that does not run when graded")
    return included


class _Takeable:
    """Whether an assignment outside the graded functions may run, worked out once per name.

    It must not replace one of the course's helpers (a cell that sets `relu = None` is no
    helper of the student's) nor read a graded function (those come last in the module), and
    what it reads as it runs must be there: builtins, the helpers, or names the grader may define."""

    def __init__(self, definitions, graded: set[str]):
        self.definitions, self.graded, self.known = definitions, graded, {}

    def __call__(self, name: str) -> bool:
        if name not in self.known:
            self.known[name] = False  # a name that reads itself, through others, may not run
            self.known[name] = self._decide(name)
        return self.known[name]

    def _decide(self, name: str) -> bool:
        definition = self.definitions.get(name, (None, None))[1]
        if definition is None:
            return False
        if not isinstance(definition, (ast.Assign, ast.AnnAssign)):
            return True
        if name in HELPERS:
            return False
        return all(used not in self.graded and ((used in self.definitions and self(used)) or used in HELPERS
                                                or hasattr(builtins, used))
                   for used in _read_now(definition.value))


def _read_now(value: ast.expr) -> set[str]:
    """The names an expression reads as it is evaluated (a lambda's body is read only when called)."""
    found = set()
    pending = [value]
    while pending:
        node = pending.pop()
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
            found.add(node.id)
        if isinstance(node, ast.Lambda):
            pending.extend([*node.args.defaults, *(d for d in node.args.kw_defaults if d)])
        else:
            pending.extend(ast.iter_child_nodes(node))
    return found


def _assemble(name: str, included, python: dict[int, list[str]], chosen, errors, notes) -> Extracted:
    """What the graded functions use, then the graded functions, each in the notebook's order
    and as its lines in the cell: an import taken along for one name never rebinds a graded one."""
    lines: list[str] = []
    origins: list[tuple[Cell, int] | None] = []

    def in_order(items):
        return sorted(items, key=lambda item: (item[0].index, item[1].lineno))

    for cell, statement in in_order(included.values()) + in_order(chosen.values()):
        for number, text in _segment(python[cell.index], statement):
            lines.append(text)
            origins.append((cell, number))
        lines.append("")
        origins.append(None)
    return Extracted(name, "\n".join(lines) + "\n", origins, set(chosen), errors, notes)


def _segment(lines: list[str], statement: ast.stmt) -> list[tuple[int, str]]:
    """(line number, text) of the statement alone: `import x; print(1)` gives `import x`.
    Columns count UTF-8 bytes, as the parser counts them."""
    decorators = getattr(statement, "decorator_list", [])
    first = min([statement.lineno, *(d.lineno for d in decorators)])
    found = [(number, lines[number - 1].encode()) for number in range(first, statement.end_lineno + 1)]
    number, text = found[-1]
    found[-1] = (number, text[:statement.end_col_offset])
    if not decorators:
        number, text = found[0]
        found[0] = (number, text[statement.col_offset:])
    return [(number, text.decode(errors="replace")) for number, text in found]


def localize(text: str, extracted: Extracted, loaded: str) -> str:
    """`text` (a message, a traceback) with places in the module `loaded` made places in the notebook."""
    def place(line: str) -> str | None:
        origin = extracted.origin(int(line))
        return f"{origin[0].named}, line {origin[1]}" if origin else None

    def in_traceback(match: re.Match) -> str:
        where = place(match.group(1))
        return f'File "{extracted.name}", {where}' if where else match.group(0)

    def in_message(match: re.Match) -> str:
        where = place(match.group(1))
        return f"{extracted.name}, {where}" if where else match.group(0)

    def at_end(match: re.Match) -> str:
        where = place(match.group(1))
        return f"({where})" if where else match.group(0)

    name = re.escape(loaded)
    text = re.sub(rf'File "{name}", line (\d+)', in_traceback, text)
    text = re.sub(rf"{name}, line (\d+)", in_message, text)
    text = re.sub(r"\(line (\d+)\)$", at_end, text)
    return text.replace(loaded, extracted.name)
