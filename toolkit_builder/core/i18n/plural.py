"""A catalogue's plural rule (`Plural-Forms: nplurals=2; plural=(n > 1);`), read as the C
expression gettext defines and computed here, never handed to Python: the standard library's
gettext turns the expression into Python source and runs it, and a catalogue arrives by pull
request. The rule is checked before use: every count from 0 to 1,000 (and a few large ones) must
give a form between 0 and nplurals - 1, without dividing by zero."""

from __future__ import annotations

import re
from typing import Callable

#: The tokens of a plural expression: numbers, `n`, C's operators and brackets.
_TOKEN = re.compile(r"\s*(?:([0-9]+)|(n)|(\|\||&&|==|!=|<=|>=|[-+*/%<>!?:()]))")
#: Longest expression and deepest nesting read: Arabic's rule, the longest in use, has 100
#: characters and three levels.
MAX_LENGTH = 400
MAX_DEPTH = 20
MAX_FORMS = 10
#: Counts the rule is tried with before use.
TRIED = [*range(1001), 10_000, 100_000, 1_000_000, 2**31 - 1]

Rule = Callable[[int], int]
_BINARY: dict[str, Callable[[int, int], int]] = {
    "||": lambda a, b: int(bool(a) or bool(b)), "&&": lambda a, b: int(bool(a) and bool(b)),
    "==": lambda a, b: int(a == b), "!=": lambda a, b: int(a != b), "<": lambda a, b: int(a < b),
    ">": lambda a, b: int(a > b), "<=": lambda a, b: int(a <= b), ">=": lambda a, b: int(a >= b),
    "+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b,
    "/": lambda a, b: _c_division(a, b)[0], "%": lambda a, b: _c_division(a, b)[1],
}
#: Binary operators from the loosest to the tightest, as in C.
_LEVELS = [("||",), ("&&",), ("==", "!="), ("<", ">", "<=", ">="), ("+", "-"), ("*", "/", "%")]


def _c_division(a: int, b: int) -> tuple[int, int]:
    if b == 0:
        raise ZeroDivisionError("the expression divides by zero")
    quotient = abs(a) // abs(b) * (1 if (a >= 0) == (b >= 0) else -1)  # C truncates toward zero
    return quotient, a - b * quotient


class _Parser:
    def __init__(self, expression: str):
        self.tokens: list[str] = []
        position = 0
        expression = expression.strip()
        while position < len(expression):
            match = _TOKEN.match(expression, position)
            if match is None or match.end() == position:
                raise ValueError(f"'{expression[position:position + 10]}' is not part of a plural expression")
            self.tokens.append(match.group(match.lastindex or 0))
            position = match.end()
        self.index = 0
        self.depth = 0

    def peek(self) -> str | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def take(self, expected: str | None = None) -> str:
        token = self.peek()
        if token is None or (expected is not None and token != expected):
            raise ValueError(f"expected '{expected}'" if expected else "the expression ends too early")
        self.index += 1
        return token

    def ternary(self) -> Rule:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ValueError(f"the expression nests deeper than {MAX_DEPTH} levels")
        condition = self.binary(0)
        if self.peek() == "?":
            self.take("?")
            then = self.ternary()
            self.take(":")
            otherwise = self.ternary()
            self.depth -= 1
            return lambda n: then(n) if condition(n) else otherwise(n)
        self.depth -= 1
        return condition

    def binary(self, level: int) -> Rule:
        if level == len(_LEVELS):
            return self.unary()
        left = self.binary(level + 1)
        while self.peek() in _LEVELS[level]:
            operation = _BINARY[self.take()]
            right = self.binary(level + 1)
            left = (lambda a, b, op: lambda n: op(a(n), b(n)))(left, right, operation)
        return left

    def unary(self) -> Rule:
        token = self.take()
        if token == "!":
            inner = self.unary()
            return lambda n: int(not inner(n))
        if token == "-":
            inner = self.unary()
            return lambda n: -inner(n)
        if token == "(":
            inner = self.ternary()
            self.take(")")
            return inner
        if token == "n":
            return lambda n: n
        if token.isdigit():
            value = int(token)
            return lambda n: value
        raise ValueError(f"'{token}' cannot start a value")


def plural_rule(header: str) -> tuple[int, Rule]:
    """(nplurals, the rule) of a `Plural-Forms` header value; ValueError says what is wrong."""
    fields = dict(part.strip().partition("=")[::2] for part in header.split(";") if part.strip())
    try:
        forms = int(fields.get("nplurals", ""))
    except ValueError:
        raise ValueError("nplurals is not a number") from None
    if not 1 <= forms <= MAX_FORMS:
        raise ValueError(f"nplurals is {forms}; it must be between 1 and {MAX_FORMS}")
    expression = fields.get("plural", "").strip()
    if not expression or len(expression) > MAX_LENGTH:
        raise ValueError(f"the plural expression is empty or longer than {MAX_LENGTH} characters")
    parser = _Parser(expression)
    rule = parser.ternary()
    if parser.peek() is not None:
        raise ValueError(f"'{parser.peek()}' is left over after the expression")
    for count in TRIED:
        try:
            form = rule(count)
        except ZeroDivisionError as error:
            raise ValueError(f"{error} for n = {count}") from None
        if not 0 <= form < forms:
            raise ValueError(f"for n = {count} the expression gives form {form}; nplurals={forms} allows 0 to "
                             f"{forms - 1}")
    return forms, rule
