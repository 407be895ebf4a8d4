"""Typer's pydantic validation, skipped for values it would return unchanged.

Typer 0.2x checks every non-flag parameter with a pydantic `TypeAdapter`, built the first
time the parameter is processed, defaults and `None` included. Importing pydantic and
building the adapters costs more than everything `quotes stats` itself does on a small
database (issue 19: start-up). Most values of a small command need no checking: a `str`
option given a string, `None` for an option left out, a number option at its default.
Typer's adapter returns exactly those values unchanged, so here they are returned without
it; any other value (a number typed on the command line, a choice, a path, a file, a list)
goes to Typer's own adapter, built on first need, so what is accepted or refused, and every
error message, stays Typer's. tests/cli/test_startup_values.py checks the shortcut against
Typer's own coercion for every parameter of every command.

This leans on two internals of Typer (`_TyperParameter.get_runtime_param` and
`_coercion.build_runtime_param`); when a Typer release lacks them, `install` does nothing
and every value goes through pydantic as before: slower, never wrong.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

_INSTALLED = False


def unchanged_by_typer(annotation: Any, parameter_info: Any, value: Any) -> bool:
    """Whether Typer's adapter for `annotation` would return `value` itself.

    Only the plainest cases: a `str` for a `str` parameter (Typer's adapter calls `str()`
    on it), and an `int` or `float` of exactly the annotated type inside the parameter's
    own `min`/`max` (`Field(ge=..., le=...)`), without `clamp` or a custom parser.
    """
    if getattr(parameter_info, "parser", None) is not None:
        return False
    if annotation is str:
        return type(value) is str
    if annotation in (int, float) and type(value) is annotation:
        if getattr(parameter_info, "clamp", False):
            return False
        low, high = parameter_info.min, parameter_info.max
        # A NaN compares false both ways and so goes to pydantic too.
        return (low is None or bool(value >= low)) and (high is None or bool(value <= high))
    return False


def install() -> None:
    """Put the shortcut in front of Typer's coercion (once; a no-op if Typer changed)."""
    global _INSTALLED
    if _INSTALLED:
        return
    try:
        from typer import _coercion
        from typer.core import _TyperParameter
    except ImportError:
        return
    base = getattr(_coercion, "RuntimeParam", None)
    found = getattr(_coercion, "build_runtime_param", None)
    if base is None or found is None or not hasattr(_TyperParameter, "get_runtime_param"):
        return
    build: Any = found

    @dataclass(frozen=True)
    class PlainFirst(base):  # type: ignore[misc,valid-type]  # base found at run time
        """Typer's `RuntimeParam`, with Typer's own one built only when a value needs it."""

        descriptor: Any = None
        _built: list[Any] = field(default_factory=list)

        def _typer(self) -> Any:
            if not self._built:
                self._built.append(build(self.descriptor))
            return self._built[0]

        def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
            if value is None and not (param.multiple or param.nargs == -1):
                return None  # what Typer's `RuntimeParam.coerce` returns, unchecked
            if self.descriptor.file_annotation is None and unchanged_by_typer(
                self.annotation, self.parameter_info, value
            ):
                return value
            return self._typer().coerce(value, param=param, ctx=ctx)

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            return self._typer()._coerce_value(value, param=param, ctx=ctx)

    def get_runtime_param(self: Any) -> Any:
        if self._runtime_param is None:
            descriptor = self.type_descriptor
            self._runtime_param = PlainFirst(
                parameter_info=descriptor.parameter_info,
                annotation=descriptor.annotation,
                descriptor=descriptor,
            )
        return self._runtime_param

    _TyperParameter.get_runtime_param = get_runtime_param  # type: ignore[method-assign]  # the patch
    _INSTALLED = True
