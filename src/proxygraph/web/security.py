"""Who may talk to the web app: loopback by default, a token otherwise, no cross-site writes.

- Bound to a loopback address with no token, only requests whose Host names the loopback
  are served (a DNS-rebinding page cannot read the app through another name).
- With a token (`--token` or PROXYGRAPH_TOKEN) every request must carry it: the header
  `X-Proxygraph-Token` (or `Authorization: Bearer`), the cookie set by a first visit with
  `?token=`, or the query parameter itself.
- Every write (any method but GET/HEAD/OPTIONS) must come from the app's own pages: an
  Origin (or Referer) of this host, and the double-submit CSRF token: the `_csrf_token`
  cookie echoed in the `X-CSRFToken` header, which Dash's renderer sends by itself.
- Every response carries a Content-Security-Policy that allows only this origin, so a
  page can neither load nor send anything elsewhere, and inline script runs only when its
  hash is Dash's own.
"""

from __future__ import annotations

import hmac
import ipaddress
import os
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

from flask import Flask, Response, redirect, request

from proxygraph.errors import ValidationError

TOKEN_ENV = "PROXYGRAPH_TOKEN"
TOKEN_COOKIE = "proxygraph_token"
TOKEN_HEADER = "X-Proxygraph-Token"
CSRF_COOKIE = "_csrf_token"  # the name Dash's renderer reads
CSRF_HEADER = "X-CSRFToken"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]", "::1")


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def resolve_token(host: str, token: str | None) -> str | None:
    """The token in force: the given one, else $PROXYGRAPH_TOKEN; required off loopback."""
    token = token if token is not None else os.environ.get(TOKEN_ENV) or None
    if token is not None and len(token) < 8:
        raise ValidationError("the token must be at least 8 characters")
    if token is None and not is_loopback(host):
        raise ValidationError(f"binding {host} needs a token (--token or ${TOKEN_ENV}); "
                              "without one the app only listens on 127.0.0.1")
    return token


@dataclass
class Guard:
    """The request checks of one app (see the module docstring)."""

    token: str | None = None
    csp_script_hashes: list[str] = field(default_factory=list)

    def install(self, server: Flask) -> None:
        server.before_request(self.check)
        server.after_request(self.decorate)

    # --- checks -----------------------------------------------------------------------

    def _given_token(self) -> tuple[str | None, bool]:
        """The token the request carries, and whether it came in the query string."""
        header = request.headers.get(TOKEN_HEADER)
        if header:
            return header, False
        auth = request.headers.get("Authorization", "")
        if auth.lower().startswith("bearer "):
            return auth[7:].strip(), False
        cookie = request.cookies.get(TOKEN_COOKIE)
        if cookie:
            return cookie, False
        query = request.args.get("token")
        return (query, True) if query else (None, False)

    def check(self) -> Response | None:
        if self.token is None:
            if not is_loopback(urlsplit("//" + (request.host or "")).hostname or ""):
                return _refuse(403, "this app answers only on 127.0.0.1 / localhost")
        else:
            given, in_query = self._given_token()
            if given is None or not hmac.compare_digest(given.encode(), self.token.encode()):
                return _refuse(401, "a valid token is required (header X-Proxygraph-Token, "
                                    "or open the URL with ?token=...)")
            if in_query and request.method in SAFE_METHODS:
                # Keep the token out of the address bar and history: a cookie from now on.
                rest = {k: v for k, v in request.args.items(multi=False) if k != "token"}
                target = request.path + (f"?{urlencode(rest)}" if rest else "")
                response = redirect(target, code=303)
                response.set_cookie(TOKEN_COOKIE, self.token, httponly=True, samesite="Strict",
                                    secure=request.is_secure)
                return response
        if request.method not in SAFE_METHODS:
            return self._check_write()
        return None

    def _check_write(self) -> Response | None:
        origin = request.headers.get("Origin") or request.headers.get("Referer")
        if not origin or urlsplit(origin).netloc != request.host:
            return _refuse(403, "cross-site write refused (Origin does not match this app)")
        cookie = request.cookies.get(CSRF_COOKIE, "")
        header = request.headers.get(CSRF_HEADER, "")
        if not cookie or not hmac.compare_digest(cookie.encode(), header.encode()):
            return _refuse(403, "write refused: missing or wrong CSRF token (reload the page)")
        return None

    # --- headers ----------------------------------------------------------------------

    def decorate(self, response: Response) -> Response:
        if CSRF_COOKIE not in request.cookies and request.method == "GET":
            response.set_cookie(CSRF_COOKIE, secrets.token_urlsafe(24), samesite="Strict",
                                secure=request.is_secure)  # JS must read it: not HttpOnly
        response.headers["Content-Security-Policy"] = content_security_policy(
            self.csp_script_hashes)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers["X-Frame-Options"] = "DENY"
        return response


def content_security_policy(script_hashes: Iterable[str]) -> str:
    scripts = " ".join(h if h.startswith("'") else f"'{h}'" for h in script_hashes)
    return "; ".join([
        "default-src 'self'",
        f"script-src 'self' {scripts}".strip(),
        "style-src 'self' 'unsafe-inline'",  # React and plotly set inline styles
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ])


def _refuse(status: int, message: str) -> Response:
    return Response(message + "\n", status=status, mimetype="text/plain")
