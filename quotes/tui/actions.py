"""Every key of the workbench, declared once.

Bindings, the footer, the help screen and the command palette are all built from this
registry, so they can never disagree, and every binding gets a stable id a curator can
remap with a keymap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from textual.binding import Binding, BindingType

Scope = Literal["common", "queue", "speakers", "article"]

SCOPE_TITLES: dict[Scope, str] = {
    "queue": "Review queue",
    "speakers": "Speakers",
    "article": "Article",
    "common": "Everywhere",
}


@dataclass(frozen=True, slots=True)
class WorkbenchAction:
    id: str  # the action's name: `action_<id>` on the screen
    keys: str  # Textual key names, comma-separated; the first is the one shown
    description: str
    scope: Scope
    footer: bool = False
    key_display: str | None = None
    # False for the members of a numbered family (topic keys 2-9) the help shows as one row.
    in_help: bool = True

    @property
    def name(self) -> str:
        """The action's name without its arguments (`toggle_topic(3)` is `toggle_topic`)."""
        return self.id.partition("(")[0]

    @property
    def binding_id(self) -> str:
        # `toggle_topic(3)` is remapped as `queue.toggle_topic_3`: no brackets in a keymap.
        key = _ARGS.sub(r"_\1", self.id)
        return f"{self.scope}.{key}"

    @property
    def display_keys(self) -> str:
        if self.key_display:
            return self.key_display
        return " / ".join(_pretty(k) for k in self.keys.split(","))

    def keys_shown(self, keymap: dict[str, str] | None = None) -> str:
        """The keys as the curator has them: remapped by the keymap, if it names this one."""
        if keymap and self.binding_id in keymap:
            return " / ".join(_pretty(k) for k in keymap[self.binding_id].split(","))
        return self.display_keys

    @property
    def fires_while_typing(self) -> bool:
        """Whether one of its keys is safe while an Input has focus (it types no text)."""
        return all(_is_control(k) for k in self.keys.split(","))


_ARGS = re.compile(r"\((\w+)\)$")

_PRETTY = {
    "question_mark": "?",
    "slash": "/",
    "space": "space",
    "escape": "esc",
    "enter": "enter",
    "full_stop": ".",
}


def _pretty(key: str) -> str:
    return _PRETTY.get(key.strip(), key.strip())


def _is_control(key: str) -> bool:
    key = key.strip()
    return (
        key.startswith(("ctrl+", "alt+"))
        or key in {"escape", "enter", "tab", "shift+tab", "up", "down", "pageup", "pagedown"}
        or (key.startswith("f") and key[1:].isdigit())
    )


ACTIONS: tuple[WorkbenchAction, ...] = (
    # -- review queue -------------------------------------------------------------------
    WorkbenchAction(
        "verify", "v", "Verify the quote (or the selection) and advance", "queue", True
    ),
    WorkbenchAction(
        "reject", "x", "Reject the quote (or the selection) and advance", "queue", True
    ),
    WorkbenchAction("skip", "s", "Skip: leave it unverified, go to the next quote", "queue", True),
    WorkbenchAction("cursor_down", "j", "Next quote", "queue"),
    WorkbenchAction("cursor_up", "k", "Previous quote", "queue"),
    WorkbenchAction("unverify", "backspace", "Return the quote to unverified", "queue"),
    WorkbenchAction(
        "toggle_select", "space", "Select / unselect the quote for bulk actions", "queue"
    ),
    WorkbenchAction("select_all", "ctrl+a", "Select every loaded quote", "queue"),
    WorkbenchAction("clear_selection", "escape", "Clear the selection", "queue"),
    WorkbenchAction(
        "reassign", "r", "Fix the speaker (picker; also creates speakers)", "queue", True
    ),
    WorkbenchAction("set_type", "y", "Fix the quote type (direct / indirect / mixed)", "queue"),
    WorkbenchAction("edit_span", "e", "Fix the span: extend or shrink start and end", "queue"),
    WorkbenchAction("split", "S", "Split the quote at a position", "queue"),
    WorkbenchAction("merge_next", "M", "Merge with the next quote of the same speaker", "queue"),
    WorkbenchAction("tag", "t", "Tag / untag topics (or tag the selection)", "queue"),
    WorkbenchAction("accept_suggestions", "a", "Accept the suggested topics", "queue"),
    # Number keys act on the quote's topics, as in annotation tools; screens are F-keys.
    *(
        WorkbenchAction(
            f"toggle_topic({n})",
            str(n),
            f"Topic {n if n > 1 else '1-9'} of the card: accept the suggestion, or tag / untag",
            "queue",
            key_display=None if n > 1 else "1 … 9",
            in_help=n == 1,
        )
        for n in range(1, 10)
    ),
    WorkbenchAction("dismiss_suggestions", "d", "Dismiss the suggested topics", "queue"),
    WorkbenchAction(
        "apply_to_copies",
        "g",
        "Apply a decision, speaker or topic to every copy of the statement",
        "queue",
    ),
    WorkbenchAction("open_article", "o", "Open the quote's article", "queue"),
    WorkbenchAction("search", "slash", "Full-text search", "queue", True),
    WorkbenchAction("cycle_status", "f", "Cycle the status filter", "queue"),
    WorkbenchAction("filters", "F", "Filter by speaker, topic, outlet, article", "queue"),
    WorkbenchAction("clear_filters", "c", "Clear all filters (back to unverified)", "queue"),
    WorkbenchAction("export", "E", "Export the current filter to CSV", "queue"),
    WorkbenchAction(
        "verify_above", "V", "Verify every unverified quote with confidence >= t", "queue"
    ),
    WorkbenchAction("refresh", "f5", "Reload the queue from the database", "queue"),
    WorkbenchAction(
        "claim_next", "C", "Claim the next slice of the queue (takes over expired leases)", "queue"
    ),
    WorkbenchAction("team", "W", "Who holds what: every curator's slice and lease", "queue"),
    WorkbenchAction("take_over", "T", "Take over a curator's expired lease", "queue"),
    # -- speakers -----------------------------------------------------------------------
    WorkbenchAction("verify_speaker", "v", "Verify / unverify the speaker", "speakers", True),
    WorkbenchAction("edit_speaker", "e", "Edit name, kind, title, organization", "speakers", True),
    WorkbenchAction("add_alias", "a", "Add an alias", "speakers", True),
    WorkbenchAction("remove_alias", "A", "Remove an alias", "speakers"),
    WorkbenchAction(
        "merge_speaker", "m", "Merge this duplicate into another speaker", "speakers", True
    ),
    WorkbenchAction("new_speaker", "n", "Create a speaker", "speakers"),
    WorkbenchAction("cursor_down", "j", "Next speaker", "speakers"),
    WorkbenchAction("cursor_up", "k", "Previous speaker", "speakers"),
    WorkbenchAction("show_quotes", "enter", "Review this speaker's quotes", "speakers"),
    WorkbenchAction("search", "slash", "Search speakers", "speakers"),
    WorkbenchAction("refresh", "f5", "Reload the speakers from the database", "speakers"),
    # -- article ------------------------------------------------------------------------
    WorkbenchAction("next_quote", "n", "Next quote in the article", "article", True),
    WorkbenchAction("prev_quote", "p", "Previous quote in the article", "article", True),
    WorkbenchAction("open_quote", "enter", "Open this quote in the review queue", "article", True),
    # -- everywhere ---------------------------------------------------------------------
    WorkbenchAction(
        "undo", "u,ctrl+z", "Undo your last change (survives restarts)", "common", True
    ),
    WorkbenchAction("redo", "U,ctrl+r", "Redo", "common"),
    WorkbenchAction("show_queue", "f2", "Review queue", "common"),
    WorkbenchAction("show_speakers", "f3", "Speakers", "common"),
    WorkbenchAction("back", "escape", "Back to the previous screen", "common"),
    WorkbenchAction("help", "question_mark,f1", "All keys", "common", True),
    WorkbenchAction("quit", "q", "Quit (waits for pending saves)", "common"),
)


