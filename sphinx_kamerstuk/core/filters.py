"""The ``:filter:`` language of the toezeggingen views: a small, safe subset of Python.

A filter is written in a document, and documents hold text the project did not always
write, so a filter is never run by Python: it is parsed with :mod:`ast` (which runs
nothing), every node is checked against an allowlist and the kinds of the fields, and the
expression becomes plain functions over a record's fields. Anything else is a
:class:`FilterError` saying what is wrong and where, before a single record is read.
"""

from __future__ import annotations

import ast
import operator
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    #: The kind of an expression: a field kind, ``bool`` (a condition), or a list literal's.
    _Kind = str
    _Value = Callable[[Mapping[str, Any]], Any]

#: Longer filters are refused before they are parsed (a filter is a line or two).
MAX_LENGTH = 2000
#: Deeper nesting is refused, far below what Python's parser and recursion can take.
MAX_DEPTH = 40
#: The methods a filter may call, on text, with their number of arguments (all text).
METHODS: dict[str, int] = {
    'lower': 0,
    'upper': 0,
    'casefold': 0,
    'startswith': 1,
    'endswith': 1,
}

#: What a record's field holds: text, a number, or a list of text.
FieldKind = Literal['text', 'number', 'list']

_COMPARISONS: dict[type[ast.cmpop], tuple[str, Callable[[Any, Any], bool]]] = {
    ast.Eq: ('==', operator.eq),
    ast.NotEq: ('!=', operator.ne),
    ast.Lt: ('<', operator.lt),
    ast.LtE: ('<=', operator.le),
    ast.Gt: ('>', operator.gt),
    ast.GtE: ('>=', operator.ge),
    ast.In: ('in', lambda item, whole: item in whole),
    ast.NotIn: ('not in', lambda item, whole: item not in whole),
}
_ORDERED = ('text', 'number')
_NAMES = {
    'text': 'text',
    'number': 'a number',
    'bool': 'a condition',
    'list': 'a list of text',
    'list[number]': 'a list of numbers',
    'list[]': 'an empty list',
}
#: What the refused kinds of node are called in a message.
_REFUSED: dict[type[ast.AST], str] = {
    ast.Subscript: 'a subscript ([...])',
    ast.Lambda: 'a lambda',
    ast.ListComp: 'a comprehension',
    ast.SetComp: 'a comprehension',
    ast.DictComp: 'a comprehension',
    ast.GeneratorExp: 'a comprehension',
    ast.JoinedStr: 'an f-string',
    ast.NamedExpr: 'an assignment (:=)',
    ast.BinOp: 'arithmetic',
    ast.IfExp: 'a conditional expression (... if ... else ...)',
    ast.Dict: 'a dict',
    ast.Set: 'a set',
    ast.Starred: 'unpacking (*)',
    ast.Await: 'await',
    ast.UnaryOp: 'the operator ~',
}
#: Python's comparisons that are not the language's.
_OTHER_COMPARISONS: dict[type[ast.cmpop], str] = {ast.Is: 'is', ast.IsNot: 'is not'}


class FilterError(ValueError):
    """What is wrong with a filter, and where: ``column`` counts characters from 1."""

    def __init__(self, problem: str, column: int) -> None:
        super().__init__(f'{problem} (at character {column})')
        self.problem = problem
        self.column = column


@dataclass(frozen=True)
class Filter:
    """A checked filter: call it on a record (a mapping of the fields it reads)."""

    #: The fields it reads, so a caller builds only those.
    fields: frozenset[str]
    _test: _Value

    def __call__(self, record: Mapping[str, Any]) -> bool:
        return bool(self._test(record))


