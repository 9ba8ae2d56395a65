"""The parts of the ``sphinx-vatoolkit`` command; its entry point is
:func:`sphinx_vatoolkit.cli.main`."""
