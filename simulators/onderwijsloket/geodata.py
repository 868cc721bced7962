"""Addresses and GeoJSON for generated locations, shaped like the Navigator's Directus export.

``location_address`` is one string, ``"<street nr>, <postcode>, <Town>, Nederland"``;
``location_components`` the geocoder's GeoJSON Feature (postal code, province, the raw
address parts, a viewport), where the town is only the ``raw`` entry whose ``types`` hold
``locality`` (the municipality, ``administrative_area_level_2``, which for Hoofddorp is
Haarlemmermeer, and the province are other "political" entries); ``location_data`` the
GeoJSON Point ``[lon, lat]`` that geo filters run against. Points lie within about a
kilometre of the real town centre in ``simulators.places``, so a radius search around a
town finds that town's locations.

Choice: a few locations (``UNGEOCODED_SHARE``) were entered by hand and have
``location_components: null`` (the vendor model allows it); their address line and
point are still set.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from simulators.onderwijsloket.catalog import CAMPUS_STREETS
from simulators.places import STREETS_NL, Place

_POSTCODE_LETTERS = "ABCDEGHJKLMNPRSTVWXZ"
_LAT_JITTER = 0.009  # degrees, about 1 km north-south
_LON_JITTER = 0.014  # degrees, about 1 km east-west at Dutch latitudes
_VIEWPORT = 0.00135
UNGEOCODED_SHARE = 0.06
PROVINCE_CODES = {
    "Groningen": "GR",
    "Friesland": "FR",
    "Drenthe": "DR",
    "Overijssel": "OV",
    "Flevoland": "FL",
    "Gelderland": "GE",
    "Utrecht": "UT",
    "Noord-Holland": "NH",
    "Zuid-Holland": "ZH",
    "Zeeland": "ZE",
    "Noord-Brabant": "NB",
    "Limburg": "LI",
}
# towns whose municipality (``administrative_area_level_2``) has another name
MUNICIPALITIES = {
    "Hoofddorp": "Haarlemmermeer",
    "Zaandam": "Zaanstad",
    "Drachten": "Smallingerland",
    "Sittard": "Sittard-Geleen",
}


@dataclass(frozen=True)
class Address:
    street: str
    number: str
    postcode: str
    place: Place
    longitude: float
    latitude: float
    geocoded: bool = True

    @property
    def line(self) -> str:
        return f"{self.street} {self.number}, {self.postcode}, {self.place.name}, Nederland"

    def point(self) -> dict[str, Any]:
        return {"type": "Point", "coordinates": [self.longitude, self.latitude]}

    def components(self) -> dict[str, Any] | None:
        if not self.geocoded:
            return None

        def part(text: str, short: str, *types: str) -> dict[str, Any]:
            return {"longText": text, "shortText": short, "types": list(types)}

        province = self.place.province
        municipality = MUNICIPALITIES.get(self.place.name, self.place.name)
        return {
            "geometry": self.point(),
            "properties": {
                "country": "NL",
                "postalCode": self.postcode,
                "administrativeArea": self.place.province,
                "raw": [
                    part(self.number, self.number, "street_number"),
                    part(self.street, self.street, "route"),
                    part(self.place.name, self.place.name, "locality", "political"),
                    part(municipality, municipality, "administrative_area_level_2", "political"),
                    part(province, PROVINCE_CODES[province], "administrative_area_level_1", "political"),
                    part("Netherlands", "NL", "country", "political"),
                    part(self.postcode, self.postcode, "postal_code"),
                ],
                "displayName": self.number,
                "formated": f"{self.street} {self.number}, {self.postcode} {self.place.name}, Netherlands",
                "viewport": {
                    "south": round(self.latitude - _VIEWPORT, 7),
                    "west": round(self.longitude - _VIEWPORT, 7),
                    "north": round(self.latitude + _VIEWPORT, 7),
                    "east": round(self.longitude + _VIEWPORT, 7),
                },
            },
            "type": "Feature",
        }


def random_address(rng: random.Random, place: Place, *, campus: bool) -> Address:
    streets = CAMPUS_STREETS if campus and rng.random() < 0.5 else STREETS_NL
    letters = "".join(rng.choice(_POSTCODE_LETTERS) for _ in range(2))
    return Address(
        street=rng.choice(streets),
        number=str(rng.randint(1, 220)),
        postcode=f"{place.postcode} {letters}",
        place=place,
        longitude=round(place.longitude + rng.uniform(-_LON_JITTER, _LON_JITTER), 7),
        latitude=round(place.latitude + rng.uniform(-_LAT_JITTER, _LAT_JITTER), 7),
        geocoded=rng.random() >= UNGEOCODED_SHARE,
    )


def timestamp(moment: datetime) -> str:
    """Directus's ``timestamp`` rendering: UTC, milliseconds, ``Z``."""
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def random_timestamps(rng: random.Random, today: date) -> tuple[str, str | None]:
    """``date_created`` within the last 2.5 years and, for most rows, a later ``date_updated``."""
    start = datetime.combine(today - timedelta(days=900), time())
    created = start + timedelta(seconds=rng.randint(0, 870 * 86400), milliseconds=rng.randint(0, 999))
    if rng.random() < 0.4:
        return timestamp(created), None
    end = datetime.combine(today, time())
    span = max(int((end - created).total_seconds()), 1)
    updated = created + timedelta(seconds=rng.randint(1, span), milliseconds=rng.randint(0, 999))
    return timestamp(created), timestamp(updated)
