"""Key names as the settings file writes them: checking a rebinding, applying a keymap."""

from __future__ import annotations

from textual.binding import Binding, BindingsMap
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
