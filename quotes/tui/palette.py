"""The command palette's workbench commands, built from the same registry as the keys."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from quotes.tui.actions import WorkbenchAction, actions_for


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
                action.description,
                partial(self._run, action),
                help=f"key: {action.keys_shown(getattr(self.app, 'keymap', None))}",
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for action in self._actions():
            score = matcher.match(action.description)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(action.description),
                    partial(self._run, action),
                    text=action.description,
                    help=f"key: {action.keys_shown(getattr(self.app, 'keymap', None))}",
                )
