"""Run the reader's edited generator ("Show the Python") in a fresh namespace, with a step budget.

Anything that goes wrong becomes a ``CodeError`` whose message names the line of the reader's
code, so the page shows it next to the editor. Standard library only (it is shipped to the browser).
"""

from __future__ import annotations

import inspect
import math
import random
import sys
from typing import Any, Callable

from alliance_atlas.trajectories import PATTERNS
from alliance_atlas.trajectories import generators as _generators
from alliance_atlas.widgets.controls import PARAMETER_BY_NAME, CodeError, number

# Limits that keep a runaway edited generator from freezing the page.
MAX_SCORES = 500
MAX_CODE_STEPS = 1_000_000
CODE_FILENAME = "<your code>"


def generator_sources() -> dict[str, str]:
    """The source of each generator, as the "Show the Python" editor starts with it."""
    return {pattern: inspect.getsource(_generators._GENERATORS[pattern]) for pattern in PATTERNS}


def run_reader_generator(source: str, params: dict[str, Any]) -> tuple[str, list[Any]]:
    """Run the reader's version of a generator; return the function's name and the scores it returned.

    ``source`` must define a function; the one named like a known generator is
    preferred, else the only function defined. It runs in a fresh namespace that
    holds the generators' helpers and is called with those of ``params`` it accepts.
    """
    if not isinstance(source, str) or not source.strip():
        raise CodeError("The code is empty; it must define a function that returns a list of scores.")
    try:
        code = compile(source, CODE_FILENAME, "exec")
    except SyntaxError as error:
        raise CodeError(f"Syntax error on line {error.lineno}: {error.msg}.") from None
    namespace = _fresh_namespace()
    _run_limited(lambda: exec(code, namespace), "Defining your code")
    function = _pick_function(namespace)
    kwargs = _accepted(function, params if isinstance(params, dict) else {})
    scores = _run_limited(lambda: function(**kwargs), f"Running {function.__name__}()")
    if isinstance(scores, (str, bytes)) or not hasattr(scores, "__iter__"):
        raise CodeError(f"{function.__name__}() must return a list of scores, but it returned {type(scores).__name__}.")
    scores = list(scores)
    if len(scores) > MAX_SCORES:
        raise CodeError(f"{function.__name__}() returned {len(scores)} scores; at most {MAX_SCORES} can be shown.")
    return function.__name__, scores


def _fresh_namespace() -> dict[str, Any]:
    """What the generators' own module offers: math, random and the checking and noise helpers."""
    namespace: dict[str, Any] = {"__name__": "reader_generator", "__builtins__": __builtins__}
    namespace.update({"math": math, "random": random, "Any": Any})
    for name in ("_check_common", "_check_whole_number", "_check_finite", "_add_noise"):
        namespace[name] = getattr(_generators, name)
    return namespace


def _pick_function(namespace: dict[str, Any]) -> Callable[..., Any]:
    defined = [
        value for value in namespace.values()
        if inspect.isfunction(value) and value.__code__.co_filename == CODE_FILENAME
    ]
    if not defined:
        raise CodeError("The code defines no function; start it with a line such as `def v_rupture(sessions=12, ...):`.")
    for function in defined:
        if function.__name__ in PATTERNS:
            return function
    if len(defined) == 1:
        return defined[0]
    names = ", ".join(function.__name__ for function in defined)
    raise CodeError(f"The code defines several functions ({names}); name the one to run like a generator: {', '.join(PATTERNS)}.")


def _accepted(function: Callable[..., Any], params: dict[str, Any]) -> dict[str, Any]:
    signature = inspect.signature(function)
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in signature.parameters.values()):
        names = set(params)
    else:
        names = {
            name for name, p in signature.parameters.items()
            if p.kind in (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)
        }
    kwargs = {}
    for name in names & set(params):
        parameter = PARAMETER_BY_NAME.get(name)
        integer = parameter["integer"] if parameter else False
        kwargs[name] = number(params[name], parameter["label"] if parameter else name, integer=integer, error=CodeError)
    return kwargs


class _StepLimit(Exception):
    pass


def _run_limited(run: Callable[[], Any], what: str) -> Any:
    """Run the reader's code with a budget of executed lines, and turn any failure into a CodeError."""
    steps = 0

    def local_trace(frame, event, arg):
        nonlocal steps
        if event == "line":
            steps += 1
            if steps > MAX_CODE_STEPS:
                raise _StepLimit
        return local_trace

    def global_trace(frame, event, arg):
        # Only the reader's own frames are counted; the package's helpers run untraced.
        return local_trace if frame.f_code.co_filename == CODE_FILENAME else None

    previous = sys.gettrace()
    sys.settrace(global_trace)
    try:
        return run()
    except _StepLimit:
        raise CodeError(f"{what} took too long (more than {MAX_CODE_STEPS:,} steps); is there an endless loop?") from None
    except CodeError:
        raise
    except Exception as error:  # the reader's code may raise anything
        line = _reader_line(error)
        where = f" on line {line}" if line else ""
        message = str(error) or type(error).__name__
        raise CodeError(f"{what} failed{where}: {type(error).__name__}: {message}") from None
    finally:
        sys.settrace(previous)


def _reader_line(error: BaseException) -> int | None:
    """The last line of the reader's code in the error's traceback."""
    line = None
    traceback = error.__traceback__
    while traceback is not None:
        if traceback.tb_frame.f_code.co_filename == CODE_FILENAME:
            line = traceback.tb_lineno
        traceback = traceback.tb_next
    return line