def compile_filter(text: str, fields: Mapping[str, FieldKind]) -> Filter:
    """Check ``text`` against the language and ``fields``; raise :class:`FilterError`."""
    # an option value may go on over several lines: one character each, so columns hold
    source = text.replace('\r', ' ').replace('\n', ' ').strip()
    if len(source) > MAX_LENGTH:
        raise FilterError(
            f'expected at most {MAX_LENGTH} characters, not {len(source)}', MAX_LENGTH + 1
        )
    if '\0' in source:  # Python versions differ in what they raise, and where
        raise FilterError('expected text without NUL characters', source.index('\0') + 1)
    try:
        with warnings.catch_warnings():
            # what Python only warns about ("1and") is not read silently either
            warnings.simplefilter('error', SyntaxWarning)
            tree = ast.parse(source, mode='eval')
    except SyntaxError as exc:
        # Python says 0 for "at the end"
        column = exc.offset or len(source) + 1
        raise FilterError(f'cannot be read as an expression ({exc.msg})', column) from None
    except (RecursionError, MemoryError):
        raise FilterError(f'nested more than {MAX_DEPTH} levels deep', 1) from None
    checker = _Checker(source, fields)
    _kind, test = checker.expression(tree.body, 1)
    return Filter(frozenset(checker.used), test)


