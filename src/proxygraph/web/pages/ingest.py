"""Ingest: upload report files or paste text; progress while the extractor runs; the
new claims below (and in the graph, which redraws from the store)."""

from __future__ import annotations

import base64
import binascii
from typing import Any

import dash
from dash import Input, Output, State, dcc, html

from proxygraph.store import ClaimFilter
from proxygraph.web.context import WebContext
from proxygraph.web.jobs import Jobs
from proxygraph.web.pages.evidence import card_list

MAX_FILE_BYTES = 20 * 1024 * 1024
GRADES = "ABCDEF"


def layout(ctx: WebContext) -> html.Div:
    return html.Div(className="pg-page", children=[
        html.H1("Ingest reports"),
        html.Div(className="pg-two", children=[
            html.Section([
                html.H3("Upload files (.txt, .md, .html, .pdf)"),
                dcc.Upload(id="in-upload", multiple=True, className="pg-upload",
                           children=html.Div(["Drop report files here or ",
                                              html.A("choose files")])),
                html.Div(id="in-files", className="pg-muted"),
                html.H3("…or paste text"),
                dcc.Textarea(id="in-text", placeholder="Paste a report here",
                             className="pg-textarea"),
            ]),
            html.Section([
                html.H3("Source"),
                dcc.Input(id="in-title", placeholder="title (pasted text)"),
                dcc.Input(id="in-publisher", placeholder="publisher"),
                dcc.Dropdown(id="in-reliability", options=[
                    {"label": f"{g} reliability", "value": g} for g in GRADES],
                    placeholder="publisher grade (A-F)"),
                dcc.Input(id="in-published", placeholder="published YYYY[-MM[-DD]]"),
                html.Button("Ingest", id="in-go", className="pg-btn pg-btn-primary"),
            ]),
        ]),
        dcc.Store(id="in-job"),
        dcc.Interval(id="in-poll", interval=500, disabled=True),
        html.Div(id="in-progress"),
        html.Div(id="in-result", className="pg-cards"),
    ])


def decode_upload(contents: str) -> bytes:
    """A dcc.Upload data URL's bytes."""
    _, _, data = contents.partition(",")
    try:
        return base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError):
        return b""


def register(app: dash.Dash, ctx: WebContext) -> None:
    jobs = Jobs(ctx.store, on_change=ctx.changed)
    app.proxygraph_jobs = jobs  # type: ignore[attr-defined]

    @app.callback(Output("in-files", "children"), Input("in-upload", "filename"),
                  prevent_initial_call=True)
    def _files(names: list[str] | None) -> str:
        return ", ".join(names or []) + (" ready" if names else "")

    @app.callback(Output("in-job", "data"), Output("in-poll", "disabled"),
                  Output("in-progress", "children", allow_duplicate=True),
                  Input("in-go", "n_clicks"), State("in-upload", "contents"),
                  State("in-upload", "filename"), State("in-text", "value"),
                  State("in-title", "value"), State("in-publisher", "value"),
                  State("in-reliability", "value"), State("in-published", "value"),
                  prevent_initial_call=True)
    def _start(_n: Any, contents: list[str] | None, names: list[str] | None,
               text: str | None, title: str | None, publisher: str | None,
               reliability: str | None, published: str | None) -> Any:
        files: list[tuple[str, bytes]] = []
        for data_url, name in zip(contents or [], names or [], strict=False):
            data = decode_upload(data_url)
            if len(data) > MAX_FILE_BYTES:
                return dash.no_update, True, _error(f"{name} is larger than 20 MB")
            files.append((name, data))
        if text and text.strip():
            files.append(("pasted.txt", text.encode("utf-8")))
        if not files:
            return dash.no_update, True, _error("Choose files or paste a report first.")
        job = jobs.start(files, publisher=publisher, reliability=reliability,
                         published=published, title=title if text and not contents else None)
        return job.id, False, _progress(job.to_dict())

    @app.callback(Output("in-progress", "children"), Output("in-poll", "disabled",
                                                             allow_duplicate=True),
                  Output("in-result", "children"), Output("revision", "data",
                                                          allow_duplicate=True),
                  Input("in-poll", "n_intervals"), State("in-job", "data"),
                  prevent_initial_call=True)
    def _poll(_n: Any, job_id: str | None) -> Any:
        job = jobs.get(job_id) if job_id else None
        if job is None:
            return _error("No such ingest job."), True, dash.no_update, dash.no_update
        data = job.to_dict()
        if job.state not in ("done", "failed"):
            return _progress(data), False, dash.no_update, dash.no_update
        new_docs = [o.doc for o in job.outcomes if o.status == "added" and o.doc]
        ids = [s.id for s in ctx.store.claims(ClaimFilter(docs=tuple(new_docs)))] \
            if new_docs else []
        result = [html.H3(f"{len(ids)} new claim{'' if len(ids) == 1 else 's'}",
                          id="in-new-count"),
                  *card_list(ctx, ids)] if ids else [html.Div(
                      "No new claims (the documents were known already, or the extractor "
                      "found no claim).", className="pg-muted")]
        return _progress(data), True, result, ctx.revision


def _progress(job: dict[str, Any]) -> html.Div:
    done, total = job["done"], job["files"]
    label = {"queued": "waiting", "running": "extracting (the first run loads the language "
             "model)", "done": "done", "failed": "failed"}[job["state"]]
    lines = [html.Li(f"{o['status']}: {o['path'].rsplit('/', 1)[-1]}"
                     + (f" ({o['claims']} claim{'' if o['claims'] == 1 else 's'})"
                        if o["status"] == "added" else "")
                     + (f" — {o['error']}" if o.get("error") else ""))
             for o in job["outcomes"]]
    return html.Div(className="pg-progress", id="in-state", children=[
        html.Div(f"{label}: {done} of {total} files", **{"data-state": job["state"]}),
        html.Progress(value=str(done if job["state"] != "running" or done else 0),
                      max=str(total)),
        html.Ul(lines),
        html.Div(job["error"], className="pg-error") if job.get("error") else None,
    ])


def _error(text: str) -> html.Div:
    return html.Div(text, className="pg-error")
