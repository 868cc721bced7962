"""``POST /_sim/applications``: a candidate applies through ICTerGezocht.nl.

The simulator counts the application on the vacancy (insight's ``applications``) and,
when ``SimConfig.ictergezocht_webhook_url`` is set, POSTs the document's webhook payload
there with ``Authorization: Bearer <SimConfig.ictergezocht_webhook_key>``; its answer
reports what the webhook said.

Request body: the webhook fields (``referenceNumber``, ``name``, ``email`` required;
``phone``, ``city``, ``motivation``, ``source``, ``campaign``, ``cv``, ``filename``
optional), any custom fields, and optionally ``apiKey`` naming the account whose
vacancy it is (default: the demo key).

Where the document is silent:
- Choice: ``phone``, ``city`` and ``motivation`` are always in the payload (``null`` when not
  given); ``cv`` and ``filename`` only when a CV is sent; ``source`` defaults to
  "ICTerGezocht.nl" and ``campaign`` to the vacancy's campaign; other fields are passed
  on as custom fields ("Het is mogelijk om custom velden toe te voegen").
- Choice: The application counts even when the webhook fails or is not configured: it did
  arrive at ICTerGezocht.nl. The answer is 201 with the webhook's status (or the
  connection error), never the webhook's failure as our own status.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

import httpx
import orjson
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from simulators.config import SimConfig
from simulators.ictergezocht.accounts import API_KEYS, DEMO_KEY
from simulators.ictergezocht.errors import error_item, error_response
from simulators.ictergezocht.store import Store
from simulators.responses import JSONResponse

DEFAULT_SOURCE = "ICTerGezocht.nl"
WEBHOOK_TIMEOUT_SECONDS = 5.0
MAX_CV_BYTES = 20 * 1024 * 1024
# field -> (required, max length), in the document's order
_FIELDS = {
    "referenceNumber": (True, 255),
    "name": (True, 255),
    "email": (True, 255),
    "phone": (False, 255),
    "city": (False, 255),
    "motivation": (False, 65_535),
    "source": (False, 255),
    "campaign": (False, 255),
    "cv": (False, None),
    "filename": (False, 255),
}


def _validate(body: dict[str, Any]) -> tuple[dict[str, Any], list[dict[str, str]]]:
    errors: list[dict[str, str]] = []
    payload: dict[str, Any] = {}
    for key, (required, limit) in _FIELDS.items():
        value = body.get(key)
        if value is None or value == "":
            if required:
                errors.append(error_item("Dit veld is verplicht.", "required", key))
        elif not isinstance(value, str):
            errors.append(error_item("Dit veld moet tekst zijn.", "string", key))
        elif limit is not None and len(value) > limit:
            errors.append(error_item(f"Dit veld mag maximaal {limit} tekens bevatten.", "max", key))
        else:
            payload[key] = value
    if "email" in payload and ("@" not in payload["email"] or "." not in payload["email"].rpartition("@")[2]):
        errors.append(error_item("Gebruik een geldig e-mailadres.", "email", "email"))
    if "cv" in payload:
        try:
            size = len(base64.b64decode(payload["cv"], validate=True))
        except (binascii.Error, ValueError):
            errors.append(error_item("Het cv moet base64-gecodeerd zijn.", "base64", "cv"))
        else:
            if size > MAX_CV_BYTES:
                errors.append(error_item("Het cv mag maximaal 20MB zijn.", "max", "cv"))
    return payload, errors


async def _deliver(url: str, key: str, payload: dict[str, Any]) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
    try:
        async with httpx.AsyncClient(timeout=WEBHOOK_TIMEOUT_SECONDS) as client:
            response = await client.post(url, content=orjson.dumps(payload), headers=headers)
    except httpx.HTTPError as exc:
        return {"url": url, "status": None, "error": f"{type(exc).__name__}: {exc}"}
    try:
        answer: Any = response.json()
    except ValueError:
        answer = response.text[:1000]
    return {"url": url, "status": response.status_code, "response": answer}


def application_routes(store: Store, config: SimConfig) -> list[BaseRoute]:
    async def simulate_application(request: Request) -> Response:
        try:
            body = orjson.loads(await request.body())
        except orjson.JSONDecodeError:
            return error_response(400, [error_item("De body is geen geldige JSON.", "invalid_json")])
        if not isinstance(body, dict):
            return error_response(400, [error_item("De body moet een JSON-object zijn.", "object")])
        api_key = body.pop("apiKey", DEMO_KEY)
        key = API_KEYS.get(api_key) if isinstance(api_key, str) else None
        if key is None:
            return error_response(400, [error_item("Onbekende API key.", "unauthorized", "apiKey")])
        payload, errors = _validate(body)
        if errors:
            return error_response(400, errors)
        vacancy = store.record_application(key.account_id, payload["referenceNumber"])
        if vacancy is None:
            missing = error_item("Vacature niet gevonden.", "not_found", "referenceNumber")
            return error_response(404, [missing])
        full = {
            "referenceNumber": payload["referenceNumber"],
            "name": payload["name"],
            "email": payload["email"],
            "phone": payload.get("phone"),
            "city": payload.get("city"),
            "motivation": payload.get("motivation"),
            "source": payload.get("source", DEFAULT_SOURCE),
            "campaign": payload.get("campaign", vacancy.campaign),
        }
        full.update({name: payload[name] for name in ("cv", "filename") if name in payload})
        full.update({name: value for name, value in body.items() if name not in _FIELDS})
        webhook = None
        if config.ictergezocht_webhook_url:
            webhook = await _deliver(config.ictergezocht_webhook_url, config.ictergezocht_webhook_key, full)
        answer = {
            "vacancyId": vacancy.vacancy_id,
            "referenceNumber": vacancy.reference_number,
            "applications": vacancy.applications,
            "webhook": webhook,
        }
        return JSONResponse(answer, status_code=201)

    return [Route("/applications", simulate_application, methods=["POST"])]
