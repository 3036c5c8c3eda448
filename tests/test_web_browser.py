"""The web UI in Debian's chromium, driven by Playwright (never `playwright install`).

One server on the demo store (the bundled sample reports, extracted for real) plus a
document carrying an XSS payload; every request the pages make is recorded, and the last
test checks that none left 127.0.0.1. Screenshots of the main views go to
docs/screenshots/ (shown in the README).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from proxygraph.store import ClaimFilter, SqlStore
from web_helpers import XSS

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
SHOTS = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
REPORT = ("Iran delivered Shahed-136 drones to the Houthis in Yemen in March 2024, "
          "according to a UN panel of experts.\n\nThe Houthis received the drones through "
          "the port of Hodeidah.\n")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at "
                       "/usr/bin/chromium (apt-get install chromium)"),
]


class Server:
    def __init__(self, app: Any) -> None:
        from werkzeug.serving import make_server

        self.server = make_server("127.0.0.1", 0, app.server, threaded=True)
        self.base = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    from proxygraph.collection import ingest_paths
    from proxygraph.web import create_app
    from store_helpers import HOUTHIS, PANTSIR, RUSSIA, make_claim, make_doc

    url = f"sqlite:///{tmp_path_factory.mktemp('web')}/demo.db"
    store = SqlStore(url)
    with resources.as_file(resources.files("proxygraph").joinpath("samples", "reports")) \
            as folder:
        ingest_paths(store, [folder], publisher="proxygraph samples", reliability="C")
    doc = make_doc(XSS, publisher="Evil Press", name="xss.txt",
                   title="<script>alert(1)</script>")
    claim = make_claim(doc, subject=RUSSIA, obj=HOUTHIS, items=(PANTSIR,),
                       time=("2019-01-01", "2019-12-31", "year"))
    store.add_document(doc, [claim], extractor_version="1")
    app = create_app(store, reviewer="browser-test")
    server = Server(app)
    token_server = Server(create_app(store, token="browser-token-123"))
    try:
        yield {"url": url, "base": server.base, "store": store, "xss_doc": doc.sha256,
               "xss_claim": claim.id, "token_base": token_server.base}
    finally:
        server.close()
        token_server.close()
        store.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield b
        finally:
            b.close()


REQUESTS: list[str] = []
DIALOGS: list[str] = []


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1500, "height": 900})
    context.on("request", lambda r: REQUESTS.append(r.url))
    pg = context.new_page()
    pg.on("dialog", lambda d: (DIALOGS.append(d.message), d.dismiss()))
    pg.set_default_timeout(30_000)
    try:
        yield pg
    finally:
        context.close()


def shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def cy_eval(page: Any, script: str) -> Any:
    """Run `script` with `cy`, the network's cytoscape instance (registered on its
    container by cytoscape itself)."""
    return page.evaluate("""(script) => {
        const cy = document.querySelector('#net-graph')._cyreg.cy;
        return (new Function('cy', script))(cy);
    }""", script)


def open_network(page: Any, base: str) -> float:
    page.goto(base + "/")
    page.wait_for_selector("#net-counts")
    page.wait_for_selector("#net-graph canvas")
    page.wait_for_function("""() => {
        const g = document.querySelector('#net-graph');
        return g && g._cyreg && g._cyreg.cy && g._cyreg.cy.nodes().length > 0;
    }""")
    return float(page.evaluate("performance.now()"))


# An edge whose two nodes do not overlap: one between touching nodes has no point a click
# can reach (the layout may place two nodes on top of each other).
APART = """const apart = e => {
    const a = e.source().position(), b = e.target().position();
    return Math.hypot(a.x - b.x, a.y - b.y) > e.source().width() + e.target().width(); };
