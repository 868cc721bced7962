"""The Informat Personeel client (school staff, assignments, interruptions) and its identity server.

Every API call sends ``Authorization: Bearer``, ``InstituteNo`` and ``Api-Version: 2``;
the lists are bare JSON arrays for one institute and school year (``schoolyear`` is
required by the document, so callers always pass one). A list with no rows answers 404
("no data in the response set", the document's result codes), which the list methods
return as ``[]``; a 404 on one item (``GET /employees/{personId}``) stays
``UpstreamNotFound``. Paths come from the ``Endpoint`` constants below, so every id is
checked and percent-encoded, and the institute number is checked before it becomes a
header: malformed input is ``InputError`` with no request sent. Business-rule errors come as
``{"errors": [{"Code": "BR007A", "Message": "..."}]}`` with 400 (BR) or 405 (MNA);
``validation_fields`` turns their codes into the mutation input fields they concern.
"""

from __future__ import annotations

from typing import Any

import httpx

from gateway.exceptions import (
    UpstreamError,
    UpstreamForbidden,
    UpstreamNotFound,
    UpstreamUnauthenticated,
    UpstreamValidationError,
)
from gateway.names import Upstream
from gateway.secrets import Secret
from gateway.upstreams.base import UpstreamClient
from gateway.upstreams.paths import Endpoint, check_id

API_VERSION = "2"

# the document's endpoints (upstream document 002, "Personeel" API v2.9), one constant each
EMPLOYEES = Endpoint("/employees")
EMPLOYEE = Endpoint("/employees/{personId}")
ASSIGNMENTS = Endpoint("/employees/assignments")
INTERRUPTIONS = Endpoint("/employees/interruptions")
PERSON_ASSIGNMENTS = Endpoint("/employees/{personId}/assignments")
PERSON_INTERRUPTIONS = Endpoint("/employees/{personId}/interruptions")
INTERRUPTION = Endpoint("/employees/{personId}/interruptions/{interruptionId}")
INTERRUPTION_DELETE = Endpoint("/employees/interruptions/{interruptionId}")
ATTACHMENT = Endpoint("/employees/interruptions/{interruptionId}/attachments/{attachmentId}")
COMMUNICATION_NUMBERS = Endpoint("/employees/{personId}/communication-number")
COMMUNICATION_NUMBER = Endpoint("/employees/{personId}/communication-number/{communicationNoId}")
TOKEN = Endpoint("/connect/token")  # on the identity server

# BR/MNA code -> the GraphQL input field it is about (interruption, attachment, communication number).
CODE_FIELDS = {
    "BR001": "personId",
    "BR002": "id",
    "BR003A": "instituteNo",
    "BR004A": "schoolYear",
    "BR004B": "schoolYear",
    "BR005A": "structure",
    "BR005B": "structure",
    "BR006A": "code",
    "BR006B": "code",
    "BR007A": "startDate",
    "BR008A": "endDate",
    "BR008B": "endDate",
    "BR009": "remark",
    "BR010": "doctorName",
    "BR011": "doctorPhone",
    "BR012A": "sender",
    "BR012B": "sender",
    "BR013": "structure",
    "BR014": "personId",
    "BR015": "attachmentId",
    "BR016A": "filename",
    "BR016B": "filename",
    "BR016C": "filename",
    "BR017A": "contentBase64",
    "BR017B": "contentBase64",
    "BR018": "interruptionId",
    "BR019": "attachmentId",
    "BR020": "kind",
    "BR021": "type",
    "BR022": "number",
    "BR023": "number",
    "BR024": "personId",
    "BR025": "type",
    "BR026": "number",
    "BR027": "id",
    "BR028": "id",
    "MNA001": "schoolYear",
    "MNA002": "personId",
    "MNA003": "id",
    "MNA004": "id",
    "MNA005": "startDate",
    "MNA006": "startDate",
    "MNA007": "attachmentId",
    "MNA008": "id",
    "MNA009": "id",
    "MNA010": "id",
    "MNA011": "id",
}


