"""The package's layout holds: what may import what (docs/architecture.rst).

Every import is read from the source (module level and inside functions), so an import
hidden in a function counts as much as one at the top.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[1] / 'sphinx_kamerstuk'
#: Packages that bring in Sphinx or docutils (myst-parser and sphinx-needs too).
SPHINX = ('sphinx', 'docutils', 'sphinx_needs', 'myst_parser')
TYPE_CHECKING = {'TYPE_CHECKING', 'typing.TYPE_CHECKING'}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix('').parts
    return '.'.join(parts[:-1] if parts[-1] == '__init__' else parts)


def imports(path: Path) -> set[str]:
    """Every module this file imports, by full name (``from x import y`` gives ``x.y``
    when ``x.y`` is a module of the package, else ``x``)."""
    tree = ast.parse(path.read_text(encoding='utf-8'))
    for block in ast.walk(tree):  # what only type checkers read is not imported
        if isinstance(block, ast.If) and ast.unparse(block.test) in TYPE_CHECKING:
            block.body = []
    found: set[str] = set()
    package = (
        module_name(path) if path.name == '__init__.py' else module_name(path).rpartition('.')[0]
    )
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ''
            if node.level:
                anchor = package.split('.')[: len(package.split('.')) - node.level + 1]
                base = '.'.join([*anchor, *([base] if base else [])])
            for alias in node.names:
                candidate = f'{base}.{alias.name}'
                found.add(candidate if candidate in MODULES else base)
    return found


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob('*.py'))}
GRAPH = {name: {i for i in imports(path) if i in MODULES} for name, path in MODULES.items()}
EXTERNAL = {name: {i for i in imports(path) if i not in MODULES} for name, path in MODULES.items()}


def reaches(start: str) -> set[str]:
    """Every module of the package that importing ``start`` may import."""
    seen: set[str] = set()
    todo = [start]
    while todo:
        name = todo.pop()
        for imported in GRAPH[name]:
            # importing a.b.c runs a/__init__ and a/b/__init__ first
            parts = imported.split('.')
            for n in range(2, len(parts) + 1):
                parent = '.'.join(parts[:n])
                if parent in MODULES and parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
    return seen


def uses(name: str, packages: tuple[str, ...] = SPHINX) -> list[str]:
    return sorted(
        f'{module} imports {imported}'
        for module in {name, *reaches(name)}
        for imported in EXTERNAL[module]
        if imported.split('.')[0] in packages
    )


@pytest.mark.parametrize(
    'name', sorted(n for n in MODULES if n.startswith('sphinx_kamerstuk.core'))
)
def test_core_never_reaches_sphinx_or_docutils(name):
    assert uses(name) == []
    assert not any(m.startswith('sphinx_kamerstuk.ext') for m in reaches(name))


@pytest.mark.parametrize(
    'name',
    sorted(
        n
        for n in MODULES
        if n.startswith(
            ('sphinx_kamerstuk.cli', 'sphinx_kamerstuk.importers', 'sphinx_kamerstuk.lint')
        )
    ),
)
def test_the_command_line_never_reaches_sphinx(name):
    """docutils it may use: ``check --fix`` proves its fixes with docutils' parser."""
    assert uses(name, ('sphinx', 'sphinx_needs')) == []


def test_no_import_cycles():
    """Module-level and function-level imports alike (package ``__init__``s excluded:
    importing a submodule always runs them, which is no cycle of ours)."""
    cycles = []
    for start in GRAPH:
        if start.endswith('__init__'):
            continue
        stack = [(start, [start])]
        while stack:
            name, path = stack.pop()
            for imported in GRAPH[name]:
                if imported == start:
                    cycles.append(' -> '.join([*path, imported]))
                elif imported not in path and imported in GRAPH:
                    stack.append((imported, [*path, imported]))
    assert sorted(set(cycles)) == []


def test_the_architecture_page_names_every_module():
    """docs/architecture.rst stays true: a new module is described there too."""
    page = (PACKAGE.parent / 'docs' / 'architecture.rst').read_text(encoding='utf-8')
    missing = [
        name
        for name, path in MODULES.items()
        if path.name != '__init__.py' and f'``{path.name}``' not in page
    ]
    assert missing == []
