"""Support code for compiled scorers, using the standard library only.

The compiler copies the text below the BEGIN marker into every scorer it
writes, so `rubric compile --to python` output runs without rubricdsl; the
library's own runtime executes the very same text, so both score alike.
The generated part of a scorer defines the tables and functions this code
refers to (`_INPUTS`, `_KEYS`, `_DIVISIONS`, `_BANDS`, `_CONSTRAINTS`,
`_run`, `_scores`, `_explain`); they are declared here only for mypy.
"""

# ruff: noqa: E402  (the marker comment must come before the imports it copies)
from typing import Any, NoReturn

_INPUTS: tuple[tuple[Any, ...], ...] = ()
_KEYS: tuple[str, ...] = ()
_DIVISIONS: tuple[tuple[str, str, tuple[int, ...]], ...] = ()
_BANDS: tuple[tuple[str, str], ...] = ()
_CONSTRAINTS: tuple[tuple[int, str, tuple[int, ...]], ...] = ()
_IS_LEAF: tuple[bool, ...] = ()


def _run(record: object) -> tuple[tuple[Any, ...], tuple[Any, ...], Any, str | None]:
    raise NotImplementedError  # generated: read, check and score a record


def _scores(leaves: tuple[Any, ...]) -> tuple[Any, ...]:
    raise NotImplementedError  # generated: every indicator's score from the leaves


def _explain(values: tuple[Any, ...]) -> tuple[dict[str, Any], ...]:
    raise NotImplementedError  # generated: the facts of each leaf, traced


# BEGIN PRELUDE
import decimal as _decimal
import json as _json
import re as _re
import sys as _sys
import types as _types
from collections.abc import Mapping as _Mapping

_D = _decimal.Decimal
_DecimalException = _decimal.DecimalException
_getcontext = _decimal.getcontext
_setcontext = _decimal.setcontext
_ROUND_HALF_UP = _decimal.ROUND_HALF_UP
_ROUND_HALF_EVEN = _decimal.ROUND_HALF_EVEN
_ROUND_HALF_DOWN = _decimal.ROUND_HALF_DOWN
_ROUND_CEILING = _decimal.ROUND_CEILING
_ROUND_FLOOR = _decimal.ROUND_FLOOR
_ROUND_UP = _decimal.ROUND_UP
_ROUND_DOWN = _decimal.ROUND_DOWN

# A private context: scores never depend on, or change, the caller's context.
_CTX = _decimal.Context(
    prec=50,
    rounding=_decimal.ROUND_HALF_EVEN,
    traps=[_decimal.InvalidOperation, _decimal.DivisionByZero, _decimal.Overflow],
)
_ZERO = _D(0)


def _table(text: str) -> tuple[Any, ...]:
    """A table written as JSON text (a list), with its lists made tuples."""
    return _frozen(_json.loads(text))


def _frozen(items: list[Any]) -> tuple[Any, ...]:
    return tuple([_frozen(x) if isinstance(x, list) else x for x in items])


_ONE = _D(1)
_NUMERAL = _re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?", _re.ASCII)
_PERCENT = _re.compile(r"([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*[%％]", _re.ASCII)
_GROUPED = _re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?", _re.ASCII)  # 1,000 or 12,345.6
# The minus sign of the rubric language (−), and full-width digits, signs, point and comma.
_ASCII_NUMERAL = str.maketrans("−０１２３４５６７８９＋－．，", "-0123456789+-.,")
_YES = frozenset(("是", "yes", "y", "true", "1", "对", "有"))
_NO = frozenset(("否", "no", "n", "false", "0", "无"))
# Fast paths of the generated reading code; the full checks below agree with them.
_INF = float("inf")
_YES_OR_NO = {**dict.fromkeys(_YES, True), **dict.fromkeys(_NO, False)}.get
_KIND_WORDS = {
    "count": "a whole number ≥ 0", "amount": "an amount ≥ 0", "number": "a number",
    "percent": "a percentage such as 0.85 or \"85%\"", "yesno": "yes or no (是/否)",
    "judged": "a number",
}  # fmt: skip


class ScoreInputError(ValueError):
    """A record that cannot be scored (rubricdsl raises its own InputError)."""

    def __init__(
        self,
        message: str,
        *,
        input_name: str | None = None,
        value: object = None,
        indicator: str | None = None,
    ) -> None:
        self.input_name = input_name
        self.value = value
        self.indicator = indicator
        super().__init__(message)


_ERROR: type[ValueError] = ScoreInputError  # the library sets its own InputError here


