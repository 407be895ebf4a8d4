"""Distinct articles made from the seeds, for runs long enough to kill or to race."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import SEEDS


def seed_variants(folder: Path, copies: int) -> list[Path]:
    """`copies` rounds of the five seeds, each made distinct by a trailing line."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    seeds = sorted(SEEDS.glob("*.txt"))
    for n in range(copies):
        for seed in seeds:
            path = folder / f"{n:03d}_{seed.name}"
            path.write_text(
                seed.read_text(encoding="utf-8") + f"\nEditor's note: copy {n}.\n",
                encoding="utf-8",
            )
            paths.append(path)
    return paths
