"""Modules imported on first use, for the heavy ones a web worker rarely needs."""

import importlib


class LazyModule:
    """Stands for the module ``name`` and imports it when an attribute is first read.

    pandas and numpy add some 45 MB to each process that imports them; the survey engine needs
    numpy to compute a result, not to show a stored one (most page views). Annotations that name
    them must then be strings (``from __future__ import annotations``).
    """

    def __init__(self, name: str):
        self._name = name
        self._module = None

    def __getattr__(self, attribute: str):  # only for names this object does not hold itself
        if self._module is None:
            self._module = importlib.import_module(self._name)
        return getattr(self._module, attribute)

    def __repr__(self) -> str:
        return f"<lazy module {self._name}>"
