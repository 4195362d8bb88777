"""The query language: parsing a reader's query into a tree, with a plain-words fallback.

Grammar (operators in capitals only; lowercase `or`/`and`/`not` are ordinary words):
    query := or ; or := and ("OR" and)* ; and := unary (["AND"] unary)*
    unary := ("NOT" | "-") unary | ["+"] atom ; atom := "(" or ")" | [field ":"] value
    value := word | word* | wo?d | word~ | word~2 | "a phrase"
Fields: title body person org place dump source lang date, and the reader's marks: `is:read`,
`is:unread`, `is:starred`, `tag:NAME`. Dates: `2014`, `2014-04`, `2014-04-01`,
`A..B` (either side may be left open), `>A`, `>=A`, `<A`, `<=A`.
A query that does not parse is read as its plain words (`Parsed.fallback` says why).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from index.search.query_dates import DateClause, QuerySyntaxError, parse_date

TEXT_FIELDS = ("title", "body", "person", "org", "place")
META_FIELDS = ("dump", "source", "lang", "story")  # story:ID narrows to one story's articles
STATE_FIELDS = ("is", "tag")
IS_VALUES = ("read", "unread", "starred")
FIELD_ALIASES = {"text": "body", "language": "lang", "organization": "org", "organisation": "org"}
KNOWN_FIELDS = (*TEXT_FIELDS, *META_FIELDS, *STATE_FIELDS, "date")
OPERATORS = ("OR", "AND", "NOT")
MAX_QUERY_CHARS = 1000


# -- the tree ---------------------------------------------------------------------------------


@dataclass(slots=True)
class TextClause:
    """Words to find: in one field, or (field None) in title, body and the entity fields."""

    field: str | None
    text: str
    kind: str = "word"  # word | phrase | prefix | wildcard | fuzzy
    distance: int = 1  # for fuzzy
    start: int = 0  # span in the query string (for "did you mean")
    end: int = 0

    def render(self) -> str:
        prefix = f"{self.field}:" if self.field else ""
        if self.kind == "phrase":
            return f'{prefix}"{self.text}"'
        if self.kind == "fuzzy":
            return f"{prefix}{self.text}~{self.distance if self.distance != 1 else ''}"
        if self.kind == "prefix":
            return f"{prefix}{self.text}*"
        return f"{prefix}{self.text}"


@dataclass(slots=True)
class MetaClause:
    """An exact value of dump, source or lang."""

    field: str
    value: str

    def render(self) -> str:
        value = f'"{self.value}"' if re.search(r"[\s()\"]", self.value) else self.value
        return f"{self.field}:{value}"


@dataclass(slots=True)
class StateClause:
    """A mark the reader keeps: `is:read`, `is:unread`, `is:starred` or `tag:NAME`."""

    field: str  # is | tag
    value: str

    def render(self) -> str:
        return f"{self.field}:{self.value}"


@dataclass(slots=True)
class Not:
    """What a `-` leaves out."""

    child: Node

    def render(self) -> str:
        return f"-{_render(self.child, nested=True)}"


@dataclass(slots=True)
class And:
    """Clauses that must all match."""

    children: list[Node]

    def render(self) -> str:
        return " ".join(_render(c, nested=True) for c in self.children)


@dataclass(slots=True)
class Or:
    """Clauses any of which may match."""

    children: list[Node]

    def render(self) -> str:
        return " OR ".join(_render(c, nested=True) for c in self.children)


Node = TextClause | MetaClause | DateClause | StateClause | Not | And | Or


def _render(node: Node, nested: bool = False) -> str:
    text = node.render()
    if nested and isinstance(node, (And, Or)) and len(node.children) > 1:
        return f"({text})"
    return text


@dataclass(slots=True)
class Parsed:
    """A parsed query: the tree (None when the query is empty) and how it was read."""

    text: str
    tree: Node | None
    fallback: str = ""  # why the query was read as plain words, "" when it parsed

    @property
    def interpreted(self) -> str:
        if self.tree is None:
            return "all articles" if not self.fallback else f"{self.fallback}: nothing searched"
        rendered = _render(self.tree)
        return f"{self.fallback}; read as: {rendered}" if self.fallback else rendered


# -- tokens -----------------------------------------------------------------------------------

_TOKEN = re.compile(
    r"""(?P<space>\s+)
      | (?P<lparen>\()
      | (?P<rparen>\))
      | (?P<field>[A-Za-z]+):(?=\S|\s*$)
      | (?P<phrase>"[^"]*"?)
      | (?P<word>[^\s()"]+)
    """,
    re.VERBOSE,
)


@dataclass(slots=True)
class Token:
    """One token of a query and its span in the query string."""

    kind: str  # lparen rparen field phrase word op minus plus
    text: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "word"
        value = m.group()
        if kind == "space":
            continue
        if kind == "field" and value[:-1].lower() not in (*KNOWN_FIELDS, *FIELD_ALIASES):
            kind = "word"  # "http:" or "note:" is part of a word, not a field
        if kind == "word" and value in OPERATORS:
            kind = "op"
        elif (
            kind == "word"
            and value[0] in "-+"
            and (len(value) > 1 or text[m.end() : m.end() + 1] in ('"', "("))
        ):
            # -word, -"a phrase", -(a OR b), -title:word: a sign, then what follows it
            sign = "minus" if value[0] == "-" else "plus"
            tokens.append(Token(sign, value[0], m.start(), m.start() + 1))
            for token in tokenize(value[1:]):
                token.start += m.start() + 1
                token.end += m.start() + 1
                tokens.append(token)
            continue
        tokens.append(Token(kind, value, m.start(), m.end()))
    return tokens


# -- the parser -------------------------------------------------------------------------------


@dataclass
class _Parser:
    """A recursive-descent parser over the tokens of one query."""

    tokens: list[Token]
    pos: int = 0
    depth: int = 0
    seen: list[str] = field(default_factory=list)

    def peek(self) -> Token | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> Token:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def parse(self) -> Node | None:
        if not self.tokens:
            return None
        node = self.parse_or()
        if self.peek() is not None:
            token = self.peek()
            assert token is not None
            raise QuerySyntaxError(f"unexpected {token.text!r} at {token.start + 1}")
        return node

    def parse_or(self) -> Node:
        children = [self.parse_and()]
        while (t := self.peek()) is not None and t.kind == "op" and t.text == "OR":
            self.take()
            if self.peek() is None or self.peek().kind == "rparen":  # type: ignore[union-attr]
                raise QuerySyntaxError("OR needs a word after it")
            children.append(self.parse_and())
        return children[0] if len(children) == 1 else Or(children)

    def parse_and(self) -> Node:
        children = [self.parse_unary()]
        while (t := self.peek()) is not None and not (
            t.kind == "rparen" or (t.kind == "op" and t.text == "OR")
        ):
            if t.kind == "op" and t.text == "AND":
                self.take()
                if self.peek() is None:
                    raise QuerySyntaxError("AND needs a word after it")
                continue
            children.append(self.parse_unary())
        return children[0] if len(children) == 1 else And(children)

    def parse_unary(self) -> Node:
        t = self.peek()
        if t is None:
            raise QuerySyntaxError("the query ends too early")
        if t.kind == "minus" or (t.kind == "op" and t.text == "NOT"):
            self.take()
            if self.peek() is None:
                raise QuerySyntaxError(f"{t.text} needs a word after it")
            return Not(self.parse_unary())
        if t.kind == "plus":
            self.take()
        return self.parse_atom()

    def parse_atom(self) -> Node:
        t = self.take() if self.peek() is not None else None
        if t is None:
            raise QuerySyntaxError("the query ends too early")
        if t.kind == "lparen":
            self.depth += 1
            if self.depth > 20:
                raise QuerySyntaxError("too many nested parentheses")
            node = self.parse_or()
            closing = self.peek()
            if closing is None or closing.kind != "rparen":
                raise QuerySyntaxError("a parenthesis is not closed")
            self.take()
            self.depth -= 1
            return node
        if t.kind == "rparen":
            raise QuerySyntaxError(f"unexpected ')' at {t.start + 1}")
        if t.kind == "op":
            raise QuerySyntaxError(f"{t.text} at {t.start + 1} needs words on both sides")
        if t.kind == "field":
            name = t.text[:-1].lower()
            name = FIELD_ALIASES.get(name, name)
            value = self.take() if self.peek() is not None else None
            if value is None or value.kind not in ("word", "phrase", "op"):
                raise QuerySyntaxError(f"{name}: needs a value")
            return self.fielded(name, value)
        if t.kind == "phrase":
            return _phrase(None, t)
        return _word(None, t)

    def fielded(self, name: str, value: Token) -> Node:
        raw = value.text
        if value.kind == "phrase":
            if len(raw) < 2 or not raw.endswith('"'):
                raise QuerySyntaxError("a quotation mark is not closed")
            raw = raw[1:-1]
        if name == "date":
            return parse_date(raw)
        if name in STATE_FIELDS:
            value = raw.strip().lower()
            if name == "is" and value not in IS_VALUES:
                raise QuerySyntaxError(f"is: takes {', '.join(IS_VALUES)}, not {raw!r}")
            if not value or any(c.isspace() for c in value):
                raise QuerySyntaxError(f"{name}: needs one word")
            return StateClause(name, value)
        if name in META_FIELDS:
            if not raw.strip():
                raise QuerySyntaxError(f"{name}: needs a value")
            return MetaClause(name, raw.strip())
        if value.kind == "phrase":
            return _phrase(name, value)
        return _word(name, value)


def _phrase(field_name: str | None, t: Token) -> TextClause:
    if len(t.text) < 2 or not t.text.endswith('"'):
        raise QuerySyntaxError("a quotation mark is not closed")
    return TextClause(field_name, t.text[1:-1].strip(), "phrase", start=t.start + 1, end=t.end - 1)


_FUZZY = re.compile(r"^(.+?)~(\d?)$")


def _word(field_name: str | None, t: Token) -> TextClause:
    text = t.text
    m = _FUZZY.match(text)
    if m and m.group(1).strip("~"):
        distance = min(int(m.group(2) or 1), 2)
        return TextClause(field_name, m.group(1), "fuzzy", max(distance, 1), t.start, t.end)
    if text.endswith("*") and "*" not in text[:-1] and "?" not in text and len(text) > 1:
        return TextClause(field_name, text[:-1], "prefix", start=t.start, end=t.end)
    if ("*" in text or "?" in text) and text.strip("*?"):
        return TextClause(field_name, text, "wildcard", start=t.start, end=t.end)
    return TextClause(field_name, text, "word", start=t.start, end=t.end)


_PLAIN_WORD = re.compile(r"[^\W_]+(?:[.'’][^\W_]+)*")


_FIELD_VALUE = re.compile(
    r"\b(?:" + "|".join((*KNOWN_FIELDS, *FIELD_ALIASES)) + r'):(?:"[^"]*"?|[^\s()"]*)', re.I
)


def plain_words(text: str) -> list[TextClause]:
    """The query's words, nothing else (the fallback reading): no operators, no field filters."""
    text = _FIELD_VALUE.sub(lambda m: " " * len(m.group()), text)
    return [
        TextClause(None, m.group(), start=m.start(), end=m.end())
        for m in _PLAIN_WORD.finditer(text)
        if m.group() not in OPERATORS
    ]


def parse_query(text: str) -> Parsed:
    """Parse a query; never raises: a query that does not parse falls back to its plain words."""
    text = text[:MAX_QUERY_CHARS]
    if not text.strip():
        return Parsed(text, None)
    try:
        return Parsed(text, _Parser(tokenize(text)).parse())
    except (QuerySyntaxError, RecursionError) as exc:
        words = plain_words(text)
        tree: Node | None
        tree = None if not words else (words[0] if len(words) == 1 else And(list(words)))
        reason = str(exc) if isinstance(exc, QuerySyntaxError) else "query too deeply nested"
        return Parsed(text, tree, fallback=f"could not read the query ({reason})")
