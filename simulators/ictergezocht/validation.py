"""Validating a vacancy payload (``POST /vacancy``, ``PUT /vacancy/{vacancyId}``) against
the document's field tables, reporting every failing field at once with its dot path.

The document gives types, formats and "required" only; the rest is chosen:
- Choice: Text fields must be JSON strings (a number for ``referenceNumber`` is refused, not
  converted) and are trimmed; an empty string or ``null`` for a required field is
  "required"; ``null`` for an optional field is the same as leaving it out.
- Choice: Lengths: 255 characters for short text, 65 535 for ``description`` and
  custom-field values (the webhook section's limits, the platform's column sizes).
- Choice: ``countryCode`` is an ISO 3166-1 alpha-2 code, in either case (stored upper-case).
- Choice: ``typeId``/``functionId`` take an int or a string of digits (the example payload sends
  ``"1"``) and must be an id from ``GET /company/type`` resp. ``GET /company/user/function``.
  The document's field table points each at the other list; the field names say which is meant.
- Choice: ``logoUrl``/``photoUrl`` must be http(s) URLs; ``companyUser.email`` an e-mail address.
- Choice: Fields the document does not list are ignored.
"""

from __future__ import annotations

import re
from typing import Any

from simulators.ictergezocht.catalog import COMPANY_TYPES, USER_FUNCTIONS
from simulators.ictergezocht.dates import parse_iso8601
from simulators.ictergezocht.errors import error_item
from simulators.ictergezocht.query import DATE_ERROR

SHORT = 255
LONG = 65_535
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")
_URL = re.compile(r"https?://[^\s/$.?#][^\s]*", re.IGNORECASE)
_DIGITS = re.compile(r"[0-9]{1,9}")
_ISO_CODES = (
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL "
    "BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV "
    "CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD "
    "GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM "
    "IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK "
    "LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW "
    "MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR "
    "PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS "
    "ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY "
    "UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW"
)
ISO_3166_ALPHA_2 = frozenset(_ISO_CODES.split())
COMPANY_TYPE_IDS = frozenset(type_id for type_id, _ in COMPANY_TYPES)
USER_FUNCTION_IDS = frozenset(function_id for function_id, _ in USER_FUNCTIONS)

# field -> (required, max length)
_TextFields = dict[str, tuple[bool, int]]
_VACANCY_TEXT: _TextFields = {
    "referenceNumber": (True, SHORT),
    "title": (True, SHORT),
    "description": (True, LONG),
    "location": (True, SHORT),
    "education": (False, SHORT),
    "experience": (False, SHORT),
    "employment": (False, SHORT),
    "hours": (False, SHORT),
    "salary": (False, SHORT),
    "industry": (False, SHORT),
    "atsId": (False, SHORT),
}
_COMPANY_TEXT: _TextFields = {"name": (True, SHORT), "description": (False, LONG)}
_USER_TEXT: _TextFields = {"name": (True, SHORT), "phone": (False, SHORT)}


