"""`quotes calibrate` on a database of simulated decisions (SQLite, and PostgreSQL with
$QUOTES_TEST_PG): what counts as right, when a refit is adopted, what re-scoring touches."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from quotes.cli import app
from quotes.curation import CurationService, confidence
from quotes.curation import calibration as cal
from quotes.extract.calibration import shipped_model
from quotes.store.database import Database, open_database
from quotes.store.models import CalibrationModel, Edit, Quote
from tests.calibration.simulated import build, decide, is_pronoun


def _pronouns_wrong(qid: int, pronoun: bool) -> bool:
    return not pronoun


def test_decisions_label_verified_rejected_and_corrected(database: Database) -> None:
    sim = build(database, 12)
    svc = CurationService(database, "ann")
    decide(svc, sim, sim.quote_ids[:9], _pronouns_wrong)
    with database.readers() as s:
        got = {d.quote_id: d.right for d in cal.decisions(s)}
    assert set(got) == set(sim.quote_ids[:9])  # undecided quotes are no decisions
    # pronouns are wrong; one of them was reassigned then verified: still wrong
    assert got == {qid: not is_pronoun(i) for i, qid in enumerate(sim.quote_ids[:9])}
    with database.readers() as s:
        statuses = {r[0]: r[1] for r in s.execute(select(Quote.id, Quote.status))}
    assert "verified" in {statuses[q] for q, right in got.items() if not right}


def test_refit_on_decisions_is_adopted_and_rescores_only_untouched(database: Database) -> None:
    sim = build(database, 240)
    svc = CurationService(database, "ann")
    decided, rest = sim.quote_ids[:160], sim.quote_ids[160:]
    decide(svc, sim, decided, _pronouns_wrong)
    svc.tag([rest[0]], "Budget")  # touched by a curator, though still unverified

    report = cal.calibrate(database, "ann")

    assert report.adopted, report.reason
    assert report.loss_after is not None and report.loss_before is not None
    assert report.loss_after < report.loss_before
    assert report.held_out == sum(1 for q in decided if q % cal.HOLDOUT == 0)
    with database.readers() as s:
        model = cal.active_model(s)
        before = {r[0]: r[1] for r in s.execute(select(Quote.id, Quote.confidence))}
    assert model.version == report.version
    assert model.probability({"resolution": "pronoun", "type": "direct"}) < 0.5

    changed = cal.rescore(database)

    with database.readers() as s:
        after = {r[0]: r[1] for r in s.execute(select(Quote.id, Quote.confidence))}
        edits = s.scalar(select(Edit.id).where(Edit.action == "rescore"))
    assert changed == len(rest) - 1
    assert all(after[q] == before[q] for q in decided)  # curated quotes keep theirs
    assert after[rest[0]] == before[rest[0]] == 0.5  # so does a touched one
    kept = [(i, q) for i, q in enumerate(sim.quote_ids) if q in rest[1:]]
    pronouns = [after[q] for i, q in kept if is_pronoun(i)]
    explicit = [after[q] for i, q in kept if not is_pronoun(i)]
    assert max(pronouns) < min(explicit)  # the queue (lowest first) now starts with pronouns
    assert edits is None  # re-scoring is not a curator action


def test_a_refit_not_clearly_better_on_held_back_decisions_is_not_adopted(
    database: Database,
) -> None:
    sim = build(database, 200)
    svc = CurationService(database, "ann")

    def contradicting(qid: int, pronoun: bool) -> bool:
        # fitted decisions say pronouns are right and names wrong; held-back ones the opposite
        return pronoun == (qid % cal.HOLDOUT != 0)

    decide(svc, sim, sim.quote_ids, contradicting)
    report = cal.calibrate(database, "ann")
    assert not report.adopted
    assert report.loss_after is not None and report.loss_before is not None
    assert "clearly better" in report.reason
    with database.readers() as s:
        assert cal.active_model(s).version == shipped_model().version
        stored = s.scalars(select(CalibrationModel.adopted)).all()
    assert stored == [False]  # the attempt is kept, not used


def test_too_few_decisions_fit_nothing(database: Database) -> None:
    sim = build(database, 10)
    decide(CurationService(database, "ann"), sim, sim.quote_ids, _pronouns_wrong)
    report = cal.calibrate(database, "ann")
    assert not report.adopted and report.version is None
    assert "at least" in report.reason


def test_verify_above_states_count_and_expected_errors_and_logs_threshold(
    database: Database,
) -> None:
    sim = build(database, 6)
    with database.sessions.begin() as s:
        for qid, conf in zip(sim.quote_ids, (0.99, 0.95, 0.9, 0.5, 0.97, 0.2), strict=True):
            s.get_one(Quote, qid).confidence = conf
    svc = CurationService(database, "ann")
    svc.reject(sim.quote_ids[4])  # decided: not taken again
    preview = confidence.preview_verify_above(svc, 0.9)
    assert preview.quote_ids == tuple(sim.quote_ids[:3])
    assert abs(preview.expected_errors - (0.01 + 0.05 + 0.1)) < 1e-9
    assert confidence.verify_above(svc, preview) == 3
    with database.readers() as s:
        actions = set(s.scalars(select(Edit.action).where(Edit.entity_id.in_(sim.quote_ids[:3]))))
        status = s.scalar(select(Quote.status).where(Quote.id == sim.quote_ids[4]))
    assert actions == {"verify>=0.900"}
    assert status == "rejected"
    svc.undo()  # one step
    with database.readers() as s:
        assert set(s.scalars(select(Quote.status).where(Quote.id.in_(sim.quote_ids[:3])))) == {
            "unverified"
        }


def test_cli_calibrate_and_verify_above(db_path: Path) -> None:
    database = open_database(str(db_path))
    sim = build(database, 120)
    decide(CurationService(database, "ann"), sim, sim.quote_ids[:100], _pronouns_wrong)
    database.engine.dispose()
    runner = CliRunner()
    res = runner.invoke(app, ["calibrate", "--rescore", "--db", str(db_path)])
    assert res.exit_code == 0, res.output
    assert "decisions: 100 (25 held back)" in res.output
    assert "log loss on held-back decisions: before" in res.output
    assert "re-scored 20 unverified quotes" in res.output
    res = runner.invoke(app, ["verify-above", "0.0", "--db", str(db_path)])
    assert res.exit_code == 1  # no terminal, no --yes: refused, after stating the numbers
    assert "Verify 20 quotes" in res.output and "expects about" in res.output
    res = runner.invoke(app, ["verify-above", "0.0", "--yes", "--db", str(db_path)])
    assert res.exit_code == 0, res.output
    assert "verified 20 quotes" in res.output
    res = runner.invoke(app, ["verify-above", "1.5", "--db", str(db_path)])
    assert res.exit_code != 0


def test_quote_card_says_what_drives_a_low_probability(database: Database) -> None:
    from rich.console import Console

    from quotes.tui.quote_card import render_card

    sim = build(database, 3)
    assert CurationService(database, "ann").quote_card(sim.quote_ids[1]).confidence_drivers == ()
    assert cal.rescore(database) == 3  # scores them and stores what drives each score
    card = CurationService(database, "ann").quote_card(sim.quote_ids[1])  # a pronoun
    assert card.confidence < 0.8
    assert card.confidence_drivers
    assert len(card.confidence_drivers) <= 3
    console = Console(width=200, record=True)
    console.print(render_card(card))
    assert f"low: {card.confidence_drivers[0]}" in console.export_text()


def test_verify_above_refuses_when_a_previewed_quote_changed(database: Database) -> None:
    from quotes.curation import Conflict

    sim = build(database, 4)
    preview = confidence.preview_verify_above(CurationService(database, "ann"), 0.5)
    assert len(preview.quote_ids) == 4
    CurationService(database, "bob").reject(sim.quote_ids[2])  # after the question was asked
    with pytest.raises(Conflict):
        confidence.verify_above(CurationService(database, "ann"), preview)
    with database.readers() as s:
        statuses = list(s.scalars(select(Quote.status).order_by(Quote.id)))
    assert statuses == ["unverified", "unverified", "rejected", "unverified"]  # all or nothing


def test_an_unreadable_adopted_model_is_passed_over(database: Database) -> None:
    with database.sessions.begin() as s:
        for params in ({"format": "quotes.calibration/1", "version": "x"}, {"weights": "NaN"}):
            s.add(
                CalibrationModel(
                    version="hand-edited",
                    params=params,
                    decisions=0,
                    held_out=0,
                    loss_before=0.0,
                    loss_after=0.0,
                    adopted=True,
                    created_by="mallory",
                )
            )
    with database.readers() as s:
        assert cal.active_model(s).version == shipped_model().version
