from quotes.cli import app

app(prog_name="quotes")