"""


def click_some_edge(page: Any, edges: list[dict[str, Any]]) -> dict[str, Any]:
    """Click the first of `edges` that has a point clear of every other edge and node (a
    real click on the canvas) and return it. The layout differs from run to run: an edge
    may cross nodes all along its length, and clicking it would hit a node."""
    page.wait_for_timeout(300)  # let the layout settle
    for edge in edges:
        point = _clear_point(page, edge["id"])
        if point is not None:
            page.mouse.click(*point)
            return edge
    raise AssertionError(f"none of {len(edges)} edges has a point clear of the others")


def _clear_point(page: Any, edge_id: str) -> tuple[float, float] | None:
    """The page point on the edge farthest from other edges and off every node, if any."""
    found = cy_eval(page, f"""
        const e = cy.getElementById({edge_id!r});
        cy.fit(e.connectedNodes(), 150);
        const a = e.source().renderedPosition(), b = e.target().renderedPosition();
        const seg = (p, q, r) => {{  // distance from p to segment q-r
            const dx = r.x - q.x, dy = r.y - q.y, l = dx * dx + dy * dy || 1;
            const t = Math.max(0, Math.min(1, ((p.x - q.x) * dx + (p.y - q.y) * dy) / l));
            return Math.hypot(p.x - q.x - t * dx, p.y - q.y - t * dy);
        }};
        let best = null, bestGap = -1;
        for (let t = 0.2; t <= 0.8; t += 0.05) {{
            const p = {{x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y)}};
            let gap = Infinity;
            cy.edges().forEach(o => {{ if (o.id() !== e.id()) gap = Math.min(gap,
                seg(p, o.source().renderedPosition(), o.target().renderedPosition())); }});
            cy.nodes().forEach(n => {{ const bb = n.renderedBoundingBox();
                if (p.x > bb.x1 - 4 && p.x < bb.x2 + 4 && p.y > bb.y1 - 4 && p.y < bb.y2 + 4)
                    gap = -1; }});
            if (gap > bestGap) {{ bestGap = gap; best = p; }}
        }}
        if (best === null) return null;  // on a node all along
        const box = cy.container().getBoundingClientRect();
        return [box.left + best.x, box.top + best.y];""")
    return None if found is None else (found[0], found[1])


def test_demo_store_first_paint_and_network(page: Any, demo: dict[str, Any]) -> None:
    elapsed = open_network(page, demo["base"])
    counts = page.inner_text("#net-counts")
    assert "actors" in counts and "edges" in counts
    nodes = cy_eval(page, "return cy.nodes().length")
    assert nodes > 20
    print(f"\nfirst paint of the demo network: {elapsed:.0f} ms ({nodes} actors)")
    shot(page, "network")


def test_time_window_filters_the_graph(page: Any, demo: dict[str, Any]) -> None:
    open_network(page, demo["base"])
    before = cy_eval(page, "return cy.edges().length")
    thumb = page.locator("#net-years [role=slider]").first.bounding_box()
    track = page.locator("#net-years .dash-slider-track").bounding_box()
    assert thumb and track
    page.mouse.move(thumb["x"] + thumb["width"] / 2, thumb["y"] + thumb["height"] / 2)
    page.mouse.down()  # drag the window's start to the last years
    page.mouse.move(track["x"] + track["width"] * 0.93, track["y"] + track["height"] / 2,
                    steps=8)
    page.mouse.up()
    page.wait_for_function(f"""() => {{
        const h = document.querySelector('#net-graph');
        return h && h._cyreg.cy.edges().length < {before};
    }}""")
    page.uncheck("text=keep undated claims in a window")
    page.wait_for_timeout(800)
    after = cy_eval(page, "return cy.edges().length")
    assert 0 <= after < before


def test_click_an_edge_shows_its_evidence_sentence(page: Any, demo: dict[str, Any]) -> None:
    open_network(page, demo["base"])
    # The best-attested edge that no other edge runs beside (a click hits only it).
    edges = cy_eval(page, APART + """return cy.edges().filter(e => e.parallelEdges().length === 1
        && apart(e)).sort((a, b) => b.data('count') - a.data('count')).map(e => e.data())""")
    edge = click_some_edge(page, edges)
    page.wait_for_selector("#evidence .pg-sentence")
    shown = page.inner_text("#evidence")
    # the edge the click selected: on a crowded canvas it may be a neighbour of the one aimed
    # at, and the panel must then show that one's evidence
    selected = cy_eval(page, "return cy.edges(':selected').map(e => e.data())")
    edge = selected[0] if len(selected) == 1 else edge
    stored = demo["store"].claims(ClaimFilter(ids=tuple(edge["claims"])))
    assert any(" ".join(s.claim.evidence.sentence.split()) in " ".join(shown.split())
               for s in stored)
    assert "proxygraph samples" in shown
    cy_eval(page, "cy.fit(undefined, 30); return 0")
    page.wait_for_timeout(300)
    shot(page, "evidence")


def test_review_a_claim_and_it_is_stored(page: Any, demo: dict[str, Any]) -> None:
    open_network(page, demo["base"])
    edges = cy_eval(page, APART + """return cy.edges().filter(e => e.data('count') >= 2 &&
        e.parallelEdges().length === 1 && apart(e)).map(e => e.data())""")
    click_some_edge(page, edges)
    page.wait_for_selector("#evidence .pg-btn-accept")
    claim_id = page.locator("#evidence .pg-claim-id").first.inner_text()
    page.locator("#evidence .pg-btn-accept").first.click()
    page.wait_for_selector(".pg-toast:has-text('accepted')")
    with SqlStore(demo["url"], create=False) as other:  # what another reader sees
        assert other.claim(claim_id).review_state == "accepted"
        assert other.history(claim_id).reviews[-1].reviewer == "browser-test"
    page.wait_for_selector("#evidence .pg-review-accepted")
    page.locator("#evidence details.pg-history-box summary").first.click()
    page.wait_for_selector("#evidence .pg-history li:has-text('accept by browser-test')")
    cy_eval(page, "cy.fit(undefined, 30); return 0")
    shot(page, "review")
    page.locator("#evidence .pg-btn-reject").first.click()
    page.wait_for_selector(".pg-toast:has-text('rejected')")
    with SqlStore(demo["url"], create=False) as other:
        assert other.claim(claim_id).review_state == "rejected"
    page.wait_for_function(f"""() => {{  // the graph drops the rejected claim
        const h = document.querySelector('#net-graph');
        return h && !h._cyreg.cy.edges().some(e => (e.data('claims') || [])
            .includes({claim_id!r}));
    }}""")


def test_upload_a_report_and_see_its_claims(page: Any, demo: dict[str, Any],
                                            tmp_path: Path) -> None:
    report = tmp_path / "un-panel-2024.txt"
    report.write_text(REPORT, encoding="utf-8")
    page.goto(demo["base"] + "/ingest")
    page.set_input_files("#in-upload input[type=file]", str(report))
    page.wait_for_selector("#in-files:has-text('un-panel-2024.txt')")
    page.click("#in-go")
    page.wait_for_selector("#in-new-count", timeout=120_000)
    assert "Shahed-136" in page.inner_text("#in-result")
    docs = [d for d in demo["store"].documents() if d.name == "un-panel-2024.txt"]
    assert len(docs) == 1 and docs[0].claims >= 1
    shot(page, "ingest")


def test_xss_in_a_document_is_text_and_never_runs(page: Any, demo: dict[str, Any]) -> None:
    page.goto(f"{demo['base']}/doc/{demo['xss_doc']}?claim={demo['xss_claim']}")
    page.wait_for_selector("#doc-span")
    assert "<script>window.__xss=2</script>" in page.inner_text("#doc-text")
    assert "<img src=x onerror" in page.inner_text("#doc-span")
    assert page.inner_text("h1") == "<script>alert(1)</script>"
    page.goto(demo["base"] + "/claims?search=Pantsir")
    page.wait_for_selector("text=window.__xss=2")
    page.wait_for_timeout(500)
    assert page.evaluate("window.__xss") is None
    assert page.locator("img[src=x]").count() == 0 and not DIALOGS


def test_other_views_render(page: Any, demo: dict[str, Any]) -> None:
    base = demo["base"]
    page.goto(base + "/analytics?from=iran&to=hezbollah")
    page.wait_for_selector("#an-paths-count")
    page.wait_for_timeout(800)
    shot(page, "analytics-paths")
    page.goto(base + "/analytics?tab=whatif&remove=quds-force")
    page.wait_for_selector("#an-after canvas")
    page.wait_for_timeout(800)
    shot(page, "analytics-whatif")
    page.goto(base + "/map")
    page.wait_for_selector("#map-graph .main-svg")
    page.wait_for_timeout(800)
    assert "places" in page.inner_text("#map-note")
    shot(page, "map")
    page.goto(base + "/claims")
    page.wait_for_selector("#cl-table td")
    shot(page, "claims")
    page.goto(base + "/actor/hezbollah")
    page.wait_for_selector("text=Partners by type")
    shot(page, "actor")


def test_without_the_token_requests_are_refused(page: Any, demo: dict[str, Any]) -> None:
    base = demo["token_base"]
    response = page.goto(base + "/")
    assert response is not None and response.status == 401
    response = page.goto(base + "/?token=browser-token-123")
    assert response is not None and response.status == 200 and "token" not in page.url
    page.wait_for_selector("#net-counts")  # the cookie carries it for every request
    status = page.evaluate("""async () => (await fetch('/_dash-layout',
        {credentials: 'omit'})).status""")
    assert status == 401


def test_no_request_left_the_machine(demo: dict[str, Any]) -> None:
    assert REQUESTS, "the browser tests recorded no request"
    outside = [u for u in REQUESTS if not u.startswith("http://127.0.0.1:")]
    assert outside == []
