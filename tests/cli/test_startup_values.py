"""The values `quotes.cli.plain_values` lets past Typer's pydantic adapters are exactly the
values those adapters would have returned, for every parameter of every command.

The shortcut exists for start-up time (issue 19); what it must never do is accept, refuse or
convert anything differently from Typer. So every parameter is coerced both ways, its
default and sample command-line strings, and also values just outside a number's range.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import typer
from typer import _click
from typer._click.exceptions import BadParameter
from typer._coercion import build_runtime_param
from typer.core import TyperGroup, _TyperParameter

from quotes.cli import app
from quotes.cli.plain_values import unchanged_by_typer


def parameters() -> Iterator[tuple[_click.Command, _TyperParameter]]:
    stack: list[_click.Command] = [typer.main.get_command(app)]
    while stack:
        command = stack.pop()
        if isinstance(command, TyperGroup):
            stack.extend(command.commands.values())
        for param in command.params:
            if isinstance(param, _TyperParameter):
                yield command, param


def samples(param: _TyperParameter) -> list[Any]:
    info = param.type_descriptor.parameter_info
    values: list[Any] = [param.default, "", "x", "12", "-1", "2.5", "nan"]
    annotation = param.type_descriptor.annotation
    if annotation in (int, float):
        for bound in (info.min, info.max):
            if bound is not None:
                step = 1 if annotation is int else 0.5
                values += [annotation(bound), annotation(bound) - step, annotation(bound) + step]
        values += [annotation(0), float("nan")]
    return values


def coerce_both(command: _click.Command, param: _TyperParameter, value: Any) -> tuple[Any, Any]:
    """(ours, Typer's) result, or the error message each raised."""
    results = []
    for runtime in (param.get_runtime_param(), build_runtime_param(param.type_descriptor)):
        ctx = _click.Context(command)
        try:
            results.append(("value", runtime.coerce(value, param=param, ctx=ctx)))
        except BadParameter as exc:
            results.append(("refused", exc.format_message()))
    return results[0], results[1]


def same(a: Any, b: Any) -> bool:
    if a != a and b != b:  # NaN
        return type(a) is type(b)
    return bool(a == b) and type(a) is type(b)


# Lists always go to Typer's own adapter, so only single values are compared.
ALL = [(c, p) for c, p in parameters() if not p.multiple and p.nargs == 1]


def test_every_command_has_parameters_to_check() -> None:
    assert len(ALL) > 50


@pytest.mark.parametrize(("command", "param"), ALL, ids=[f"{c.name}:{p.name}" for c, p in ALL])
def test_the_shortcut_coerces_exactly_as_typer(
    command: _click.Command, param: _TyperParameter
) -> None:
    for value in samples(param):
        (kind, ours), (typer_kind, typers) = coerce_both(command, param, value)
        assert kind == typer_kind, (value, ours, typers)
        assert same(ours, typers), (value, ours, typers)


def test_the_shortcut_is_taken_for_the_values_of_a_small_command() -> None:
    """Not vacuous: the plain cases really skip pydantic, the others really do not."""
    taken = [
        p.name
        for _, p in ALL
        if p.default is not None
        and unchanged_by_typer(
            p.type_descriptor.annotation, p.type_descriptor.parameter_info, p.default
        )
    ]
    assert {"timeout", "limit"} <= set(taken)
    info = next(p for c, p in ALL if c.name == "sql" and p.name == "limit").type_descriptor
    assert not unchanged_by_typer(int, info.parameter_info, "5")  # typed: Typer parses it
    assert not unchanged_by_typer(int, info.parameter_info, 0)  # below --limit's minimum
    assert not unchanged_by_typer(int, info.parameter_info, True)  # a bool is not an int here
    assert unchanged_by_typer(str, info.parameter_info, "SELECT 1")
