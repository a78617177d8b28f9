"""One way to retire a name: a DeprecationWarning that says what to use, for one release.

Moved and renamed names keep working for one release (DESIGN: "Public names keep working
where they moved"), each warning with the same wording and listed in the CHANGELOG.

Examples
--------
>>> import warnings
>>> with warnings.catch_warnings(record=True) as caught:
...     warnings.simplefilter("always")
...     warn("wasteless.zh.RELATIONS", "use judgement.COMPARISONS")
>>> print(caught[0].message)
wasteless.zh.RELATIONS is deprecated and will be removed in 0.4: use judgement.COMPARISONS
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable, Iterator, Mapping
from typing import Any, ClassVar, TypeVar

import pandas as pd

__all__ = ["RenamedKeys", "module_getattr", "renamed_arguments", "renamed_columns", "warn"]

REMOVED_IN = "0.4"


def warn(old: str, instead: str, *, stacklevel: int = 3) -> None:
    """Warn that ``old`` is deprecated; ``instead`` says what to use.

    ``stacklevel`` 3 points at the caller of the function that calls this one.
    """
    warnings.warn(
        f"{old} is deprecated and will be removed in {REMOVED_IN}: {instead}",
        DeprecationWarning,
        stacklevel=stacklevel,
    )


def module_getattr(
    module: str, names: Mapping[str, tuple[str, Callable[[], Any]]]
) -> Callable[[str], Any]:
    """A module ``__getattr__`` (PEP 562) serving deprecated names with a warning.

    ``names`` maps an old name to (what to use instead, a function giving its value).
    """

    def __getattr__(name: str) -> Any:
        if name in names:
            instead, value = names[name]
            warn(f"{module}.{name}", instead)
            return value()
        raise AttributeError(f"module {module!r} has no attribute {name!r}")

    return __getattr__


# --- renamed arguments, mapping keys and table columns ----------------------------------

F = TypeVar("F", bound=Callable[..., Any])


def renamed_arguments(**renamed: str) -> Callable[[F], F]:
    """Accept a function's old keyword ``old=new`` for one release, with the warning.

    The function keeps its signature (``inspect.signature`` shows the new names) and its
    attributes (a unit function's ``.kernel``); both names at once is a TypeError, as
    Python gives for a repeated argument.

    Examples
    --------
    >>> @renamed_arguments(c_24h="concentration")
    ... def iaqi(concentration):
    ...     return concentration
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     iaqi(c_24h=35.0)
    35.0
    >>> print(caught[0].message)  # the module's name first, here wasteless._deprecate
    wasteless._deprecate.iaqi(c_24h=...) is deprecated and will be removed in 0.4: use ...
    """

    def decorate(function: F) -> F:
        name = f"{function.__module__}.{function.__qualname__}"

        @functools.wraps(function)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            for old, new in renamed.items():
                if old in kwargs:
                    if new in kwargs:
                        raise TypeError(
                            f"{function.__name__}() got {old}= and {new}=: {old} is the old "
                            f"name of {new}; pass {new}= only"
                        )
                    warn(f"{name}({old}=...)", f"use {new}=")
                    kwargs[new] = kwargs.pop(old)
            return function(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate


class RenamedKeys(Mapping[str, Any]):
    """A read-only mapping whose old keys still look up their new entry, with the warning.

    Iteration, ``len`` and ``keys()`` give the new keys only; ``mapping[old]``,
    ``mapping.get(old)`` and ``old in mapping`` warn and answer for the new key.

    Examples
    --------
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
        warn(f"{self._name}[{key!r}]", f"use {self._name}[{new!r}]", stacklevel=4)
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
    """A table whose old column names still select their new column, with the warning.

    Only the returned table itself: anything derived from it (a selection, a copy, a
    computation) is a plain DataFrame, and ``.loc`` takes the new names only.
    """

    _metadata: ClassVar[list[str]] = ["_renamed_columns", "_made_by"]  # kept when pickled
    _renamed_columns: Mapping[str, str] = {}
    _made_by = "the table"

    @property
    def _constructor(self) -> Any:
        return pd.DataFrame

    def _column(self, key: Any) -> Any:
        if isinstance(key, str) and key in self._renamed_columns and key not in self.columns:
            new = self._renamed_columns[key]
            warn(f"the column {key!r} of {self._made_by}", f"use {new!r}", stacklevel=4)
            return new
        return key

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, list):
            return super().__getitem__([self._column(k) for k in key])
        return super().__getitem__(self._column(key))


def renamed_columns(frame: pd.DataFrame, renamed: Mapping[str, str], made_by: str) -> pd.DataFrame:
    """``frame`` as a table whose old column names (``old: new``) still select, warning.

    Examples
    --------
    >>> frame = pd.DataFrame({"O3_mda8_p90": [90.0]})
    >>> table = renamed_columns(frame, {"O3_8h_p90": "O3_mda8_p90"}, "annual_statistics()")
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     table["O3_8h_p90"].tolist()
    [90.0]
    """
    result = _RenamedColumns(frame)
    result._renamed_columns = dict(renamed)
    result._made_by = made_by
    result.attrs = dict(frame.attrs)
    return result
