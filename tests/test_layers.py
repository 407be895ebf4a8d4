"""Import contracts between the package's layers, checked by parsing every module with `ast`.

The layers, bottom up: `quotes.extract` (a spaCy component anyone could use alone), `quotes.store`
(the schema and the engine), the pipelines and services above them (`quotes.ingest`,
`quotes.topics`, `quotes.export`, `quotes.curation`), and the two faces, `quotes.tui` and
`quotes.cli`. Every import counts: at the top, inside a function, under `TYPE_CHECKING`,
relative or absolute; `from pkg import sub` counts as importing the submodule `pkg.sub`.
Each contract is also run on a synthetic module that breaks it, so none can pass vacuously.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

# Read-only or schema helpers of the store that the faces may use directly, and why: whole
# modules, or single names of a module ("quotes.store.engine.resolve_url"). Anything else of
# `quotes.store` (the models, the engine, the package's re-exports) is off limits: the faces
# change data only through `quotes.curation`'s service.
FACE_STORE_ALLOWANCES: Mapping[str, str] = {
    "quotes.store.database": "the `Database` handle the faces open and give to the service",
    "quotes.store.engine.resolve_url": "turns --db into a URL: string work, no connection",
    "quotes.store.engine.database_label": "the database's name for messages: string work",
    "quotes.store.errors": "explains a database error in a curator's words; touches no data",
    "quotes.store.redact": "masks passwords in URLs before they are printed",
    "quotes.store.migrate": "`quotes db upgrade/downgrade` and the too-new-schema error: "
    "schema management is the store's own job, not curator data",
    "quotes.store.stats": "`quotes stats`: read-only counts",
    "quotes.store.readonly": "`quotes sql`: a read-only connection that refuses writes",
    # The plain-Python half of `readonly`, so `quotes sql --help` needs no SQLAlchemy.
    "quotes.store.query_stream": "`quotes sql`: its limits and result stream, plain values",
    "quotes.store.query_errors": "`quotes sql`: its refusals, plain exceptions",
    "quotes.store.schema_doc": "`quotes schema`: describes tables, reads nothing",
}


@dataclass(frozen=True)
class Contract:
    """Modules in `layer` must not import any module under a `forbidden` prefix, except those
    under an `allowed` prefix or a name listed in `allowed` (each with its reason). A layer
    may always import itself."""

    name: str
    layer: str
    forbidden: tuple[str, ...]
    allowed: Mapping[str, str] = field(default_factory=dict)


CONTRACTS: tuple[Contract, ...] = (
    Contract(
        "the extractor stands alone: no other quotes module, no database, no UI",
        "quotes.extract",
        ("quotes", "sqlalchemy", "textual"),
    ),
    Contract(
        "the store imports nothing above it",
        "quotes.store",
        (
            "quotes.curation",
            "quotes.ingest",
            "quotes.tui",
            "quotes.cli",
            "quotes.topics",
            "quotes.export",
        ),
    ),
    Contract(
        "the workbench goes through the curation service",
        "quotes.tui",
        ("sqlalchemy", "quotes.store", "quotes.export", "quotes.ingest", "quotes.topics"),
        {"quotes.store.database": FACE_STORE_ALLOWANCES["quotes.store.database"]},
    ),
    Contract(
        "the CLI changes curator data only through the curation service",
        "quotes.cli",
        ("sqlalchemy", "quotes.store"),
        FACE_STORE_ALLOWANCES,
    ),
    Contract(
        "the curation service knows nothing of its faces",
        "quotes.curation",
        ("quotes.tui", "quotes.cli"),
    ),
)


@dataclass(frozen=True)
class Import:
    importer: str
    imported: str  # a module
    path: Path
    line: int
    name: str | None = None  # `from imported import name`, when name is not a module

    @property
    def full(self) -> str:
        return f"{self.imported}.{self.name}" if self.name else self.imported


@dataclass(frozen=True)
class Violation:
    contract: str
    found: Import

    def __str__(self) -> str:
        where = f"{self.found.path}:{self.found.line}"
        return f"{where}: {self.found.importer} imports {self.found.full} ({self.contract})"


def _under(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def modules(root: Path, package: str = "quotes") -> dict[str, Path]:
    """Every module of `package` under `root` by dotted name (a package by its own name)."""
    found: dict[str, Path] = {}
    for path in sorted((root / package).rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imports(name: str, path: Path, known: Iterable[str]) -> Iterator[Import]:
    """What module `name` (at `path`) imports, resolved to module names."""
    known = set(known)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(name, alias.name, path, node.lineno)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - (node.level - 1)]
                base = ".".join([*parts, *([node.module] if node.module else [])])
            else:
                base = node.module or ""
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                if sub in known:
                    yield Import(name, sub, path, node.lineno)
                else:
                    yield Import(name, base, path, node.lineno, alias.name)


def violations(root: Path, contracts: Iterable[Contract] = CONTRACTS) -> list[Violation]:
    found = modules(root)
    result = []
    for contract in contracts:
        for name, path in found.items():
            if not _under(name, contract.layer):
                continue
            for imp in imports(name, path, found):
                if (
                    not _under(imp.imported, contract.layer)
                    and any(_under(imp.imported, p) for p in contract.forbidden)
                    and not any(_under(imp.full, a) for a in contract.allowed)
                ):
                    result.append(Violation(contract.name, imp))
    return result


# -- the real package ------------------------------------------------------------------------


def test_every_contract_holds() -> None:
    assert [str(v) for v in violations(REPO)] == []


@pytest.mark.parametrize("contract", CONTRACTS, ids=lambda c: c.layer)
def test_every_contract_binds_real_modules(contract: Contract) -> None:
    """A renamed layer would make its contract check nothing."""
    assert any(_under(name, contract.layer) for name in modules(REPO))


def test_every_allowance_is_still_needed() -> None:
    """An allowance nobody uses any more is a hole waiting for a new leak: remove it."""
    found = modules(REPO)
    used = {
        (contract.layer, allowed)
        for contract in CONTRACTS
        for name, path in found.items()
        if _under(name, contract.layer)
        for imp in imports(name, path, found)
        for allowed in contract.allowed
        if _under(imp.full, allowed)
    }
    declared = {(c.layer, allowed) for c in CONTRACTS for allowed in c.allowed}
    assert declared - used == set()


# -- each contract can fail --------------------------------------------------------------------

BREAKS = [
    ("quotes/extract/bad.py", "import sqlalchemy\n", "quotes.extract"),
    ("quotes/extract/bad.py", "from textual.widgets import Static\n", "quotes.extract"),
    ("quotes/extract/bad.py", "from ..store import models\n", "quotes.extract"),
    ("quotes/store/bad.py", "from quotes.curation import CurationService\n", "quotes.store"),
    ("quotes/store/bad.py", "def f() -> None:\n    import quotes.export\n", "quotes.store"),
    ("quotes/store/bad.py", "from ..topics.apply import suggest_topics\n", "quotes.store"),
    ("quotes/tui/bad.py", "from sqlalchemy import select\n", "quotes.tui"),
    ("quotes/tui/bad.py", "from quotes.store import models\n", "quotes.tui"),
    ("quotes/tui/bad.py", "from quotes.store.engine import get_engine\n", "quotes.tui"),
    ("quotes/tui/bad.py", "from quotes.store import get_engine\n", "quotes.tui"),
    ("quotes/tui/bad.py", "from quotes.export import export_to_path\n", "quotes.tui"),
    (
        "quotes/tui/bad.py",
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from sqlalchemy import Engine\n",
        "quotes.tui",
    ),
    ("quotes/cli/bad.py", "from sqlalchemy.exc import SQLAlchemyError\n", "quotes.cli"),
    ("quotes/cli/bad.py", "from quotes.store.models import Quote\n", "quotes.cli"),
    ("quotes/cli/bad.py", "from quotes.store.engine import get_engine\n", "quotes.cli"),
    ("quotes/curation/bad.py", "from quotes.tui.app import WorkbenchApp\n", "quotes.curation"),
    ("quotes/curation/bad.py", "from ..cli import common\n", "quotes.curation"),
]


def synthetic_package(root: Path, files: Mapping[str, str]) -> Path:
    """A tiny `quotes` package with one module per layer, plus `files`."""
    base = {
        "quotes/__init__.py": "",
        **{f"quotes/{layer}/__init__.py": "" for layer in ("extract", "store", "tui", "cli")},
        "quotes/curation/__init__.py": "",
        "quotes/topics/__init__.py": "",
        "quotes/topics/apply.py": "",
        "quotes/store/models.py": "",
        "quotes/store/engine.py": "",
        "quotes/store/database.py": "",
        "quotes/export.py": "",
    }
    for rel, text in {**base, **files}.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize(("rel", "source", "layer"), BREAKS)
def test_the_checker_flags_a_violating_module(
    tmp_path: Path, rel: str, source: str, layer: str
) -> None:
    root = synthetic_package(tmp_path, {rel: source})
    found = violations(root)
    assert [(v.found.importer, _contract(v).layer) for v in found] == [
        (rel.removesuffix(".py").replace("/", "."), layer)
    ]


def test_the_checker_lets_allowed_and_own_layer_imports_pass(tmp_path: Path) -> None:
    root = synthetic_package(
        tmp_path,
        {
            "quotes/tui/ok.py": "from quotes.store import database\nfrom . import bad\n",
            "quotes/tui/bad.py": "from quotes.curation import CurationService\n",
            "quotes/cli/ok.py": "from quotes.store.database import Database\n"
            "from quotes.store.engine import resolve_url\n",
            "quotes/extract/ok.py": "from quotes.extract import bad\nimport spacy\n",
            "quotes/extract/bad.py": "from .ok import x\n",
            "quotes/store/ok.py": "from .models import Quote\nimport sqlalchemy\n",
        },
    )
    assert violations(root) == []


def _contract(v: Violation) -> Contract:
    return next(c for c in CONTRACTS if c.name == v.contract)
