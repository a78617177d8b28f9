"""Old names that keep working for one release, with a DeprecationWarning that gives the new.

Three kinds of rename, one wording: an argument (:func:`renamed_arguments`), a key of a
read-only mapping (:class:`RenamedKeys`) and a column of a returned table
(:func:`renamed_columns`). The warning names the old and the new name and the release
that removes the old one, and points at the caller's line.

Examples
--------
>>> import warnings
>>> @renamed_arguments(c_24h="concentration")
... def iaqi(concentration):
...     return concentration
>>> with warnings.catch_warnings(record=True) as caught:
...     warnings.simplefilter("always")
...     iaqi(c_24h=35.0)
35.0
>>> print(caught[0].message)
iaqi(c_24h=...) is deprecated: use concentration=; c_24h will be removed in 0.4
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable, Iterator, Mapping
from typing import Any, ClassVar, TypeVar

import pandas as pd

__all__ = ["REMOVED_IN", "RenamedKeys", "renamed_arguments", "renamed_columns"]

REMOVED_IN = "0.4"
"""The release that removes the names deprecated in 0.3."""

F = TypeVar("F", bound=Callable[..., Any])


def _warn(message: str, stacklevel: int) -> None:
    warnings.warn(message, DeprecationWarning, stacklevel=stacklevel + 1)


def renamed_arguments(**renamed: str) -> Callable[[F], F]:
    """Accept the old keyword ``old=new`` of a function, with a DeprecationWarning.

    The function keeps its signature (``inspect.signature`` shows the new names) and
    its attributes (a unit function's ``.kernel``); giving both names is a TypeError,
    as Python gives for a repeated argument.
    """

    def decorate(function: F) -> F:
        @functools.wraps(function)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            for old, new in renamed.items():
                if old in kwargs:
                    if new in kwargs:
                        raise TypeError(
                            f"{function.__name__}() got {old}= and {new}=: {old} is the old "
                            f"name of {new}; pass {new}= only"
                        )
                    _warn(
                        f"{function.__name__}({old}=...) is deprecated: use {new}=; {old} "
                        f"will be removed in {REMOVED_IN}",
                        2,
                    )
                    kwargs[new] = kwargs.pop(old)
            return function(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate


class RenamedKeys(Mapping[str, Any]):
    """A read-only mapping whose old keys still look up their new entry, with a warning.

    Iteration, ``len`` and ``keys()`` give the new keys only; ``mapping[old]``,
    ``mapping.get(old)`` and ``old in mapping`` warn and answer for the new key.

    Examples
    --------
    >>> import warnings
    >>> table = RenamedKeys({"O3_mda8_p90": 90.0}, {"O3_8h_p90": "O3_mda8_p90"}, "TABLE")
    >>> list(table)
    ['O3_mda8_p90']
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     table["O3_8h_p90"]
    90.0
    """

    def __init__(self, data: Mapping[str, Any], renamed: Mapping[str, str], name: str) -> None:
        self._data = dict(data)
        self._renamed = dict(renamed)
        self._name = name

    def _key(self, key: Any) -> Any:
        new = self._renamed.get(key) if isinstance(key, str) else None
        if new is None:
            return key
        _warn(
            f"{self._name}[{key!r}] is deprecated: use {self._name}[{new!r}]; {key!r} will "
            f"be removed in {REMOVED_IN}",
            3,
        )
        return new

    def __getitem__(self, key: Any) -> Any:
        return self._data[self._key(key)]

    def __contains__(self, key: object) -> bool:
        return self._key(key) in self._data

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._data!r})"


class _RenamedColumns(pd.DataFrame):
    """A table whose old column names still select their new column, with a warning.

    Only the returned table itself: anything derived from it (a selection, a copy, a
    computation) is a plain DataFrame, and ``.loc`` takes the new names only.
    """

    _metadata: ClassVar[list[str]] = ["_renamed_columns"]  # pickled; set by renamed_columns
    _renamed_columns: Mapping[str, str] = {}

    @property
    def _constructor(self) -> Any:
        return pd.DataFrame

    def _column(self, key: Any) -> Any:
        if isinstance(key, str) and key in self._renamed_columns and key not in self.columns:
            new = self._renamed_columns[key]
            _warn(
                f"column {key!r} is deprecated: use {new!r}; {key!r} will be removed in "
                f"{REMOVED_IN}",
                3,
            )
            return new
        return key

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, list):
            return super().__getitem__([self._column(k) for k in key])
        return super().__getitem__(self._column(key))


def renamed_columns(frame: pd.DataFrame, renamed: Mapping[str, str]) -> pd.DataFrame:
    """``frame`` as a table whose old column names (``old: new``) still select, warning.

    Examples
    --------
    >>> import warnings
    >>> frame = pd.DataFrame({"O3_mda8_p90": [90.0]})
    >>> table = renamed_columns(frame, {"O3_8h_p90": "O3_mda8_p90"})
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     table["O3_8h_p90"].tolist()
    [90.0]
    """
    result = _RenamedColumns(frame)
    result._renamed_columns = dict(renamed)
    result.attrs = dict(frame.attrs)
    return result
