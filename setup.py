"""Build glue that pyproject.toml cannot express: the migrations ship inside the package.

The Alembic scripts stay in the top-level `migrations/` folder (where `alembic` and
developers expect them) and are mapped to `quotes.migrations` in the wheel, so an installed
`quotes` can create and upgrade databases without a source checkout. The package list is
computed, not written out, so a new subpackage can never be silently left out of the wheel.
"""

from setuptools import find_namespace_packages, setup

setup(
    packages=[
        *find_namespace_packages(include=["quotes", "quotes.*"], exclude=["*.__pycache__"]),
        "quotes.migrations",
        "quotes.migrations.versions",
    ],
    package_dir={"quotes.migrations": "migrations"},
)