def _fail(
    message: str, input_name: str | None = None, value: object = None, indicator: str | None = None
) -> NoReturn:
    raise _ERROR(message, input_name=input_name, value=value, indicator=indicator)  # type: ignore[call-arg]


def _input_fail(index: int, value: object, problem: str) -> NoReturn:
    name, users = _INPUTS[index][0], _INPUTS[index][7]
    used = f" (used by {', '.join(users)})" if users else ""
    _fail(f"input {name}: {problem}{used}", name, value, users[0] if users else None)


def _show(value: object) -> str:
    return repr(value) if isinstance(value, str) else str(value)


# ---------------------------------------------------------------- reading inputs


def _to_decimal(value: object, index: int) -> _D:
    """A finite Decimal from an int, float, numeral text or Decimal."""
    kind = _INPUTS[index][1]
    if isinstance(value, bool):
        return _input_fail(index, value, f"got a yes/no value {value}, expected {_KIND_WORDS[kind]}")
    if isinstance(value, int):
        return _D(value)
    if hasattr(value, "__index__") and not isinstance(value, _D | float):
        return _D(value.__index__())  # integer types of other libraries
    if isinstance(value, float):
        number = _D(float.__repr__(value))  # the shortest text: 0.1 is exactly 0.1
    elif isinstance(value, _D):
        number = value
    elif isinstance(value, str):
        number = _parse_text(value, index)
    elif value is None:
        return _input_fail(index, value, "no value given")
    else:
        problem = f"got {_kind_of(value)} {_show(value)}, expected {_KIND_WORDS[kind]}"
        return _input_fail(index, value, problem)
    if not number.is_finite():
        return _input_fail(index, value, f"{_show(value)} is not a finite number")
    return number


def _parse_text(text: str, index: int) -> _D:
    stripped = text.strip()
    if not stripped.isascii():
        stripped = stripped.translate(_ASCII_NUMERAL)
    if not stripped:
        return _input_fail(index, text, "no value given (empty text)")
    if _NUMERAL.fullmatch(stripped):
        return _D(stripped)
    percent = _PERCENT.fullmatch(stripped)
    if percent and _INPUTS[index][1] == "percent":
        return _D(percent.group(1)).scaleb(-2, _CTX)
    return _input_fail(index, text, _not_a_numeral(text, stripped, _KIND_WORDS[_INPUTS[index][1]], percent))


def _not_a_numeral(text: str, stripped: str, expected: str, percent: object) -> str:
    if percent:
        return f"{text!r} is a percentage, expected {expected}"
    if stripped.lower() in ("nan", "inf", "infinity", "-inf", "+inf", "-infinity", "+infinity"):
        return f"{text!r} is not a finite number"
    if _GROUPED.fullmatch(stripped):
        plain = stripped.replace(",", "")
        return f"{text!r} is not {expected}: write it without thousands separators, as {plain}"
    return f"{text!r} is not {expected}"


def _within(number: _D, index: int, value: object) -> _D:
    spec = _INPUTS[index]
    low = None if spec[3] is None else _D(spec[3])
    high = None if spec[5] is None else _D(spec[5])
    if low is not None and (number < low or (number == low and not spec[4])):
        _out_of_range(index, value, ("≥" if spec[4] else ">"), low)
    if high is not None and (number > high or (number == high and not spec[6])):
        _out_of_range(index, value, ("≤" if spec[6] else "<"), high)
    return number


def _out_of_range(index: int, value: object, op: str, bound: _D) -> NoReturn:
    shown = str(bound)
    if _INPUTS[index][1] == "percent":
        shown = format(bound.scaleb(2, _CTX).normalize(_CTX), "f") + "%"
    _input_fail(index, value, f"{_show(value)} is out of range: must be {op} {shown}")


def _number(value: object, index: int) -> _D:
    """An amount, number, percent or judged value, within its bounds."""
    return _within(_to_decimal(value, index), index, value)


def _count(value: object, index: int) -> _D:
    number = _to_decimal(value, index)
    if number != number.to_integral_value(context=_CTX):
        _input_fail(index, value, f"{_show(value)} is not a whole number")
    return _within(number, index, value)


def _yesno(value: object, index: int) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        word = value.strip().lower()
        if word in _YES or word in _NO:
            return word in _YES
    elif _is_number(value) and value in (0, 1):
        return value == 1
    problem = f"{_show(value)} is not yes or no (是/否, yes/no, true/false, 1/0)"
    _input_fail(index, value, problem)


_READERS = {"count": _count, "yesno": _yesno}  # every other kind: _number


