"""Key names as the settings file writes them: checking and applying rebindings; footer order."""

from __future__ import annotations

from textual.binding import ActiveBinding, Binding, BindingsMap
from textual.keys import REPLACED_KEYS, Keys, _character_to_key, key_to_character

MODIFIERS = frozenset({"ctrl", "alt", "shift", "super", "meta", "hyper"})
NAMED_KEYS = frozenset(k.value.rsplit("+", 1)[-1] for k in Keys) | {"space", "tab", "enter"}


def check_keys(text: str) -> str | None:
    """What is wrong with a rebinding's keys ("ctrl+f", "f,ctrl+f", "?"), or None."""
    parts = [part.strip() for part in text.split(",")]
    if not text.strip():
        return 'no key given (write one such as "ctrl+f", or several separated by commas)'
    for part in parts:
        if not part:
            return f"an empty key in {text!r}"
        if len(part) == 1:  # a character: "x", "?", "/"
            if not part.isprintable() or part.isspace():
                return f"{part!r} is not a key"
            continue
        *modifiers, base = part.split("+")
        unknown = [m for m in modifiers if m not in MODIFIERS]
        if unknown:
            return f"{unknown[0]!r} in {part!r} is not a modifier (ctrl, alt, shift, super, meta)"
        if not (
            (len(base) == 1 and base.isprintable() and not base.isspace())
            or base in NAMED_KEYS
            or key_to_character(REPLACED_KEYS.get(base, base)) is not None
        ):
            return f"{base!r} in {part!r} is not a key name (such as x, f2, enter, up)"
    return None


def normalized(text: str) -> str:
    """Keys as Textual names them: "?, ctrl+f" -> "question_mark,ctrl+f" (as its keymap does)."""
    parts = [part.strip() for part in text.split(",")]
    return ",".join(_character_to_key(part) if len(part) == 1 else part for part in parts)


def rebound(bindings: list[Binding], keymap: dict[str, str]) -> list[Binding]:
    """`bindings` with the keys `keymap` gives by binding id, as Textual applies them."""
    bindings_map = BindingsMap(bindings)
    if keymap:
        bindings_map.apply_keymap(keymap)
    order: dict[tuple[str, str], int] = {}
    for binding in bindings:
        order.setdefault((binding.action, binding.description), len(order))
    found = [binding for _, binding in bindings_map]
    return sorted(found, key=lambda b: order.get((b.action, b.description), len(order)))


class KeysInDeclaredOrder:
    """A screen mixin: its active bindings (what the footer shows) in the order they are declared.

    Textual moves a key the settings file rebinds to the end of its widget's bindings, and the
    footer is cut at the right: a rebound key would drop out of sight."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        active: dict[str, ActiveBinding] = super().active_bindings  # type: ignore[misc]
        nodes: dict[int, int] = {}  # a node's place in the chain, as Textual lists them
        declared: dict[int, dict[str | None, int]] = {}
        for shown in active.values():
            node = shown.node
            if id(node) not in nodes:
                nodes[id(node)] = len(nodes)
                ids = [binding.id for _, binding in node._bindings]
                declared[id(node)] = {bid: at for at, bid in reversed(list(enumerate(ids)))}

        def place(item: tuple[str, ActiveBinding]) -> tuple[int, int]:
            node, binding = item[1].node, item[1].binding
            return nodes[id(node)], declared[id(node)].get(binding.id, len(declared[id(node)]))

        return dict(sorted(active.items(), key=place))
