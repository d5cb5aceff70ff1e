"""The plotting set-up every benchmark shares: matplotlib on its file-only backend (Agg)."""

from __future__ import annotations

import logging
from typing import Any

logger = logging.getLogger("ringkas.benchmarks")


def pyplot() -> Any | None:
    """``matplotlib.pyplot`` on the Agg backend, or None (with a warning) when matplotlib is not
    installed: a benchmark then writes its JSON and markdown without the plot."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        logger.warning("matplotlib is not installed; no plot (pip install matplotlib)")
        return None
    return plt
