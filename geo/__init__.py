"""geo: the plain library behind the repatriation map.

Data model, loading, validation, joining, map building and the command line.
It never imports streamlit, so every part is testable and scriptable on its own.
"""

__all__ = ["__version__"]
__version__ = "0.1.0"
