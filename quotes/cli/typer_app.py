"""The Typer app: every command, registered in help order.

Never imports the workbench (`quotes.tui`) at module level: a headless run must not pay for
Textual, and the TUI is loaded only by `quotes tui`.
"""

from __future__ import annotations

import typer

from quotes.cli import calibrate as calibrate_commands
from quotes.cli import db as db_commands
from quotes.cli import demo as demo_commands
from quotes.cli import export as export_commands
from quotes.cli import extract as extract_commands
from quotes.cli import reader as reader_commands
from quotes.cli import speakers as speaker_commands
from quotes.cli import sql as sql_commands
from quotes.cli import statements as statement_commands
from quotes.cli import topics as topic_commands
from quotes.cli import tui as tui_commands
from quotes.cli import watch as watch_commands
from quotes.cli.plain_values import install as skip_pydantic_for_plain_values

# Values Typer would return unchanged skip its pydantic adapters (issue 19: start-up).
skip_pydantic_for_plain_values()

app = typer.Typer(
    name="quotes",
    help="Who said what: extract attributed quotes from news, curate them, query and export.",
    rich_markup_mode="rich",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)

app.command(rich_help_panel="Getting started")(demo_commands.demo)
app.command(rich_help_panel="Database")(db_commands.init)
app.command(rich_help_panel="Database")(db_commands.stats)
db_commands.db_app.command("reader")(reader_commands.reader)
app.add_typer(db_commands.db_app, name="db", rich_help_panel="Database")
app.command(rich_help_panel="Extraction")(extract_commands.extract)
app.command(rich_help_panel="Extraction")(watch_commands.watch)
app.command(rich_help_panel="Curation")(tui_commands.tui)
app.add_typer(speaker_commands.speakers_app, name="speakers", rich_help_panel="Curation")
app.add_typer(topic_commands.topics_app, name="topics", rich_help_panel="Curation")
app.add_typer(statement_commands.statements_app, name="statements", rich_help_panel="Curation")
app.command(rich_help_panel="Curation")(calibrate_commands.calibrate)
app.command("verify-above", rich_help_panel="Curation")(calibrate_commands.verify_above)
app.command(rich_help_panel="Query and export")(export_commands.export)
app.command(rich_help_panel="Query and export")(sql_commands.sql)
app.command(rich_help_panel="Query and export")(sql_commands.schema)
