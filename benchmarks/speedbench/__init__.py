"""The speed benchmark's parts; ``benchmarks/speed.py`` is the command that runs them.

=============  ==================================================================================
module         what it holds
=============  ==================================================================================
settings       :class:`Settings`, the systems' names, the output-length rule (standard library)
worker         one system timed in a subprocess; standard library at import time, because the
               transformers-4 virtualenv runs it for system (a)
systems        how each system is loaded and called (a-e), and its output-length check
corpus         the bundled articles and their sentences
models         real-shape random-weight models that always write the length they are told to
run            the parent: prepare models and corpora, run the workers in turns
aggregate      medians, best of N, ratios, targets, and what should have run but did not
report         one function per markdown table, the plot, writing and re-rendering a run
cli            the command line
=============  ==================================================================================

Nothing here is imported by ringkas; ringkas is imported as installed (``pip install -e .``).
"""
