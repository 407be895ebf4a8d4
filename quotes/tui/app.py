"""The workbench application: owns the service, runs every service call in a worker.

Screens never call the service themselves. They ask the app (`load_queue`, `fetch`,
`submit`, ...), the app runs the call in a thread worker and posts the answer back to the
screen as a message. Failures of every worker arrive in one handler, which tells the
curator and lets the asking screen reload what it showed: a refused change is never a crash
and never silently lost.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from time import perf_counter
from typing import Any

from textual import on, work
from textual.app import App
from textual.message import Message
from textual.message_pump import MessagePump
from textual.notifications import SeverityLevel
from textual.worker import Worker, WorkerState

from quotes.curation import (
    Conflict,
    CurationError,
    CurationService,
    DatabaseError,
    NothingToUndo,
)
from quotes.curation.filters import QueueFilter
from quotes.curation.views import QuoteCard
from quotes.store.database import Database
from quotes.text_safety import visible
from quotes.tui.actions import parse_keymap
from quotes.tui.messages import (
    CardLoaded,
    Fetched,
    ProgressLoaded,
    QueueLoaded,
    RowsRefreshed,
    WriteFailed,
    Written,
)
from quotes.tui.palette import ActionCommands
from quotes.tui.queue import QueueScreen
from quotes.tui.sequencer import WriteSequencer
from quotes.tui.speakers import SpeakersScreen
from quotes.tui.text import visible_lines

PAGE_SIZE = 100
KEYMAP_ENV = "QUOTES_KEYMAP"


@dataclass(frozen=True, slots=True)
class _PendingWrite:
    target: MessagePump
    label: str
    quote_ids: tuple[int, ...]


class WorkbenchApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "quotes workbench"
    COMMANDS = App.COMMANDS | {ActionCommands}

    def __init__(
        self,
        database: Database,
        curator: str,
        *,
        page_size: int = PAGE_SIZE,
        blink: bool = True,
        keymap: dict[str, str] | None = None,
        claim_slice: int = 0,
    ) -> None:
        super().__init__()
        # Quotes the queue claims for this curator on opening (0: none; see tui/team.py).
        self.claim_slice = claim_slice
        self.blink = blink
        # Every binding has an id (see actions.py), so curators can move keys they dislike.
        self.keymap = parse_keymap(os.environ.get(KEYMAP_ENV)) if keymap is None else keymap
        self.database = database
        self.curator = curator
        self.service = CurationService(database, curator)
        self.page_size = page_size
        self.sub_title = f"{database.label} · {curator}"
        self._sequencer = WriteSequencer()
        self._pending: dict[Worker[Any], _PendingWrite] = {}

    def on_mount(self) -> None:
        if self.keymap:
            self.set_keymap(self.keymap)
        self.push_screen(QueueScreen())

    # -- between screens ------------------------------------------------------------------

    def show_queue(self) -> None:
        """Back down the stack to the queue (it is always at the bottom)."""
        while len(self.screen_stack) > 1 and not isinstance(self.screen, QueueScreen):
            self.pop_screen()

    def show_speakers(self) -> None:
        if not isinstance(self.screen, SpeakersScreen):
            self.show_queue()
            self.push_screen(SpeakersScreen())

    # -- reads ----------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="queue", exit_on_error=False)
    def load_queue(
        self,
        target: MessagePump,
        generation: int,
        f: QueueFilter,
        after: tuple[Any, ...] | None,
        append: bool,
        limit: int,
    ) -> None:
        started = perf_counter()
        page = self.service.queue_page(f, after=after, limit=limit)
        target.post_message(QueueLoaded(generation, page, append, perf_counter() - started))

    @work(thread=True, exclusive=True, group="progress", exit_on_error=False)
    def load_progress(self, target: MessagePump, f: QueueFilter, *, exact: bool = False) -> None:
        target.post_message(ProgressLoaded(f, self.service.progress(f, exact=exact)))

    @work(thread=True, exclusive=True, group="card", exit_on_error=False)
    def load_card(self, target: MessagePump, quote_id: int) -> None:
        card = self.service.quote_card(quote_id)
        target.post_message(CardLoaded(card, self._speaker_names(card)))

    def _speaker_names(self, card: QuoteCard) -> dict[int, str]:
        """Names for the speaker ids in the history ("speaker: Lavrov → Stoltenberg")."""
        ids = {
            value
            for h in card.history
            for snap in (h.before, h.after)
            if snap
            for key, value in snap.items()
            if key == "speaker_id" and isinstance(value, int)
        }
        names = {}
        for speaker_id in sorted(ids)[:20]:
            try:
                names[speaker_id] = self.service.speaker(speaker_id).name
            except CurationError:  # deleted since: the id is all there is
                continue
        return names

    @work(thread=True, group="rows", exit_on_error=False)
    def load_rows(self, target: MessagePump, ids: tuple[int, ...]) -> None:
        """Not exclusive: two refreshes of different rows must both arrive."""
        rows = []
        for i in range(0, len(ids), 500):
            rows += self.service.queue_rows(list(ids[i : i + 500]))
        target.post_message(RowsRefreshed(ids, rows))

    @work(thread=True, group="fetch", exit_on_error=False)
    def fetch(self, target: MessagePump, key: str, job: Callable[[CurationService], Any]) -> None:
        """Any other read (lists, pickers, the article); the receiver matches on `key`."""
        target.post_message(Fetched(key, job(self.service)))

    @work(thread=True, group="fetch", exit_on_error=False)
    def ask(self, target: MessagePump, job: Callable[[CurationService], Message]) -> None:
        """A read whose answer is its own typed message: the receiver's handler for that
        class is the route, so no key string has to be parsed."""
        target.post_message(job(self.service))

    # -- writes ---------------------------------------------------------------------------

    def submit(
        self,
        label: str,
        job: Callable[[CurationService], Any],
        *,
        target: MessagePump,
        quote_ids: Iterable[int] = (),
    ) -> Worker[None]:
        """Run a change in the background, in key-press order; the answer goes to `target`."""
        ids = tuple(quote_ids)
        worker = self._write(self._sequencer.take(), label, job, target, ids)
        self._pending[worker] = _PendingWrite(target, label, ids)
        return worker

    @work(thread=True, group="write", exit_on_error=False)
    def _write(
        self,
        ticket: int,
        label: str,
        job: Callable[[CurationService], Any],
        target: MessagePump,
        quote_ids: tuple[int, ...],
    ) -> None:
        """Not exclusive, unlike the reads: a newer change must never cancel an older one."""
        with self._sequencer.turn(ticket):
            result = job(self.service)
        target.post_message(Written(label, result, quote_ids))

    @property
    def writes_pending(self) -> int:
        return self._sequencer.pending

    # -- the one error handler ------------------------------------------------------------

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every toast is literal (`markup` is ignored): messages quote names, topics, paths
        and database errors, which may hold markup or terminal escapes."""
        super().notify(
            visible_lines(message),
            title=visible(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    @on(Worker.StateChanged)
    def _worker_state(self, event: Worker.StateChanged) -> None:
        if event.state in (WorkerState.SUCCESS, WorkerState.CANCELLED):
            self._pending.pop(event.worker, None)
            return
        if event.state != WorkerState.ERROR:
            return
        error = event.worker.error
        pending = self._pending.pop(event.worker, None)
        if error is not None:
            self.report_error(error)
        if pending is not None and error is not None:
            pending.target.post_message(WriteFailed(pending.label, error, pending.quote_ids))

    def report_error(self, error: BaseException) -> None:
        """Tell the curator, in the service's own words; never raise."""
        if isinstance(error, Conflict):
            self.notify(str(error), title="Changed by someone else", severity="warning", timeout=8)
        elif isinstance(error, NothingToUndo):
            self.notify(str(error).capitalize(), severity="information")
        elif isinstance(error, CurationError):
            self.notify(str(error), title="Not done", severity="warning", timeout=6)
        elif isinstance(error, DatabaseError):  # e.g. the disk is full, or locked too long
            # The driver's own message ("database or disk is full") says more than the wrapper.
            self.notify(
                f"{type(error).__name__}: {getattr(error, 'orig', None) or error}",
                title="Database error",
                severity="error",
                timeout=10,
            )
        else:
            self.log.error(repr(error))
            self.notify(f"{type(error).__name__}: {error}", title="Error", severity="error")

    # -- quitting -------------------------------------------------------------------------

    async def action_quit(self) -> None:
        """Wait for changes still being saved: quitting must never drop a decision."""
        pending = [w for w in self.workers if w.group == "write" and not w.is_finished]
        if pending:
            self.notify(f"Saving {len(pending)} change(s)…")
            await self.workers.wait_for_complete(pending)
        await self.release_claims()
        self.exit()

    async def release_claims(self) -> None:
        """Give this curator's slice back to the team on the way out. A failure here must not
        keep the curator from quitting: the leases then simply run out."""
        try:
            await asyncio.to_thread(self.service.release_claims)
        except DatabaseError as error:
            self.log.error(repr(error))
