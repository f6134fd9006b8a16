"""Every ``make(chan T, n)`` in a package's source: where it is, what it is called, and its capacity.

A version 1 ``.leakviz-go`` file keys its dials by these sites; reading one
finds each site's dial name (``capacity:<variable>:<line>``, what the compiler
gives the same ``make``).
"""

from __future__ import annotations

from dataclasses import dataclass

import tree_sitter
import tree_sitter_go

_LANG = tree_sitter.Language(tree_sitter_go.language())


@dataclass(frozen=True)
class ChanSite:
    """One ``make(chan T, n)`` call: ``file`` index in the package, 1-based ``line``/``col``."""

    file: int
    path: str
    line: int
    col: int
    name: str  # the variable (or field) it is assigned to; "chan" when it has none
    elem: str  # T
    capacity: int | None  # the constant in the source; None when it is not a literal
    cap_text: str  # the source's capacity expression ("" when unbuffered by omission)
    start: int  # byte range of the capacity expression (an insertion point when it has none)
    end: int

    @property
    def label(self) -> str:
        """``name  file:line`` as the control panel names it."""
        base = self.path.rsplit("/", 1)[-1]
        return f"{self.name}  {base}:{self.line}"

    @property
    def key(self) -> tuple[int, int, int]:
        """(file, line, column) of the ``make``: what a dial and a schedule of changes are keyed by."""
        return (self.file, self.line, self.col)


def _name_of(call) -> str:
    n = call
    while n.parent is not None and n.parent.type in ("parenthesized_expression",):
        n = n.parent
    p = n.parent
    if p is not None and p.type == "expression_list":
        idx = [c.id for c in p.named_children].index(n.id)
        owner = p.parent
        if owner is not None and owner.type in ("short_var_declaration", "assignment_statement"):
            left = owner.child_by_field_name("left")
            if left is not None and idx < len(left.named_children):
                return left.named_children[idx].text.decode()
        if owner is not None and owner.type == "var_spec":
            names = [c for c in owner.named_children if c.type == "identifier"]
            if idx < len(names):
                return names[idx].text.decode()
    if p is not None and p.type in ("keyed_element",):
        return p.named_children[0].text.decode()
    if p is not None and p.type == "literal_element" and p.parent is not None and p.parent.type == "keyed_element":
        return p.parent.named_children[0].text.decode()
    return "chan"


def _int_literal(text: str) -> int | None:
    try:
        return int(text.replace("_", ""), 0)
    except ValueError:
        return None


def find_sites(files: list[tuple[str, bytes]]) -> list[ChanSite]:
    """Every ``make(chan ...)`` in ``files`` (path, source), in source order."""
    parser = tree_sitter.Parser(_LANG)
    out: list[ChanSite] = []
    for fi, (path, src) in enumerate(files):
        tree = parser.parse(src)
        stack = [tree.root_node]
        found = []
        while stack:
            n = stack.pop()
            if n.type == "call_expression":
                fn = n.child_by_field_name("function")
                args = n.child_by_field_name("arguments")
                if fn is not None and fn.text == b"make" and args is not None and args.named_children \
                        and args.named_children[0].type == "channel_type":
                    typ = args.named_children[0]
                    elem = typ.named_children[-1].text.decode() if typ.named_children else "?"
                    if len(args.named_children) > 1:
                        c = args.named_children[1]
                        text = c.text.decode()
                        site = (c.start_byte, c.end_byte, text, _int_literal(text))
                    else:
                        site = (typ.end_byte, typ.end_byte, "", 0)
                    found.append(ChanSite(fi, path, n.start_point[0] + 1, n.start_point[1] + 1, _name_of(n), elem,
                                          site[3], site[2], site[0], site[1]))
            stack.extend(reversed(n.children))
        out.extend(sorted(found, key=lambda s: (s.line, s.col)))
    return out