class _Checker:
    """Turns an allowed node into (its kind, a function of the record); refuses the rest."""

    def __init__(self, source: str, fields: Mapping[str, FieldKind]) -> None:
        self.encoded = source.encode('utf-8')
        self.fields = fields
        self.used: set[str] = set()

    def error(self, node: ast.AST, problem: str) -> FilterError:
        # ast counts UTF-8 bytes; the message counts characters
        offset = getattr(node, 'col_offset', 0)
        column = len(self.encoded[:offset].decode('utf-8', errors='ignore')) + 1
        return FilterError(problem, column)

    def written(self, node: ast.expr) -> str:
        """The node as written (shortened): :func:`ast.unparse` recurses, this does not."""
        return shortened(
            self.encoded[node.col_offset : node.end_col_offset].decode('utf-8', 'ignore')
        )

    def expression(self, node: ast.expr, depth: int) -> tuple[_Kind, _Value]:
        if depth > MAX_DEPTH:
            raise self.error(node, f'nested more than {MAX_DEPTH} levels deep')
        inner = depth + 1
        match node:
            case ast.Name(id=name):
                return self.field(node, name)
            case ast.Constant() | ast.UnaryOp(op=ast.USub() | ast.UAdd()):
                kind, value = self.literal(node)
                return kind, lambda _record: value
            case ast.UnaryOp(op=ast.Not(), operand=operand):
                _kind, test = self.expression(operand, inner)
                return 'bool', lambda record: not test(record)
            case ast.BoolOp(op=op, values=values):
                tests = [self.expression(value, inner)[1] for value in values]
                join = all if isinstance(op, ast.And) else any
                return 'bool', lambda record: join(test(record) for test in tests)
            case ast.Compare(left=left, ops=ops, comparators=comparators):
                return self.comparison(left, ops, comparators, inner)
            case ast.Call(func=ast.Attribute(value=receiver, attr=method)):
                return self.call(node, receiver, method, inner)
            case ast.List(elts=elements) | ast.Tuple(elts=elements):
                return self.list_literal(node, elements)
            case ast.Call(func=ast.Name(id=name)):
                raise self.error(node, f'a call of {name}(): {self.methods()}')
            case ast.Call():
                raise self.error(node, f'a call: {self.methods()}')
            case ast.Attribute(attr=attr):
                raise self.error(node, f'attribute access (.{attr}): {self.methods()}')
        description = _REFUSED.get(type(node), type(node).__name__)
        raise self.error(node, f'{description} is not part of the filter language')

    def field(self, node: ast.expr, name: str) -> tuple[_Kind, _Value]:
        kind = self.fields.get(name)
        if kind is None:
            raise self.error(
                node, f'unknown field {name!r}; the fields are {", ".join(sorted(self.fields))}'
            )
        self.used.add(name)
        return kind, lambda record: record[name]

    def literal(self, node: ast.expr) -> tuple[_Kind, str | int | float]:
        match node:
            case ast.Constant(value=str() as value):
                return 'text', value
            case ast.Constant(value=int() | float() as value) if not isinstance(value, bool):
                return 'number', value
            case ast.UnaryOp(op=ast.USub(), operand=ast.Constant(value=int() | float() as value)):
                if not isinstance(value, bool):
                    return 'number', -value
            case ast.UnaryOp(op=ast.UAdd(), operand=ast.Constant(value=int() | float() as value)):
                if not isinstance(value, bool):
                    return 'number', value
        raise self.error(
            node, f'the value {self.written(node)}: expected text in quotes or a number'
        )

    def list_literal(self, node: ast.expr, elements: list[ast.expr]) -> tuple[_Kind, _Value]:
        kinds, values = set(), []
        for element in elements:
            kind, value = self.literal(element)
            kinds.add(kind)
            values.append(value)
        if len(kinds) > 1:
            raise self.error(node, 'a list of both text and numbers')
        kind = {'text': 'list', 'number': 'list[number]'}.get(next(iter(kinds), ''), 'list[]')
        return kind, lambda _record: values

    def comparison(
        self, left: ast.expr, ops: list[ast.cmpop], comparators: list[ast.expr], depth: int
    ) -> tuple[_Kind, _Value]:
        left_kind, left_value = self.expression(left, depth)
        steps = []
        for op, right in zip(ops, comparators, strict=True):
            if type(op) not in _COMPARISONS:
                raise self.error(
                    right, f'the operator {_OTHER_COMPARISONS.get(type(op))!r}: {_OPERATORS}'
                )
            symbol, compare = _COMPARISONS[type(op)]
            right_kind, right_value = self.expression(right, depth)
            if not _comparable(symbol, left_kind, right_kind):
                raise self.error(
                    left,
                    f'{symbol!r} compares {_NAMES[left_kind]} with {_NAMES[right_kind]}',
                )
            steps.append((left_value, compare, right_value))
            left_kind, left_value = right_kind, right_value
        return 'bool', lambda record: all(
            compare(first(record), second(record)) for first, compare, second in steps
        )

    def call(
        self, node: ast.Call, receiver: ast.expr, method: str, depth: int
    ) -> tuple[_Kind, _Value]:
        if method not in METHODS:
            raise self.error(node, f'the method {method}(): {self.methods()}')
        if node.keywords or len(node.args) != METHODS[method]:
            raise self.error(node, f'{method}() takes {METHODS[method]} argument(s)')
        kind, value = self.expression(receiver, depth)
        if kind != 'text':
            raise self.error(node, f'{method}() is a method of text, not of {_NAMES[kind]}')
        arguments = []
        for argument in node.args:
            argument_kind, argument_value = self.expression(argument, depth)
            if argument_kind != 'text':
                raise self.error(argument, f'{method}() takes text, not {_NAMES[argument_kind]}')
            arguments.append(argument_value)
        function = getattr(str, method)  # one of METHODS
        if not arguments:
            return 'text', lambda record: function(value(record))
        (argument_value,) = arguments
        return 'bool', lambda record: function(value(record), argument_value(record))

    @staticmethod
    def methods() -> str:
        names = ', '.join(f'{name}()' for name in METHODS)
        return f'only the text methods {names} can be called'


def shortened(text: str, limit: int = 40) -> str:
    """Long text quoted in a message: its start is enough to find it."""
    return text if len(text) <= limit else text[: limit - 1] + '…'


_OPERATORS = 'expected ' + ', '.join(symbol for symbol, _compare in _COMPARISONS.values())


def _comparable(symbol: str, left: _Kind, right: _Kind) -> bool:
    if symbol in ('in', 'not in'):
        if right == 'text':
            return left == 'text'  # a part of the text
        return (left, right) in (('text', 'list'), ('number', 'list[number]')) or (
            right == 'list[]' and left in _ORDERED
        )
    if symbol in ('==', '!='):
        lists = left.startswith('list') and right.startswith('list')
        return left == right or (lists and 'list[]' in (left, right))
    return left == right and left in _ORDERED
