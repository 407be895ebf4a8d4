"""Every dialog fits an 80x24 terminal (issue 15: dialogs were cut off there).

Two checks per dialog: a pilot test that fails when any control (title, field, list, hint,
button) lies outside the dialog or the screen, and an SVG snapshot at 80x24 to review the
layout by eye (update with --snapshot-update). Content that scrolls on purpose (the help
text, a long merge preview, the article in the span editor) is checked as its scroll box.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.containers import ScrollableContainer
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Button, Input, Label, OptionList, Select, Static

from quotes.store.database import Database
from quotes.tui.app import WorkbenchApp
from quotes.tui.confirm import ConfirmScreen
from quotes.tui.filter_form import FilterScreen
from quotes.tui.help import HelpScreen
from quotes.tui.span_editor import SpanEditor
from quotes.tui.speaker_form import SpeakerForm
from quotes.tui.speaker_picker import SpeakerPicker
from quotes.tui.topic_picker import TopicPicker
from tests.factories import Seeded, seed
from tests.tui.conftest import make_app, settle
from tests.tui.test_snapshots import SnapCompare, keys

SMALL = (80, 24)
CONTROLS = (Button, Input, Label, OptionList, Select, ScrollableContainer, Static)

# name: (keys from the queue, the screen they open)
DIALOGS: dict[str, tuple[tuple[str, ...], type]] = {
    "confirm_bulk": (("ctrl+a", "v"), ConfirmScreen),
    # The queue opens on Stoltenberg's "Dialogue…" (lowest confidence); two rows down is his
    # "We stand ready," whose next quote is that one: the merge preview.
    "confirm_merge": (("j", "j", "M"), ConfirmScreen),
    "speaker_picker": (("r",), SpeakerPicker),
    "topic_picker": (("t",), TopicPicker),
    "filter_form": (("F",), FilterScreen),
    "speaker_form": (("f3", "e"), SpeakerForm),
    "span_editor": (("e",), SpanEditor),
    "help": (("question_mark",), HelpScreen),
}


def _inside_scroll(widget: Widget, dialog: Widget) -> bool:
    node = widget.parent
    while node is not None and node is not dialog:
        if isinstance(node, ScrollableContainer | OptionList):
            return True
        node = node.parent
    return False


def cut_off(app: WorkbenchApp) -> list[str]:
    """Every control of the open dialog that is not wholly on screen inside the dialog."""
    screen_area = Region(0, 0, *SMALL)
    dialog = app.screen.query_one(".dialog")
    problems = []
    if not screen_area.contains_region(dialog.region):
        problems.append(f"dialog {dialog.region} is outside {screen_area}")
    for widget in dialog.query("*"):
        if not isinstance(widget, CONTROLS) or not widget.display:
            continue
        if _inside_scroll(widget, dialog):
            continue
        if widget.region.area == 0 or not dialog.region.contains_region(widget.region):
            problems.append(f"{widget!r} at {widget.region} in dialog {dialog.region}")
    return problems


@pytest.mark.parametrize("name", sorted(DIALOGS))
async def test_dialog_fits_80x24(name: str, database: Database, seeded: Seeded) -> None:
    pressed, screen_type = DIALOGS[name]
    app = make_app(database)
    async with app.run_test(size=SMALL) as pilot:
        await settle(app, pilot)
        for key in pressed:
            await pilot.press(key)
            await settle(app, pilot)
        await pilot.pause(0.3)  # debounced searches land (layout, not timing, is checked)
        await settle(app, pilot)
        assert isinstance(app.screen, screen_type)
        assert cut_off(app) == []


def _snapshot(name: str) -> Callable[[SnapCompare, Database], None]:
    def test(snap_compare: SnapCompare, sqlite_database: Database) -> None:
        seed(sqlite_database)
        app = make_app(sqlite_database)
        assert snap_compare(app, terminal_size=SMALL, run_before=keys(*DIALOGS[name][0]))

    test.__name__ = f"test_snapshot_{name}_80x24"
    return test


test_snapshot_confirm_bulk_80x24 = _snapshot("confirm_bulk")
test_snapshot_confirm_merge_80x24 = _snapshot("confirm_merge")
test_snapshot_speaker_picker_80x24 = _snapshot("speaker_picker")
test_snapshot_topic_picker_80x24 = _snapshot("topic_picker")
test_snapshot_filter_form_80x24 = _snapshot("filter_form")
test_snapshot_speaker_form_80x24 = _snapshot("speaker_form")
test_snapshot_span_editor_80x24 = _snapshot("span_editor")
test_snapshot_help_80x24 = _snapshot("help")
