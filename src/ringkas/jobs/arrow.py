"""pyarrow, imported on first use: ``import ringkas`` stays light, and a missing pyarrow is named.

>>> pa, pq = pyarrow_modules()
>>> pa.__name__, pq.__name__
('pyarrow', 'pyarrow.parquet')
"""

from __future__ import annotations

from typing import Any

from ringkas.errors import EngineNotAvailableError

__all__ = ["pyarrow_modules"]


def pyarrow_modules() -> tuple[Any, Any]:
    """``pyarrow`` and ``pyarrow.parquet``, or an error that says how to install them.

    >>> pyarrow_modules()[1].__name__
    'pyarrow.parquet'
    """
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:  # pragma: no cover - pyarrow comes with the eval and ray extras
        raise EngineNotAvailableError(
            'Corpus runs write Parquet and need pyarrow: pip install pyarrow (or "ringkas[eval]").'
        ) from exc
    return pa, pq
