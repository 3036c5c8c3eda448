"""The claims table: the store's own filters and full-text search, sortable columns,
and export of the current filter as CSV or JSON Lines (the CLI's formats)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

import dash
from dash import Input, Output, State, dash_table, dcc, html
from flask import Flask, Response, request, stream_with_context

from proxygraph.cli.claims_format import CSV_FIELDS, csv_row, row, shorten
from proxygraph.errors import ProxygraphError, ValidationError
from proxygraph.ontology import ONTOLOGY
from proxygraph.store import ClaimFilter
from proxygraph.web.context import WebContext
from proxygraph.web.pages.evidence import card_list

PAGE_ROWS = 2000  # rows loaded into the table; export has no limit
FIELDS = ("search", "actor", "type", "status", "since", "until", "reviewed")
COLUMNS = ("type", "subject", "object", "items", "time_start", "time_end", "status",
           "certainty", "reliability", "credibility", "review_state", "evidence")


def claim_filter(params: dict[str, Any], *, limit: int | None = None) -> ClaimFilter:
    """The store filter the table's controls (or an export URL's query) describe."""
    def one(name: str) -> str | None:
        value = params.get(name)
        if isinstance(value, list):
            value = value[0] if value else None
        return value.strip() if isinstance(value, str) and value.strip() else None

    reviewed = one("reviewed")
    return ClaimFilter(
        search=one("search"), actors=(one("actor"),) if one("actor") else (),
        types=(one("type"),) if one("type") else (),
        statuses=(one("status"),) if one("status") else (), since=one("since"),
        until=one("until"),
        reviewed=True if reviewed == "reviewed" else False if reviewed == "unreviewed"
        else None, limit=limit)


def layout(ctx: WebContext, query: dict[str, str]) -> html.Div:
    return html.Div(className="pg-page", children=[
        html.H1("Claims"),
        html.Div(className="pg-row pg-wrap", children=[
            dcc.Input(id="cl-search", type="search", placeholder="full text, e.g. Shahed",
                      debounce=True, value=query.get("search"), className="pg-grow"),
            dcc.Input(id="cl-actor", placeholder="actor", debounce=True,
                      value=query.get("actor")),
            dcc.Dropdown(id="cl-type", options=[{"label": t, "value": t}
                                                for t in ONTOLOGY.claim_types],
                         placeholder="any type", value=query.get("type"),
                         style={"width": "190px"}),
            dcc.Dropdown(id="cl-status", options=[{"label": s, "value": s}
                                                  for s in ONTOLOGY.statuses],
                         placeholder="any status", style={"width": "150px"}),
            dcc.Input(id="cl-since", placeholder="since YYYY[-MM]", debounce=True, size="12"),
            dcc.Input(id="cl-until", placeholder="until YYYY[-MM]", debounce=True, size="12"),
            dcc.Dropdown(id="cl-reviewed", options=[
                {"label": "reviewed", "value": "reviewed"},
                {"label": "unreviewed", "value": "unreviewed"}], placeholder="any review",
                style={"width": "150px"}),
        ]),
        html.Div(className="pg-row", children=[
            html.Div(id="cl-count", className="pg-muted pg-grow"),
            html.A("Export CSV", id="cl-csv", href="/export/claims.csv",
                   className="pg-btn-link"),
            html.A("Export JSONL", id="cl-jsonl", href="/export/claims.jsonl",
                   className="pg-btn-link"),
        ]),
        dash_table.DataTable(
            id="cl-table", columns=[{"name": c.replace("_", " "), "id": c} for c in COLUMNS],
            data=[], sort_action="native", filter_action="native", page_size=20,
            row_selectable=False, cell_selectable=True,
            style_table={"overflowX": "auto"},
            style_cell={"textAlign": "left", "fontSize": "13px", "padding": "4px 6px",
                        "maxWidth": "420px", "whiteSpace": "normal",
                        "fontFamily": "inherit"},
            style_header={"fontWeight": "600", "background": "#eef2f5"},
            style_data_conditional=[{"if": {"column_id": "evidence"},
                                     "minWidth": "320px"}]),
        html.Div(id="cl-detail", className="pg-cards"),
    ])


def table_rows(ctx: WebContext, flt: ClaimFilter) -> list[dict[str, Any]]:
    out = []
    for line in getattr(ctx.store, "iter_claim_json")(flt):  # noqa: B009  streamed JSON
        r = row(json.loads(line))
        r["evidence"] = shorten(r["evidence"], 240)
        out.append(r)
    return out


def register(app: dash.Dash, ctx: WebContext) -> None:
    @app.callback(Output("cl-table", "data"), Output("cl-count", "children"),
                  Output("cl-csv", "href"), Output("cl-jsonl", "href"),
                  Output("cl-table", "sort_action"), Output("cl-table", "filter_action"),
                  Input("cl-search", "value"), Input("cl-actor", "value"),
                  Input("cl-type", "value"), Input("cl-status", "value"),
                  Input("cl-since", "value"), Input("cl-until", "value"),
                  Input("cl-reviewed", "value"), Input("revision", "data"))
    def _table(search: Any, actor: Any, ctype: Any, status: Any, since: Any, until: Any,
               reviewed: Any, _rev: Any) -> Any:
        params = {k: v for k, v in zip(FIELDS, (search, actor, ctype, status, since, until,
                                                 reviewed), strict=True) if v}
        try:
            flt = claim_filter(params, limit=PAGE_ROWS + 1)
            ctx.store.check_names(flt)  # type: ignore[attr-defined]
            rows = table_rows(ctx, flt)
        except ProxygraphError as exc:
            return [], html.Span(str(exc), className="pg-error"), dash.no_update, \
                dash.no_update, dash.no_update, dash.no_update
        more = len(rows) > PAGE_ROWS
        # the table sorts and filters the rows it holds: over a capped selection that
        # would show the first rows' order as if it were the whole selection's
        count = (f"the first {PAGE_ROWS:,} claims shown, in stored order; narrow the filters "
                 "above to sort or filter columns (export has them all)" if more
                 else f"{len(rows):,} claim{'' if len(rows) == 1 else 's'}")
        query = urlencode(params)
        suffix = f"?{query}" if query else ""
        in_table = "none" if more else "native"
        return rows[:PAGE_ROWS], count, f"/export/claims.csv{suffix}", \
            f"/export/claims.jsonl{suffix}", in_table, in_table

    @app.callback(Output("cl-detail", "children"), Input("cl-table", "active_cell"),
                  State("cl-table", "derived_viewport_data"), Input("revision", "data"),
                  prevent_initial_call=True)
    def _detail(cell: Any, rows: Any, _rev: Any) -> Any:
        if not cell or not rows or cell.get("row", -1) >= len(rows):
            return dash.no_update
        return card_list(ctx, [rows[cell["row"]]["id"]])


def register_routes(server: Flask, ctx: WebContext) -> None:
    @server.route("/export/claims.<fmt>")
    def _export(fmt: str) -> Response:
        if fmt not in ("csv", "jsonl"):
            return Response("format must be csv or jsonl\n", status=404, mimetype="text/plain")
        try:
            flt = claim_filter(request.args.to_dict())
            ctx.store.check_names(flt)  # type: ignore[attr-defined]
        except (ProxygraphError, ValidationError) as exc:
            return Response(f"{exc}\n", status=400, mimetype="text/plain")
        lines = getattr(ctx.store, "iter_claim_json")(flt)  # noqa: B009

        def body() -> Iterator[str]:
            if fmt == "jsonl":
                for line in lines:
                    yield line + "\n"
                return
            import csv
            import io

            buf = io.StringIO()
            writer = csv.DictWriter(buf, fieldnames=CSV_FIELDS, lineterminator="\n")
            writer.writeheader()
            for line in lines:
                writer.writerow(csv_row(json.loads(line)))
                yield buf.getvalue()
                buf.seek(0)
                buf.truncate()
            yield buf.getvalue()

        mimetype = "text/csv" if fmt == "csv" else "application/x-ndjson"
        return Response(stream_with_context(body()), mimetype=mimetype, headers={
            "Content-Disposition": f'attachment; filename="claims.{fmt}"'})
