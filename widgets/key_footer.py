"""The footer of keys: Textual's, redrawn only when the keys it shows change."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class KeyFooter(Footer):
    """Textual's `Footer`, but recomposed only when the bindings it shows changed, once for a
    burst of changes. Textual's recomposes at every focus move (40-70 ms each), five times while
    the reader first filled its screen, mostly to show the same keys again."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._recompose_queued = False
        self._composed: tuple | None = None  # the bindings shown now (None: none yet)

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        if not self._recompose_queued:
            self._recompose_queued = True
            self.call_after_refresh(self._recompose_if_changed)

    def _shown(self) -> tuple:
        """What `Footer.compose` draws from: the bindings shown, whether enabled, the tooltips."""
        palette = self.app.COMMAND_PALETTE_BINDING
        shown = [
            (key, binding, enabled, tooltip)
            for key, (_, binding, enabled, tooltip) in self.screen.active_bindings.items()
            if binding.show or key == palette
        ]
        return (*shown, self.compact, self.show_command_palette, self.combine_groups)

    async def _recompose_if_changed(self) -> None:
        self._recompose_queued = False  # changes from here on ask for another look
        shown = self._shown()
        if shown != self._composed:
            self._composed = shown
            await self.recompose()