def _errors(response: httpx.Response) -> list[tuple[str, str]]:
    try:
        body = response.json()
    except ValueError:
        return []
    entries = body.get("errors") if isinstance(body, dict) else None
    if not isinstance(entries, list):
        return []
    return [
        (str(entry.get("Code")), str(entry.get("Message") or ""))
        for entry in entries
        if isinstance(entry, dict) and entry.get("Code")
    ]


class InformatClient(UpstreamClient):
    name = Upstream.INFORMAT

    def headers(self, token: Secret, institute: str) -> dict[str, str]:
        """The three headers of every call; an institute that is not six ASCII digits is
        ``InputError`` here, before anything is sent (a CR/LF in a header must never reach httpx)."""
        institute = check_id("instituteNo", institute)
        return {**self.bearer(token), "InstituteNo": institute, "Api-Version": API_VERSION}

    def status_error(self, response: httpx.Response, where: str) -> UpstreamError:
        """MNA rules answer 405 with the same body as BR rules: both are input the upstream refused."""
        if response.status_code == 405 and _errors(response):
            return UpstreamValidationError(
                f"{self.name} refused {where}: {self.summarise(response)}",
                upstream=self.name,
                status=405,
                fields=self.validation_fields(response),
            )
        return super().status_error(response, where)

    def validation_fields(self, response: httpx.Response) -> dict[str, str]:
        fields: dict[str, str] = {}
        for code, text in _errors(response):
            field = CODE_FIELDS.get(code, "input")
            fields[field] = f"{fields[field]}; {code}: {text}" if field in fields else f"{code}: {text}"
        return fields

    def summarise(self, response: httpx.Response) -> str:
        found = _errors(response)
        if not found:
            return f"status {response.status_code}"
        return "; ".join(f"{code} {text}" for code, text in found[:3])

    async def _list(
        self, token: Secret, institute: str, endpoint: Endpoint, params: dict[str, str], **ids: str
    ) -> list[dict[str, Any]]:
        """A list call's rows; its 404 ("no data in the response set") is a list with none."""
        headers, path = self.headers(token, institute), endpoint.path(**ids)
        try:
            body = await self.json("GET", path, template=str(endpoint), params=params, headers=headers)
        except UpstreamNotFound:
            return []
        return [row for row in body if isinstance(row, dict)] if isinstance(body, list) else []

    async def employees(self, token: Secret, institute: str, params: dict[str, str]) -> list[dict[str, Any]]:
        """``GET /employees`` (version 2): the staff of one school year."""
        return await self._list(token, institute, EMPLOYEES, params)

    async def employee(
        self, token: Secret, institute: str, person_id: str, params: dict[str, str]
    ) -> dict[str, Any]:
        """``GET /employees/{personId}``: one employee; unknown here is ``UpstreamNotFound``."""
        headers, path = self.headers(token, institute), EMPLOYEE.path(personId=person_id)
        body = await self.json("GET", path, template=str(EMPLOYEE), params=params, headers=headers)
        return body if isinstance(body, dict) else {}

    async def assignments(
        self, token: Secret, institute: str, params: dict[str, str]
    ) -> list[dict[str, Any]]:
        """``GET /employees/assignments``: every assignment of the school year, for all staff at once."""
        return await self._list(token, institute, ASSIGNMENTS, params)

    async def interruptions(
        self, token: Secret, institute: str, params: dict[str, str]
    ) -> list[dict[str, Any]]:
        """``GET /employees/interruptions``: every interruption overlapping the school year."""
        return await self._list(token, institute, INTERRUPTIONS, params)

    async def person_assignments(
        self, token: Secret, institute: str, person_id: str, params: dict[str, str]
    ) -> list[dict[str, Any]]:
        """``GET /employees/{personId}/assignments``: one person's assignments of the school year.

        Its 404 is an empty list: the API gives 404 both for no rows and for a person who is
        not on this school's staff, and cannot be told apart.
        """
        return await self._list(token, institute, PERSON_ASSIGNMENTS, params, personId=person_id)

    async def person_interruptions(
        self, token: Secret, institute: str, person_id: str, params: dict[str, str]
    ) -> list[dict[str, Any]]:
        """``GET /employees/{personId}/interruptions``: one person's interruptions (404: none, as above)."""
        return await self._list(token, institute, PERSON_INTERRUPTIONS, params, personId=person_id)

    async def put_interruption(
        self, token: Secret, institute: str, person_id: str, interruption_id: str, body: dict[str, Any]
    ) -> None:
        headers = self.headers(token, institute)
        path = INTERRUPTION.path(personId=person_id, interruptionId=interruption_id)
        await self.request("PUT", path, template=str(INTERRUPTION), json=body, headers=headers)

    async def delete_interruption(self, token: Secret, institute: str, interruption_id: str) -> None:
        headers = self.headers(token, institute)
        path = INTERRUPTION_DELETE.path(interruptionId=interruption_id)
        await self.request("DELETE", path, template=str(INTERRUPTION_DELETE), headers=headers)

    async def put_attachment(
        self, token: Secret, institute: str, interruption_id: str, attachment_id: str, body: dict[str, Any]
    ) -> None:
        headers = self.headers(token, institute)
        path = ATTACHMENT.path(interruptionId=interruption_id, attachmentId=attachment_id)
        await self.request("PUT", path, template=str(ATTACHMENT), json=body, headers=headers)

    async def delete_attachment(
        self, token: Secret, institute: str, interruption_id: str, attachment_id: str
    ) -> None:
        headers = self.headers(token, institute)
        path = ATTACHMENT.path(interruptionId=interruption_id, attachmentId=attachment_id)
        await self.request("DELETE", path, template=str(ATTACHMENT), headers=headers)

    async def put_communication_number(
        self, token: Secret, institute: str, person_id: str, body: dict[str, Any]
    ) -> str:
        """Adds (or, with ``id`` in the body, updates) a number; the answer is its id as a JSON string."""
        headers = self.headers(token, institute)
        path = COMMUNICATION_NUMBERS.path(personId=person_id)
        answer = await self.json("PUT", path, template=str(COMMUNICATION_NUMBERS), json=body, headers=headers)
        return str(answer)

    async def delete_communication_number(
        self, token: Secret, institute: str, person_id: str, number_id: str
    ) -> None:
        headers = self.headers(token, institute)
        path = COMMUNICATION_NUMBER.path(personId=person_id, communicationNoId=number_id)
        await self.request("DELETE", path, template=str(COMMUNICATION_NUMBER), headers=headers)


