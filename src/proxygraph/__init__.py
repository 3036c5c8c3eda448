"""proxygraph: a sourced, time-aware graph of claims about state sponsors and armed proxies."""

__version__ = "0.1.0"
