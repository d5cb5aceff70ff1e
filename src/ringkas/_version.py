"""The version of ringkas, in one place: pyproject reads it, every module that needs it imports it.

>>> from ringkas._version import __version__
>>> __version__.count(".") >= 2
True
"""

from __future__ import annotations

__all__ = ["__version__"]

__version__ = "0.1.0"
