"""The documented import path of the citation parser: ``from sphinx_kamerstuk.citations
import parse, find_all``. It lives in :mod:`sphinx_kamerstuk.core.citations`."""

from sphinx_kamerstuk.core.citations import *
from sphinx_kamerstuk.core.citations import __all__  # noqa: F401
