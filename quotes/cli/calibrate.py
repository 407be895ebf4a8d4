"""`quotes calibrate` and `quotes verify-above`: the confidence model and what it allows.

Thin: the rules (what counts as a right or wrong decision, when a refit is adopted, which
quotes may be re-scored) live in `quotes.curation.calibration`.
"""

from __future__ import annotations

from typing import Annotated

import typer

from quotes.cli.common import (
    CuratorOption,
    DbOption,
    confirm_or_exit,
    curation_errors,
    curator_name,
    database_errors,
    err,
    fail,
    open_db,
    out,
    service,
)


def _loss(value: float | None) -> str:
    return "-" if value is None else f"{value:.4f}"


def calibrate(
    rescore: Annotated[
        bool,
        typer.Option(
            "--rescore", help="Re-score unverified, untouched quotes with the model in use."
        ),
    ] = False,
    db: DbOption = None,
    curator: CuratorOption = None,
) -> None:
    """Refit the confidence model on this database's curator decisions.

    The refit is adopted only if it predicts held-back decisions better; --rescore then
    re-scores unverified quotes, so the review queue reorders."""
    from quotes.curation import calibration

    database = open_db(db)
    with database_errors(database.label):
        report = calibration.calibrate(database, curator_name(curator))
        out.print(
            f"decisions: {report.decisions} ({report.held_out} held back)\n"
            f"log loss on held-back decisions: before {_loss(report.loss_before)}, "
            f"refit {_loss(report.loss_after)}\n"
            f"calibration error (10 bins): before {_loss(report.ece_before)}, "
            f"refit {_loss(report.ece_after)}\n"
            f"{report.reason}"
        )
        if rescore:
            changed = calibration.rescore(database)
            out.print(f"re-scored {changed} unverified quotes")


def verify_above(
    threshold: Annotated[float, typer.Argument(help="Confidence from 0 to 1, e.g. 0.95.")],
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Do not ask first (for scripts).")
    ] = False,
    db: DbOption = None,
    curator: CuratorOption = None,
) -> None:
    """Verify every unverified quote with confidence >= THRESHOLD, in one undoable step.

    It first says how many quotes that is and how many of them are expected to be wrong."""
    from quotes.curation import confidence

    if not 0.0 <= threshold <= 1.0:
        fail(f"the threshold must be between 0 and 1, not {threshold}")
    svc = service(db, curator)
    with database_errors(svc.db.label), curation_errors():
        preview = confidence.preview_verify_above(svc, threshold)
        n = len(preview.quote_ids)
        if not n:
            err.print(f"no unverified quote has confidence >= {threshold:g}")
            return
        confirm_or_exit(
            f"Verify {n} quotes with confidence >= {threshold:g}? The model expects about "
            f"{preview.expected_errors:.1f} of them ({preview.expected_errors / n:.1%}) "
            "to be wrong.",
            yes=yes,
        )
        done = confidence.verify_above(svc, preview)
    out.print(f"verified {done} quotes (threshold {threshold:g}; `u` in the workbench undoes it)")
