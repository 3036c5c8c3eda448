"""Shared pieces of the web tests: a small store with a conflict and an XSS payload, and a
helper that calls a Dash callback over HTTP as the browser does."""

from __future__ import annotations

import json
from typing import Any

from proxygraph.model import Entity
from proxygraph.store import SqlStore
from store_helpers import HEZBOLLAH, HOUTHIS, IRAN, PANTSIR, RUSSIA, SHAHED, make_claim, make_doc

XSS = ('Russia delivered <img src=x onerror="window.__xss=1"> Pantsir-S1 systems '
       '<script>window.__xss=2</script> to the Houthis through the Red Sea in 2019.')
CSRF = "test-csrf-token-value"


def fill(store: SqlStore) -> dict[str, str]:
    """Three documents: a transfer, its denial by another publisher, an XSS payload."""
    d1 = make_doc("Iran shipped Shahed-136 drones to Hezbollah in Beirut in 2023.",
                  publisher="CNAS", reliability="B", name="drones.txt",
                  title="Drones to Lebanon", published="2023-05-02")
    c1 = make_claim(d1, subject=IRAN, obj=HEZBOLLAH, items=(SHAHED,), place=("Beirut",),
                    time=("2023-01-01", "2023-12-31", "year"))
    c1 = c1.with_changes(extractor={**c1.extractor, "component": "verb_frames"})
    d2 = make_doc("Officials in Tehran denied sending drones to Hezbollah in 2023.",
                  publisher="Tasnim", reliability="E", name="denial.txt")
    c2 = make_claim(d2, subject=IRAN, obj=HEZBOLLAH, status="denied",
                    time=("2023-01-01", "2023-12-31", "year"))
    d3 = make_doc(XSS, publisher="<b>Evil</b> Press", name="xss.txt",
                  title="<script>alert(1)</script>")
    c3 = make_claim(d3, subject=RUSSIA, obj=HOUTHIS, items=(PANTSIR,),
                    route=("the Red Sea",), time=("2019-01-01", "2019-12-31", "year"))
    for doc, claim in ((d1, c1), (d2, c2), (d3, c3)):
        store.add_document(doc, [claim], extractor_version="1")
    return {"transfer": c1.id, "denial": c2.id, "xss": c3.id, "doc1": d1.sha256,
            "doc3": d3.sha256}


def outputs_of(key: str) -> Any:
    """The `outputs` field Dash's renderer sends for a callback-map key."""
    if not key.startswith(".."):
        ident, prop = key.rsplit(".", 1)
        return {"id": ident, "property": prop}
    out = []
    for part in key[2:-2].split("..."):
        ident, prop = part.rsplit(".", 1)
        out.append({"id": ident, "property": prop})
    return out


def call(app: Any, client: Any, fragment: str, inputs: list[Any], state: list[Any] = (),
         changed: list[str] = (), *, csrf: str | None = CSRF,
         origin: str | None = "http://localhost") -> Any:
    """POST one callback (found by a piece of its output key) like the browser does."""
    key = next(k for k in app.callback_map if fragment in k)
    body = {"output": key, "outputs": outputs_of(key), "inputs": inputs,
            "state": list(state), "changedPropIds": list(changed)}
    headers = {}
    if origin:
        headers["Origin"] = origin
    if csrf:
        client.set_cookie("_csrf_token", csrf)
        headers["X-CSRFToken"] = csrf
    return client.post("/_dash-update-component", data=json.dumps(body),
                       content_type="application/json", headers=headers)


def pattern(**ident: Any) -> str:
    return json.dumps(ident, sort_keys=True, separators=(",", ":"))


def text_of(component: Any) -> str:
    """A Dash component tree as JSON, then every text child joined in order (what the
    page shows, so a sentence split into marked pieces reads whole again)."""
    import plotly.utils

    raw = json.dumps(component, cls=plotly.utils.PlotlyJSONEncoder, ensure_ascii=False)
    texts: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, str):
            texts.append(node)
        elif isinstance(node, list):
            for n in node:
                walk(n)
        elif isinstance(node, dict):
            walk(node.get("props", {}).get("children"))

    walk(json.loads(raw))
    return raw + "\n" + "".join(texts)


__all__ = ["CSRF", "XSS", "Entity", "call", "fill", "pattern", "text_of"]