def actions_for(*scopes: Scope) -> list[WorkbenchAction]:
    """The actions of these scopes; a key bound in an earlier scope wins over a later one."""
    seen_keys: set[str] = set()
    seen_ids: set[str] = set()
    found: list[WorkbenchAction] = []
    for scope in scopes:
        for action in ACTIONS:
            if action.scope != scope or action.id in seen_ids:
                continue
            keys = {k.strip() for k in action.keys.split(",")}
            if keys & seen_keys:
                continue
            seen_keys |= keys
            seen_ids.add(action.id)
            found.append(action)
    return found


def bindings_for(*scopes: Scope) -> list[BindingType]:
    """Typed as Textual's `BINDINGS` class variable is, so screens can assign it directly."""
    return [
        Binding(
            a.keys,
            a.id,
            a.description.split(" (")[0].split(":")[0] if not a.footer else _short(a),
            show=a.footer,
            key_display=a.display_keys.split(" / ")[0],
            id=a.binding_id,
        )
        for a in actions_for(*scopes)
    ]


_FOOTER_LABELS = {
    "verify": "Verify",
    "reject": "Reject",
    "skip": "Skip",
    "reassign": "Speaker",
    "search": "Search",
    "undo": "Undo",
    "help": "Keys",
    "verify_speaker": "Verify",
    "edit_speaker": "Edit",
    "add_alias": "Alias",
    "merge_speaker": "Merge",
    "next_quote": "Next",
    "prev_quote": "Prev",
    "open_quote": "Open",
}


def _short(action: WorkbenchAction) -> str:
    """Footer labels are one word: the footer must fit 5-7 keys on an 80-column terminal."""
    return _FOOTER_LABELS.get(action.id, action.description.split(" ")[0])


_KEY_NAME = re.compile(r"[A-Za-z0-9_]+(\+[A-Za-z0-9_]+)*")


def parse_keymap(text: str | None) -> dict[str, str]:
    """`queue.verify=V; queue.reject=X,delete` (from $QUOTES_KEYMAP) as binding id -> keys.

    Unknown ids are dropped, so a typo cannot silently unbind a key the curator relies on;
    so are keys that are not Textual key names (`ctrl+y`, `V`, `f5`, `question_mark`): the
    footer and help show them, and an escape sequence there would reach the terminal.
    """
    known = {a.binding_id for a in ACTIONS}
    keymap: dict[str, str] = {}
    for part in (text or "").replace("\n", ";").split(";"):
        binding_id, sep, keys = part.partition("=")
        names = [k.strip() for k in keys.split(",")]
        if sep and binding_id.strip() in known and all(map(_KEY_NAME.fullmatch, names)):
            keymap[binding_id.strip()] = ",".join(names)
    return keymap
