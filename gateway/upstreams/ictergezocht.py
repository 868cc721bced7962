"""The ICTerGezocht.nl client: the vacancy insight list (offset/limit <= 50) and vacancy writes.

Every call sends the API key as ``Authorization: Bearer`` and, when the gateway holds
one, the partner key as ``Partner-Authorization: Bearer``. Error bodies are
``{"errors": [{"error", "label", "path"}]}``: ``path`` is the dotted body field
(``company.name``, ``customFields.0.value``), which ``validation_fields`` hands on so a
mutation can name its own input field. Paths come from the ``Endpoint`` constants below:
a vacancy id is checked (a number of at most ten digits) and encoded before any call.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

from gateway.dialects.ictergezocht import PageRequest, Period, page_of_link
from gateway.exceptions import UpstreamBadResponse
from gateway.names import Upstream
from gateway.secrets import Secret
from gateway.upstreams.base import UpstreamClient
from gateway.upstreams.paths import Endpoint

# the document's endpoints (upstream document 003, base https://api.ictergezocht.nl)
INSIGHT = Endpoint("/vacancy/insight")
VACANCY = Endpoint("/vacancy")
VACANCY_ITEM = Endpoint("/vacancy/{vacancyId}")
_MAX_MESSAGE = 200


@dataclass(frozen=True)
class InsightPage:
    """One page of ``GET /vacancy/insight``; ``next`` is what its ``rel.next`` link asks for."""

    items: list[dict[str, Any]]
    count: int
    page: PageRequest
    next: PageRequest | None


def _vacancy_path(vacancy_id: int) -> str:
    """``/vacancy/{vacancyId}``; an id that is not a plain number (``-1``, eleven digits) is
    ``InputError`` before any call."""
    return VACANCY_ITEM.path(vacancyId=str(vacancy_id))


def _errors(response: httpx.Response) -> list[dict[str, Any]]:
    try:
        body = response.json()
    except ValueError:
        return []
    errors = body.get("errors") if isinstance(body, dict) else None
    return [item for item in errors or [] if isinstance(item, dict)]


class ICTerGezochtClient(UpstreamClient):
    name = Upstream.ICTERGEZOCHT

    def headers(self, token: Secret, partner: Secret | None = None) -> dict[str, str]:
        headers = self.bearer(token)
        if partner:
            headers["Partner-Authorization"] = f"Bearer {partner.reveal()}"
        return headers

    def summarise(self, response: httpx.Response) -> str:
        """The ``error`` texts of the body (at most three, each cut short), not the raw body."""
        texts = [str(item.get("error"))[:_MAX_MESSAGE] for item in _errors(response) if item.get("error")]
        return "; ".join(texts[:3]) or f"status {response.status_code}"

    def validation_fields(self, response: httpx.Response) -> dict[str, str]:
        """Body field path (``company.typeId``) -> message; several errors on one field are joined."""
        fields: dict[str, str] = {}
        for item in _errors(response):
            path, message = str(item.get("path") or ""), str(item.get("error") or item.get("label") or "")
            if path:
                message = message[:_MAX_MESSAGE]
                fields[path] = f"{fields[path]}; {message}" if path in fields else message
        return fields

    def _next(self, link: Any) -> PageRequest | None:
        """``rel.next``, after checking it points at this client's own insight endpoint.

        The link is absolute; following one that leads elsewhere would send the API key
        to another host, so such a link is a bad response rather than a request.
        """
        if not link:
            return None
        if not isinstance(link, str) or link.split("?", 1)[0] != self.base_url + INSIGHT.path():
            raise UpstreamBadResponse(
                f"{self.name} answered GET {INSIGHT} with a rel.next link to another endpoint",
                upstream=self.name,
            )
        try:
            return page_of_link(link)
        except ValueError:
            raise UpstreamBadResponse(
                f"{self.name} answered GET {INSIGHT} with an unusable rel.next link", upstream=self.name
            ) from None

    async def insight(
        self, token: Secret, page: PageRequest, period: Period, *, partner: Secret | None = None
    ) -> InsightPage:
        """One page of the account's vacancies with their figures, published in ``period``."""
        params = {**page.params(), **period.params()}
        body = await self.json(
            "GET", INSIGHT.path(), template=str(INSIGHT), params=params, headers=self.headers(token, partner)
        )
        if not isinstance(body, dict) or not isinstance(body.get("items"), list):
            raise UpstreamBadResponse(
                f"{self.name} answered GET {INSIGHT} without an items list", upstream=self.name
            )
        links = body.get("rel")
        rel: dict[str, Any] = links if isinstance(links, dict) else {}
        return InsightPage(
            items=[item for item in body["items"] if isinstance(item, dict)],
            count=int(body.get("count") or 0),
            page=page,
            next=self._next(rel.get("next")),
        )

    async def create_vacancy(
        self, token: Secret, payload: dict[str, Any], *, partner: Secret | None = None
    ) -> dict[str, Any]:
        """``POST /vacancy``: ``{"vacancyId", "vacancyUrl"}`` of the new vacancy."""
        body = await self.json(
            "POST", VACANCY.path(), template=str(VACANCY), json=payload, headers=self.headers(token, partner)
        )
        return self._created(body, "POST", VACANCY)

    async def update_vacancy(
        self, token: Secret, vacancy_id: int, payload: dict[str, Any], *, partner: Secret | None = None
    ) -> dict[str, Any]:
        """``PUT /vacancy/{vacancyId}``: replaces every field the payload carries."""
        headers, path = self.headers(token, partner), _vacancy_path(vacancy_id)
        body = await self.json("PUT", path, template=str(VACANCY_ITEM), json=payload, headers=headers)
        return self._created(body, "PUT", VACANCY_ITEM)

    async def delete_vacancy(self, token: Secret, vacancy_id: int, *, partner: Secret | None = None) -> None:
        headers, path = self.headers(token, partner), _vacancy_path(vacancy_id)
        await self.request("DELETE", path, template=str(VACANCY_ITEM), headers=headers)

    def _created(self, body: Any, method: str, endpoint: Endpoint) -> dict[str, Any]:
        if not isinstance(body, dict) or not isinstance(body.get("vacancyId"), int):
            raise UpstreamBadResponse(
                f"{self.name} answered {method} {endpoint} without a vacancyId", upstream=self.name
            )
        return body
