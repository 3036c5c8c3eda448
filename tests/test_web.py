"""The web app in-process: pages, callbacks over HTTP, security, export, map data."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from typer.testing import CliRunner

from proxygraph.cli import app as cli_app
from proxygraph.errors import ValidationError
from proxygraph.graph import GraphFilter
from proxygraph.store import SqlStore
from proxygraph.web import create_app, geo
from proxygraph.web.app import route
from proxygraph.web.jobs import Jobs, safe_name
from proxygraph.web.pages.evidence import edge_panel
from proxygraph.web.pages.mapview import map_data
from proxygraph.web.security import resolve_token
from proxygraph.web.views import FilterValues, mark_segments, network
from web_helpers import CSRF, XSS, call, fill, pattern, text_of


@pytest.fixture(name="store")
def store_fixture(tmp_path: Any) -> Iterator[SqlStore]:
    s = SqlStore(f"sqlite:///{tmp_path}/web.db")
    try:
        yield s
    finally:
        s.close()


@pytest.fixture(name="ids")
def ids_fixture(store: SqlStore) -> dict[str, str]:
    return fill(store)


@pytest.fixture(name="app")
def app_fixture(store: SqlStore, ids: dict[str, str]) -> Any:
    return create_app(store)


def test_every_page_renders_from_the_store(app: Any, ids: dict[str, str]) -> None:
    ctx = app.proxygraph_context
    net = text_of(route("/", "", ctx))
    assert "iran|ARMS_TRANSFER|hezbollah" in net and "russia|ARMS_TRANSFER|houthis" in net
    assert "Hezbollah" in text_of(route("/actor/hezbollah", "", ctx))
    assert "Pantsir" in text_of(route("/item/pantsir", "", ctx))
    doc = text_of(route(f"/doc/{ids['doc1']}", f"?claim={ids['transfer']}", ctx))
    assert "doc-span" in doc and "Drones to Lebanon" in doc
    assert "Paths" in text_of(route("/analytics", "", ctx))
    assert "scattergeo" in text_of(route("/map", "", ctx))
    assert "in-upload" in text_of(route("/ingest", "", ctx))
    assert "No page at /nowhere" in text_of(route("/nowhere", "", ctx))
    assert "no actor" in text_of(route("/actor/nobody-at-all", "", ctx))


def test_edge_panel_shows_sentence_source_and_the_denial_beside_it(app: Any) -> None:
    ctx = app.proxygraph_context
    graph = ctx.graph(GraphFilter())
    panel = text_of(edge_panel(ctx, graph, "iran|ARMS_TRANSFER|hezbollah"))
    assert "Shahed-136 drones" in panel and "CNAS" in panel and "Drones to Lebanon" in panel
    assert "Reported (1)" in panel and "Denied (1)" in panel and "Tasnim" in panel
    assert "2023-05-02" in panel  # publication date
    assert "found by: verb_frames" in panel and "found by: None" not in panel  # c2 has none
    assert "not in the current selection" in text_of(edge_panel(ctx, graph, "a|CLASH|b"))


def test_the_claims_own_words_are_marked_in_its_sentence() -> None:
    claim = {"subject": {"name": "Iran", "aliases": []},
             "object": {"name": "Hezbollah", "aliases": ["Hizballah"]},
             "items": [{"name": "Shahed-136", "aliases": ["Geran-2"]}]}
    pieces = mark_segments("Iran gave Geran-2 drones to Hizballah.", claim)
    assert ("Iran", "subject") in pieces and ("Geran-2", "item") in pieces
    assert ("Hizballah", "object") in pieces
    assert "".join(t for t, _ in pieces) == "Iran gave Geran-2 drones to Hizballah."


def test_time_window_filters_the_network(app: Any) -> None:
    ctx = app.proxygraph_context
    flt = FilterValues(years=[2019, 2019], full_range=[2019, 2023], undated=False)
    keys = {e.key for e in ctx.graph(flt.graph_filter()).edge_list()}
    assert ("russia", "ARMS_TRANSFER", "houthis") in keys
    assert ("iran", "ARMS_TRANSFER", "hezbollah") not in keys
    whole = FilterValues(years=[2019, 2023], full_range=[2019, 2023]).graph_filter()
    assert whole.since is None and whole.until is None  # the full range is no filter


def test_above_the_edge_limit_the_network_is_aggregated_and_says_so(app: Any) -> None:
    graph = app.proxygraph_context.graph(GraphFilter())
    net = network(graph, max_edges=1)
    assert net.aggregated and net.edges_shown == 1 and net.edges_total == 2
    assert "more than 1" in (net.note or "")
    assert not network(graph).aggregated


def test_router_callback_answers_over_http(app: Any) -> None:
    client = app.server.test_client()
    r = call(app, client, "page.children",
             [{"id": "url", "property": "pathname", "value": "/claims"},
              {"id": "url", "property": "search", "value": ""}], changed=["url.pathname"])
    assert r.status_code == 200 and "cl-table" in r.get_data(as_text=True)


def _review(app: Any, client: Any, cid: str, action: str, **kw: Any) -> Any:
    return call(app, client, "review-msg.children",
                [[{"id": json.loads(pattern(action=action, claim=cid, role="review")),
                   "property": "n_clicks", "value": 1}]],
                [[{"id": {"claim": cid, "role": "correct-attr"}, "property": "value",
                   "value": kw.get("attr", "object")}],
                 [{"id": {"claim": cid, "role": "correct-value"}, "property": "value",
                   "value": kw.get("value")}],
                 {"id": "reviewer", "property": "value", "value": "tester"}],
                [pattern(action=action, claim=cid, role="review") + ".n_clicks"], **{
                    k: v for k, v in kw.items() if k in ("csrf", "origin")})


def test_review_through_the_callback_is_stored_with_its_history(app: Any, store: SqlStore,
                                                                 ids: dict[str, str]) -> None:
    client = app.server.test_client()
    before = app.proxygraph_context.revision
    r = _review(app, client, ids["transfer"], "reject")
    assert r.status_code == 200, r.get_data(as_text=True)
    assert store.claim(ids["transfer"]).review_state == "rejected"
    assert [x.reviewer for x in store.history(ids["transfer"]).reviews] == ["tester"]
    assert app.proxygraph_context.revision == before + 1
    graph = app.proxygraph_context.graph(GraphFilter())
    assert ("iran", "ARMS_TRANSFER", "hezbollah") not in {e.key for e in graph.edge_list()}
    r = _review(app, client, ids["xss"], "correct", attr="object", value="Hezbollah")
    assert r.status_code == 200 and "new version" in r.get_data(as_text=True)
    assert store.claim(ids["xss"]).review_state == "corrected"


def test_writes_need_the_csrf_token_and_a_same_origin(app: Any, store: SqlStore,
                                                      ids: dict[str, str]) -> None:
    client = app.server.test_client()
    assert _review(app, client, ids["transfer"], "reject", csrf=None).status_code == 403
    client = app.server.test_client()
    r = _review(app, client, ids["transfer"], "reject", origin="http://evil.example")
    assert r.status_code == 403
    assert store.claim(ids["transfer"]).review_state == "unreviewed"


def test_first_page_sets_the_csrf_cookie_and_a_strict_csp(app: Any) -> None:
    r = app.server.test_client().get("/")
    assert r.status_code == 200
    assert any(c.startswith("_csrf_token=") for c in r.headers.getlist("Set-Cookie"))
    csp = r.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "connect-src 'self'" in csp
    html = r.get_data(as_text=True)
    assert "http://" not in html.replace("http://localhost", "") and "https://" not in html


def test_with_a_token_every_request_needs_it(store: SqlStore, ids: dict[str, str]) -> None:
    app = create_app(store, token="s3cret-token")
    client = app.server.test_client()
    assert client.get("/").status_code == 401
    assert client.get("/_dash-layout").status_code == 401
    assert client.get("/export/claims.csv").status_code == 401
    assert client.get("/", headers={"X-Proxygraph-Token": "wrong-token"}).status_code == 401
    assert client.get("/", headers={"X-Proxygraph-Token": "s3cret-token"}).status_code == 200
    first = client.get("/claims?token=s3cret-token&x=1")
    assert first.status_code == 303 and first.headers["Location"] == "/claims?x=1"
    assert "HttpOnly" in first.headers["Set-Cookie"]
    assert client.get("/claims").status_code == 200  # the cookie now carries it


def test_without_a_token_only_loopback_names_are_served(app: Any) -> None:
    client = app.server.test_client()
    assert client.get("/", headers={"Host": "evil.example"}).status_code == 403
    assert client.get("/", headers={"Host": "127.0.0.1:8765"}).status_code == 200


def test_binding_off_loopback_requires_a_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PROXYGRAPH_TOKEN", raising=False)
    with pytest.raises(ValidationError, match="needs a token"):
        resolve_token("0.0.0.0", None)
    assert resolve_token("127.0.0.1", None) is None
    monkeypatch.setenv("PROXYGRAPH_TOKEN", "from-the-environment")
    assert resolve_token("0.0.0.0", None) == "from-the-environment"
    with pytest.raises(ValidationError, match="at least 8"):
        resolve_token("127.0.0.1", "short")


def test_serve_command_errors_are_one_line(tmp_path: Any,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PROXYGRAPH_TOKEN", raising=False)
    runner = CliRunner()
    r = runner.invoke(cli_app, ["serve", "--host", "0.0.0.0", "--db",
                                f"sqlite:///{tmp_path}/x.db"])
    assert r.exit_code == 3 and "needs a token" in r.output
    r = runner.invoke(cli_app, ["serve", "--db", f"sqlite:///{tmp_path}/missing.db"])
    assert r.exit_code == 4 and "no store" in r.output
    assert not (tmp_path / "missing.db").exists()


def test_export_streams_the_current_filter(app: Any, ids: dict[str, str]) -> None:
    client = app.server.test_client()
    r = client.get("/export/claims.csv?search=Pantsir")
    lines = r.get_data(as_text=True).splitlines()
    assert r.status_code == 200 and lines[0].startswith("id,type,subject")
    assert len(lines) == 2 and ids["xss"] in lines[1]
    r = client.get("/export/claims.jsonl?type=ARMS_TRANSFER")
    rows = [json.loads(line) for line in r.get_data(as_text=True).splitlines()]
    assert {row["id"] for row in rows} == {ids["transfer"], ids["denial"], ids["xss"]}
    assert client.get("/export/claims.csv?since=20x").status_code == 400
    assert client.get("/export/claims.xml").status_code == 404


def test_claims_table_callback_filters_and_links_the_export(app: Any) -> None:
    client = app.server.test_client()
    values = {"cl-search": "Shahed", "cl-actor": None, "cl-type": None, "cl-status": None,
              "cl-since": None, "cl-until": None, "cl-reviewed": None}
    inputs = [{"id": k, "property": "value", "value": v} for k, v in values.items()]
    inputs.append({"id": "revision", "property": "data", "value": 0})
    r = call(app, client, "cl-table.data", inputs, changed=["cl-search.value"])
    out = r.get_json()["response"]
    assert r.status_code == 200 and out["cl-count"]["children"] == "1 claim"
    assert "Shahed-136 drones" in out["cl-table"]["data"][0]["evidence"]
    assert out["cl-csv"]["href"] == "/export/claims.csv?search=Shahed"
    # every selected claim is loaded: the table may sort and filter them itself
    assert out["cl-table"]["sort_action"] == out["cl-table"]["filter_action"] == "native"


def test_a_capped_claims_table_does_not_sort_what_it_only_partly_holds(
        app: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from proxygraph.web.pages import claims as claims_page

    monkeypatch.setattr(claims_page, "PAGE_ROWS", 1)  # the fixture store holds more
    client = app.server.test_client()
    values = {"cl-search": None, "cl-actor": None, "cl-type": None, "cl-status": None,
              "cl-since": None, "cl-until": None, "cl-reviewed": None}
    inputs = [{"id": k, "property": "value", "value": v} for k, v in values.items()]
    inputs.append({"id": "revision", "property": "data", "value": 0})
    out = call(app, client, "cl-table.data", inputs, changed=["revision.data"]).get_json()
    table = out["response"]["cl-table"]
    assert len(table["data"]) == 1
    assert table["sort_action"] == table["filter_action"] == "none"
    assert "narrow the filters" in out["response"]["cl-count"]["children"]


def test_document_text_is_never_html(app: Any, ids: dict[str, str]) -> None:
    """The payload travels as a plain string; no component that renders HTML is used."""
    ctx = app.proxygraph_context
    page = text_of(route(f"/doc/{ids['doc3']}", f"?claim={ids['xss']}", ctx))
    assert json.dumps(XSS)[1:-1].split("<img")[0] in page
    assert "dangerously" not in page and "Markdown" not in page
    panel = text_of(edge_panel(ctx, ctx.graph(GraphFilter()), "russia|ARMS_TRANSFER|houthis"))
    assert "<script>window.__xss=2</script>" in json.loads(json.dumps(panel))
    assert "dangerously" not in panel


def test_map_places_and_flows_come_from_offline_data(app: Any) -> None:
    assert geo.locate("the Red Sea") == geo.REGIONS["red sea"]
    lat, lon = geo.locate("Beirut") or (0, 0)
    assert 33 < lat < 34.5 and 35 < lon < 36
    assert geo.locate("Iran") is not None and geo.locate("by sea") is None
    assert len(geo.countries()) > 150
    graph = app.proxygraph_context.graph(GraphFilter())
    places, routes, _ = map_data(graph)
    assert {p.name for p in places} >= {"Beirut", "Red Sea"}
    flow = next(r for r in routes if r.label == "Russia → Houthis")
    assert len(flow.points) == 3  # Russia, the Red Sea, Yemen
    fig = geo.map_figure(places, routes, {})
    for trace in fig["data"]:  # lon/lat only: plotly fetches base shapes for locations
        assert trace["type"] == "scattergeo" and "locations" not in trace
    assert not any(v for k, v in fig["layout"]["geo"].items() if k.startswith("show"))
    assert all("<" not in t for t in fig["data"][-1]["text"])


def test_ingest_job_stores_uploaded_reports(store: SqlStore, ids: dict[str, str]) -> None:
    from proxygraph.model import Claim, Document
    from store_helpers import HOUTHIS, IRAN, make_claim

    def extract(doc: Document) -> list[Claim]:
        return [make_claim(doc, subject=IRAN, obj=HOUTHIS)]

    changes: list[int] = []
    jobs = Jobs(store, on_change=lambda: changes.append(1), extractor=(extract, "1"))
    job = jobs.start([("../../etc/new report.txt", b"Iran armed the Houthis."),
                      ("empty.bin", b"\x00\x01")], publisher="Wire", wait=True)
    assert job.state == "done" and changes == [1]
    assert [o.status for o in job.outcomes] == ["added", "failed"]
    assert jobs.get(job.id) is job and job.to_dict()["done"] == 2
    assert len(store.claims()) == 4
    assert safe_name("../../etc/passwd", "x") == "passwd"
    assert safe_name("..", "fallback.txt") == "fallback.txt"


def test_local_scripts_only(app: Any) -> None:
    client = app.server.test_client()
    html = client.get("/").get_data(as_text=True)
    import re

    sources = re.findall(r'<script[^>]+src="([^"]+)"', html)
    assert sources and all(s.startswith("/") for s in sources)
    cyto = [s for s in sources if "dash_cytoscape" in s]
    assert cyto and client.get(cyto[0]).status_code == 200
    assert CSRF  # the helper's token is what the callback tests send