class InformatIdentityClient(UpstreamClient):
    """The identity server's token endpoint (client-credentials grant); errors count as Informat's.

    IdentityServer answers every failure 400 ``{"error": ...}``: a refused client is the
    gateway's credential being rejected (UNAUTHENTICATED), a refused scope is FORBIDDEN.
    """

    name = Upstream.INFORMAT

    def status_error(self, response: httpx.Response, where: str) -> UpstreamError:
        try:
            error = response.json().get("error")
        except (ValueError, AttributeError):
            error = None
        status = response.status_code
        if error == "invalid_client" or status == 401:
            return UpstreamUnauthenticated(
                f"the identity server refused the gateway's Informat client ({where})",
                upstream=self.name,
                status=status,
            )
        if error in ("invalid_scope", "unauthorized_client"):
            return UpstreamForbidden(
                f"the identity server refused the requested Informat scopes ({error})",
                upstream=self.name,
                status=status,
            )
        return super().status_error(response, where)

    async def client_credentials(self, client_id: str, secret: Secret, scopes: list[str]) -> dict[str, Any]:
        form = {"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret.reveal()}
        if scopes:
            form["scope"] = " ".join(scopes)
        # the absolute URL: httpx would add a trailing slash to a base URL used as is
        # idempotent: a retried token request at worst mints a second token (gateway.resilience.retry)
        body = await self.json("POST", self.base_url, template=str(TOKEN), data=form, idempotent=True)
        if not isinstance(body, dict) or not body.get("access_token"):
            raise UpstreamError("the identity server answered without an access token", upstream=self.name)
        return body
