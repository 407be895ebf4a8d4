"""The workbench application: owns the service, runs every service call in a worker.

Screens never call the service themselves. They ask the app (`load_queue`, `fetch`,
`submit`, ...), the app runs the call in a thread worker and posts the answer back to the
screen as a message. Failures of every worker arrive in one handler, which tells the
curator and lets the asking screen reload what it showed: a refused change is never a crash
and never silently lost.

Nothing here imports SQLAlchemy (issue 19: start-up). Given a `FirstScreen` (the first page
and its counts, read without SQLAlchemy: `quotes.curation.first_page`), the app answers the
queue's first two reads with it, and opens the database and loads the service only after
that page is painted: workers that need the service wait for the paint, so the ORM's import
never competes with it.
"""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from time import perf_counter
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import App
from textual.message import Message
from textual.message_pump import MessagePump
from textual.notifications import SeverityLevel
from textual.worker import Worker, WorkerState

from quotes.curation.queue_filter import QueueFilter
from quotes.curation.views import Progress, QueuePage, QuoteCard
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

if TYPE_CHECKING:
    from quotes.curation import CurationService
    from quotes.curation.first_page import FirstScreen
    from quotes.store.database import Database

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
        database: Database | Callable[[], Database],
        curator: str,
        *,
        page_size: int = PAGE_SIZE,
        blink: bool = True,
        keymap: dict[str, str] | None = None,
        claim_slice: int = 0,
        first_screen: FirstScreen | None = None,
    ) -> None:
        """`database` is open, or opened (by calling it) when the service is first needed;
        `first_screen` answers the default queue's first page and counts until then."""
        super().__init__()
        # Quotes the queue claims for this curator on opening (0: none; see tui/team.py).
        self.claim_slice = claim_slice
        self.blink = blink
        # Every binding has an id (see actions.py), so curators can move keys they dislike.
        self.keymap = parse_keymap(os.environ.get(KEYMAP_ENV)) if keymap is None else keymap
        self.curator = curator
        self.page_size = page_size
        self._open: Callable[[], Database] | None = database if callable(database) else None
        self._database: Database | None = None if callable(database) else database
        self._service: CurationService | None = None
        self._loading = threading.Lock()
        self._first_screen = first_screen
        self._first_progress: tuple[Progress, QueueFilter] | None = None
        self._first_painted = threading.Event()
        if first_screen is None:
            self._first_painted.set()
        label = first_screen.label if first_screen is not None else self.database.label
        self.sub_title = f"{label} · {curator}"
        self._sequencer = WriteSequencer()
        self._pending: dict[Worker[Any], _PendingWrite] = {}

    def on_mount(self) -> None:
        if self.keymap:
            self.set_keymap(self.keymap)
        self.push_screen(QueueScreen())

    # -- the database and the service, loaded on first use --------------------------------

    @property
    def database(self) -> Database:
        with self._loading:
            if self._database is None:
                assert self._open is not None  # one of the two is always given
                self._database = self._open()
            return self._database

    @property
    def service(self) -> CurationService:
        """Loaded on first use, from whichever thread needs it first (SQLAlchemy and the
        ORM are most of the workbench's start-up, and the first screen does without)."""
        if self._service is None:
            database = self.database
            from quotes.curation.service import CurationService

            with self._loading:
                if self._service is None:
                    self._service = CurationService(database, self.curator)
        return self._service

    @property
    def service_loaded(self) -> bool:
        return self._service is not None

    def _painted_service(self) -> CurationService:
        """The service, for a worker: after the first page is on screen, so loading it
        never delays that paint (the GIL is shared). Every way out of waiting for that page
        releases the wait: the page shown, another read first, a failed read, quitting."""
        self._first_painted.wait()
        return self.service

    def _first_page(
        self, f: QueueFilter, after: tuple[Any, ...] | None, limit: int
    ) -> QueuePage | None:
        """The first screen's page, once, if this is the read it answers."""
        with self._loading:
            first, self._first_screen = self._first_screen, None
            if first is not None and (after, f, limit) == (None, first.filter, first.limit):
                self._first_progress = first.progress, first.filter
                return first.page
        self._first_painted.set()  # nothing to paint first: the service is needed now
        return None

    def _first_counts(self, f: QueueFilter, exact: bool) -> Progress | None:
        """The first page's counts, once, if these are the counts asked for."""
        with self._loading:
            answer, self._first_progress = self._first_progress, None
        if answer is not None and not exact and answer[1] == f:
            return answer[0]
        return None

    @on(QueueLoaded)
    def _page_shown(self, _: QueueLoaded) -> None:
        """A page reached the queue (bubbling up from it): after the next paint, workers may
        load the service."""
        if not self._first_painted.is_set():
            self.call_after_refresh(self._first_painted.set)

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
        page = self._first_page(f, after, limit)
        if page is None:
            page = self._painted_service().queue_page(f, after=after, limit=limit)
        target.post_message(QueueLoaded(generation, page, append, perf_counter() - started))

    @work(thread=True, exclusive=True, group="progress", exit_on_error=False)
    def load_progress(self, target: MessagePump, f: QueueFilter, *, exact: bool = False) -> None:
        progress = self._first_counts(f, exact)
        if progress is None:
            progress = self._painted_service().progress(f, exact=exact)
        target.post_message(ProgressLoaded(f, progress))

    @work(thread=True, exclusive=True, group="card", exit_on_error=False)
    def load_card(self, target: MessagePump, quote_id: int) -> None:
        card = self._painted_service().quote_card(quote_id)
        target.post_message(CardLoaded(card, self._speaker_names(card)))

    def _speaker_names(self, card: QuoteCard) -> dict[int, str]:
        """Names for the speaker ids in the history ("speaker: Lavrov → Stoltenberg")."""
        from quotes.curation import CurationError

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
        service = self._painted_service()
        for i in range(0, len(ids), 500):
            rows += service.queue_rows(list(ids[i : i + 500]))
        target.post_message(RowsRefreshed(ids, rows))

    @work(thread=True, group="fetch", exit_on_error=False)
    def fetch(self, target: MessagePump, key: str, job: Callable[[CurationService], Any]) -> None:
        """Any other read (lists, pickers, the article); the receiver matches on `key`."""
        target.post_message(Fetched(key, job(self._painted_service())))

    @work(thread=True, group="fetch", exit_on_error=False)
    def ask(self, target: MessagePump, job: Callable[[CurationService], Message]) -> None:
        """A read whose answer is its own typed message: the receiver's handler for that
        class is the route, so no key string has to be parsed."""
        target.post_message(job(self._painted_service()))

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
        service = self._painted_service()
        with self._sequencer.turn(ticket):
            result = job(service)
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
        if event.worker.group == "queue" and event.state == WorkerState.ERROR:
            self._first_painted.set()  # no page to wait for
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
        from quotes.curation import Conflict, CurationError, DatabaseError, NothingToUndo

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

    def on_unmount(self) -> None:
        self._first_painted.set()  # no worker may wait for a paint that will not come

    async def action_quit(self) -> None:
        """Wait for changes still being saved: quitting must never drop a decision."""
        self._first_painted.set()  # the changes wait for no first page now
        pending = [w for w in self.workers if w.group == "write" and not w.is_finished]
        if pending:
            self.notify(f"Saving {len(pending)} change(s)…")
            await self.workers.wait_for_complete(pending)
        await self.release_claims()
        self.exit()

    async def release_claims(self) -> None:
        """Give this curator's slice back to the team on the way out. A failure here must not
        keep the curator from quitting: the leases then simply run out."""
        if not self.service_loaded:
            return  # nothing was ever claimed without it
        from quotes.curation import DatabaseError

        try:
            await asyncio.to_thread(self.service.release_claims)
        except DatabaseError as error:
            self.log.error(repr(error))
