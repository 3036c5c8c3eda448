"""The local web UI: a Dash app that is a client of the library (store, graph, analyze).

    proxygraph serve --db sqlite:///proxygraph.db        # http://127.0.0.1:8765/

`create_app(store, token=...)` builds the app; `serve(url, host, port, token)` runs it.
"""

from proxygraph.web.app import create_app
from proxygraph.web.server import serve

__all__ = ["create_app", "serve"]