class _Checker:
    def __init__(self) -> None:
        self.errors: list[dict[str, str]] = []

    def fail(self, path: str, label: str, message: str) -> None:
        self.errors.append(error_item(message, label, path))

    def text(self, source: dict[str, Any], key: str, path: str, required: bool, limit: int) -> str | None:
        value = source.get(key)
        if isinstance(value, str):
            value = value.strip()
        if value is None or value == "":
            if required:
                self.fail(path, "required", "Dit veld is verplicht.")
            return None
        if not isinstance(value, str):
            self.fail(path, "string", "Dit veld moet tekst zijn.")
            return None
        if len(value) > limit:
            self.fail(path, "max", f"Dit veld mag maximaal {limit} tekens bevatten.")
            return None
        return value

    def texts(self, source: dict[str, Any], fields: _TextFields, prefix: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, (required, limit) in fields.items():
            value = self.text(source, key, prefix + key, required, limit)
            if value is not None:
                out[key] = value
        return out

    def url(self, source: dict[str, Any], key: str, path: str) -> str | None:
        value = self.text(source, key, path, False, SHORT)
        if value is not None and not _URL.fullmatch(value):
            self.fail(path, "url", "Gebruik een geldige URL (http of https).")
            return None
        return value

    def reference_id(
        self, source: dict[str, Any], key: str, path: str, known: frozenset[int], list_path: str
    ) -> int | None:
        value = source.get(key)
        if value is None or value == "":
            return None
        if isinstance(value, str) and _DIGITS.fullmatch(value.strip()):
            value = int(value.strip())
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(path, "integer", "Dit veld moet een geheel getal zijn.")
            return None
        if value not in known:
            self.fail(path, "exists", f"Onbekend id; gebruik een id uit GET {list_path}.")
            return None
        return value

    def mapping(self, source: dict[str, Any], key: str) -> dict[str, Any] | None:
        value = source.get(key)
        if value is None:
            return None
        if not isinstance(value, dict):
            self.fail(key, "object", "Dit veld moet een object zijn.")
            return None
        return value


def validate_vacancy(payload: Any) -> tuple[dict[str, Any], list[dict[str, str]]]:
    """``(cleaned fields, errors)``; the fields are only usable when ``errors`` is empty."""
    check = _Checker()
    if not isinstance(payload, dict):
        check.fail("", "object", "De body moet een JSON-object zijn.")
        return {}, check.errors
    fields = check.texts(payload, _VACANCY_TEXT, "")
    country = check.text(payload, "countryCode", "countryCode", False, SHORT)
    if country is not None:
        if country.upper() in ISO_3166_ALPHA_2:
            fields["countryCode"] = country.upper()
        else:
            check.fail("countryCode", "country_code", "Gebruik een landcode van 2 letters (ISO 3166).")
    auto_delete = check.text(payload, "autoDeleteDate", "autoDeleteDate", False, SHORT)
    if auto_delete is not None:
        try:
            parse_iso8601(auto_delete)
            fields["autoDeleteDate"] = auto_delete
        except ValueError:
            check.fail("autoDeleteDate", "date", DATE_ERROR)
    company = check.mapping(payload, "company")
    if company is not None:
        cleaned = check.texts(company, _COMPANY_TEXT, "company.")
        logo = check.url(company, "logoUrl", "company.logoUrl")
        type_id = check.reference_id(company, "typeId", "company.typeId", COMPANY_TYPE_IDS, "/company/type")
        fields["company"] = {**cleaned, "logoUrl": logo, "typeId": type_id}
    user = check.mapping(payload, "companyUser")
    if user is not None:
        cleaned = check.texts(user, _USER_TEXT, "companyUser.")
        email = check.text(user, "email", "companyUser.email", True, SHORT)
        if email is not None and not _EMAIL.fullmatch(email):
            check.fail("companyUser.email", "email", "Gebruik een geldig e-mailadres.")
        photo = check.url(user, "photoUrl", "companyUser.photoUrl")
        function_id = check.reference_id(
            user, "functionId", "companyUser.functionId", USER_FUNCTION_IDS, "/company/user/function"
        )
        fields["companyUser"] = {**cleaned, "email": email, "photoUrl": photo, "functionId": function_id}
    custom = payload.get("customFields")
    if custom is not None:
        fields["customFields"] = _custom_fields(check, custom)
    return fields, check.errors


def _custom_fields(check: _Checker, custom: Any) -> list[dict[str, str]]:
    if not isinstance(custom, list):
        check.fail("customFields", "array", "Dit veld moet een lijst zijn.")
        return []
    cleaned = []
    for index, item in enumerate(custom):
        path = f"customFields.{index}"
        if not isinstance(item, dict):
            check.fail(path, "object", "Dit veld moet een object zijn.")
            continue
        cleaned.append(check.texts(item, {"name": (True, SHORT), "value": (True, LONG)}, f"{path}."))
    return cleaned
