"""The accounts, API keys and partner keys the simulator accepts.

The document says a key is made in the account (Instellingen > API) for a chosen set
of endpoints, so each key carries its own rights; the rate limit of 200 requests per
60 s is per *account*, shared by all of its keys.

| key | account | may call |
|---|---|---|
| ``demo-ictergezocht-key`` | Bitwise Werving & Selectie (demo, 320 vacancies) | everything |
| ``demo-ictergezocht-readonly-key`` | the same demo account | the GET endpoints only |
| ``demo-ictergezocht-other-key`` | Noorderlicht ICT Detachering (45 vacancies) | everything |
| ``demo-ictergezocht-vacancies-key`` | Noorderlicht ICT Detachering | the vacancy endpoints only |
| ``demo-ictergezocht-revoked-key`` | the demo account | nothing: revoked, answers 401 |

Partner key (``Partner-Authorization: Bearer ...``): ``demo-ictergezocht-partner``.
"""

from __future__ import annotations

from dataclasses import dataclass

CREATE = "vacancy.create"
UPDATE = "vacancy.update"
DELETE = "vacancy.delete"
INSIGHT = "vacancy.insight"
CLICKS = "click.list"
COMPANY_TYPES = "company.type.list"
USER_FUNCTIONS = "company.user.function.list"

ALL_RIGHTS = frozenset({CREATE, UPDATE, DELETE, INSIGHT, CLICKS, COMPANY_TYPES, USER_FUNCTIONS})
READ_RIGHTS = frozenset({INSIGHT, CLICKS, COMPANY_TYPES, USER_FUNCTIONS})
VACANCY_RIGHTS = frozenset({CREATE, UPDATE, DELETE, INSIGHT})


@dataclass(frozen=True)
class Account:
    account_id: int
    name: str
    # e-mail domain of its recruiters; RFC 2606 ".example" so no real mailbox is named
    domain: str
    vacancy_count: int
    # "sequence" gives BWS-2026-0042 style numbers, "uuid" ATS-style GUIDs (as in the webhook example)
    reference_style: str
    default_cpc_cents: int


@dataclass(frozen=True)
class ApiKey:
    account_id: int
    rights: frozenset[str]
    revoked: bool = False


DEMO_ACCOUNT = Account(
    1001, "Bitwise Werving & Selectie B.V.", "bitwise-werving.example", 320, "sequence", 85
)
OTHER_ACCOUNT = Account(1002, "Noorderlicht ICT Detachering", "noorderlicht-ict.example", 45, "uuid", 60)
ACCOUNTS: dict[int, Account] = {account.account_id: account for account in (DEMO_ACCOUNT, OTHER_ACCOUNT)}

DEMO_KEY = "demo-ictergezocht-key"
READONLY_KEY = "demo-ictergezocht-readonly-key"
OTHER_KEY = "demo-ictergezocht-other-key"
VACANCIES_ONLY_KEY = "demo-ictergezocht-vacancies-key"
REVOKED_KEY = "demo-ictergezocht-revoked-key"
DEMO_PARTNER_KEY = "demo-ictergezocht-partner"

API_KEYS: dict[str, ApiKey] = {
    DEMO_KEY: ApiKey(DEMO_ACCOUNT.account_id, ALL_RIGHTS),
    READONLY_KEY: ApiKey(DEMO_ACCOUNT.account_id, READ_RIGHTS),
    OTHER_KEY: ApiKey(OTHER_ACCOUNT.account_id, ALL_RIGHTS),
    VACANCIES_ONLY_KEY: ApiKey(OTHER_ACCOUNT.account_id, VACANCY_RIGHTS),
    REVOKED_KEY: ApiKey(DEMO_ACCOUNT.account_id, ALL_RIGHTS, revoked=True),
}
# partner key -> partner name (shown to the account as "who made this request")
PARTNER_KEYS: dict[str, str] = {DEMO_PARTNER_KEY: "staffgraph multiposting (demo)"}
