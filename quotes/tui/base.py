"""What every workbench screen shares: its keys from the registry, and the common actions."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual.message_pump import MessagePump
from textual.screen import Screen
from textual.widgets import Input

from quotes.curation.views import UndoResult
from quotes.tui.actions import Scope, actions_for
from quotes.tui.messages import WriteFailed, Written

if TYPE_CHECKING:
    from quotes.tui.app import WorkbenchApp


def workbench_app(node: MessagePump) -> WorkbenchApp:
    """Textual types `node.app` as a plain `App`; every screen of ours runs in WorkbenchApp."""
    return cast("WorkbenchApp", node.app)


class WorkbenchScreen(Screen[None]):
    SCOPES: ClassVar[tuple[Scope, ...]] = ("common",)

    @property
    def workbench(self) -> WorkbenchApp:
        return workbench_app(self)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Printable keys belong to an Input while it has focus, never to an action."""
        if isinstance(self.focused, Input):
            for a in actions_for(*self.SCOPES):
                if a.name == action:
                    return a.fires_while_typing
        return True

    def main_widget(self) -> None:
        """Focus the widget the screen's keys act on (the table)."""

    def run_palette_action(self, action: str) -> None:
        """From the palette every action runs, whatever had focus."""
        self.main_widget()
        self.call_after_refresh(self.run_action, action)

    # -- common actions -------------------------------------------------------------------

    def action_undo(self) -> None:
        self.workbench.submit("undo", lambda s: s.undo(), target=self)

    def action_redo(self) -> None:
        self.workbench.submit("redo", lambda s: s.redo(), target=self)

    def action_help(self) -> None:
        from quotes.tui.help import open_help

        open_help(self.app, self.SCOPES)

    # The app knows the screens: a screen importing another would close an import circle.

    def action_show_queue(self) -> None:
        self.workbench.show_queue()

    def action_show_speakers(self) -> None:
        self.workbench.show_speakers()

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()

    async def action_quit(self) -> None:
        await self.workbench.action_quit()

    # -- answers to writes ----------------------------------------------------------------

    def on_written(self, message: Written) -> None:
        if isinstance(message.result, UndoResult):
            verb = "Undid" if message.label == "undo" else "Redid"
            n = message.result.count
            action = message.result.action.replace("_", " ")
            self.notify(f"{verb} {action} ({n} change{'s' if n != 1 else ''})")
            for skipped in message.result.skipped:  # passed over, not applied over others
                self.notify(f"Skipped {skipped}", title="Not undone", severity="warning")
        self.after_write(message)

    def on_write_failed(self, message: WriteFailed) -> None:
        self.after_failure(message)

    def after_write(self, message: Written) -> None:
        """Show the result of a change this screen asked for."""

    def after_failure(self, message: WriteFailed) -> None:
        """Put back what the screen showed before a refused change."""