def _read_inputs(record: _Mapping[str, object]) -> tuple[Any, ...]:
    """Every input of a record, each by its full check, in declaration order."""
    get, readers = record.get, _READERS
    return tuple([readers.get(spec[1], _number)(get(spec[0]), index) for index, spec in enumerate(_INPUTS)])


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) or (isinstance(value, _D) and value.is_finite())


def _kind_of(value: object) -> str:
    """A value's kind in words, as JSON names it where it can: null, a list, an object."""
    if value is None:
        return "null"
    if isinstance(value, list | tuple):
        return "a list"
    return "an object" if isinstance(value, _Mapping) else f"a {type(value).__name__}"


def _not_a_record(record: object) -> NoReturn:
    _fail(f"a record must map input names to values, got {_kind_of(record)}")


def _unknown_inputs(record: _Mapping[Any, Any]) -> None:
    """Raise for the record's first unknown input; else for its inputs without a value, when several."""
    names = [spec[0] for spec in _INPUTS]
    for key in record:
        if key not in names:
            hint = _closest(str(key), names)
            suggestion = f" (did you mean {hint}?)" if hint else ""
            _fail(f"unknown input {key}{suggestion}", str(key), record[key])
    _missing_inputs(record)


def _missing_inputs(record: _Mapping[Any, Any]) -> None:
    """When the error being raised is a missing value and other inputs lack one too: one error for all."""
    missing = [spec for spec in _INPUTS if _no_value(record.get(spec[0]))]
    raised = _sys.exc_info()[1]
    if len(missing) > 1 and getattr(raised, "input_name", None) == missing[0][0]:
        names = ", ".join(spec[0] for spec in missing)
        users = missing[0][7]
        _fail(f"inputs {names}: no value given", missing[0][0], None, users[0] if users else None)


def _no_value(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _closest(word: str, names: list[str]) -> str | None:
    import difflib

    found = difflib.get_close_matches(word, names, n=1, cutoff=0.5)
    return found[0] if found else None


def _broken(site: int, values: tuple[Any, ...]) -> NoReturn:
    index, text, others = _CONSTRAINTS[site]
    given = ", ".join(f"{_INPUTS[i][0]} = {v}" for i, v in zip(others, values[1:], strict=True))
    _input_fail(index, values[0], f"{values[0]} breaks its constraint {text} ({given})")


# ---------------------------------------------------------------- scoring


def _leaf_like(name: str, model: _types.FunctionType, *cells: object) -> _types.FunctionType:
    """The leaf function `model`, named `name`, with other values in its cells (`_c_3`, …: its defaults)."""
    return _types.FunctionType(model.__code__, model.__globals__, name, cells)


# ---------------------------------------------------------------- scoring failures


def _zero_division(site: int, values: tuple[Any, ...]) -> NoReturn:
    indicator, divisor, inputs = _DIVISIONS[site]
    given = ", ".join(f"{_INPUTS[i][0]} = {v}" for i, v in zip(inputs, values, strict=True))
    first = _INPUTS[inputs[0]][0] if inputs else None
    message = f"{indicator}: division by zero: {divisor} is 0 ({given})"
    _fail(message, first, values[0] if values else None, indicator)


def _uncovered(site: int, metric: _D) -> NoReturn:
    indicator, text = _BANDS[site]
    message = f"{indicator}: {text} = {metric} falls in no band; the inputs break the rubric's assumptions"
    _fail(message, None, metric, indicator)


def _arithmetic(error: ArithmeticError) -> NoReturn:
    _fail(f"a value is too large or too precise to score exactly ({type(error).__name__})")


# ---------------------------------------------------------------- public functions


def _text(number: _D) -> str:
    """Plain decimal text, never an exponent, never a negative zero."""
    return format(number.copy_abs() if number.is_zero() else number, "f")


def score(record: _Mapping[str, object]) -> dict[str, Any]:
    """Score one record: {"total", "grade", "scores": {indicator: score}} as decimal text.

    Raises ValueError naming the input, the value and the indicator for a bad record.
    """
    _values, leaves, total, grade = _run(record)
    scores = _scores(leaves)
    return {
        "total": _text(total),
        "grade": grade,
        "scores": {key: _text(value) for key, value in zip(_KEYS, scores, strict=True)},
    }


def explain(record: _Mapping[str, object]) -> dict[str, dict[str, Any]]:
    """What applied in each leaf: the branch, metric, band or steps, and the score."""
    values, _leaves, _total, _grade = _run(record)
    leaf_keys = [key for key, leaf in zip(_KEYS, _IS_LEAF, strict=True) if leaf]
    return dict(zip(leaf_keys, _explain(values), strict=True))
