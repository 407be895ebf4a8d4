"""The command palette's workbench commands, built from the same registry as the keys."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.markup import escape

from quotes.text_safety import visible
from quotes.tui.actions import WorkbenchAction, actions_for
from quotes.tui.text import content


class ActionCommands(Provider):
    """Every action of the screen the palette was opened on, with its key as help."""

    def _actions(self) -> Iterator[WorkbenchAction]:
        scopes = getattr(self.screen, "SCOPES", None)
        if scopes is None:
            return
        yield from actions_for(*scopes)

    def _run(self, action: WorkbenchAction) -> None:
        runner = getattr(self.screen, "run_palette_action", None)
        if runner is not None:
            runner(action.id)

    async def discover(self) -> Hits:
        for action in self._actions():
            yield DiscoveryHit(
                content(action.description),
                partial(self._run, action),
                text=action.description,
                help=self._help(action),
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for action in self._actions():
            score = matcher.match(action.description)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(visible(action.description)),
                    partial(self._run, action),
                    text=action.description,
                    help=self._help(action),
                )

    def _help(self, action: WorkbenchAction) -> str:
        """The palette parses help as markup, and the keys may come from $QUOTES_KEYMAP."""
        keys = action.keys_shown(getattr(self.app, "keymap", None))
        return escape(f"key: {visible(keys)}")
