/* proxygraph web UI: the few browser-side helpers (served from this package, never a CDN). */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
    proxygraph: {
        /* Bring the marked evidence span of a document into view once it is drawn. */
        scrollToSpan: function (wanted) {
            if (wanted) {
                setTimeout(function () {
                    var el = document.getElementById("doc-span");
                    if (el) { el.scrollIntoView({block: "center"}); }
                }, 50);
            }
            return window.dash_clientside.no_update;
        }
    }
});
