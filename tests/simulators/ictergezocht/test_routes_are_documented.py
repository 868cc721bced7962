"""Every route the ICTerGezocht simulator serves is an operation of the upstream's document, and
every operation the document shows is served.

The documented list is written out by hand from upstream document 003 (the ICTerGezocht.nl
API documentation, ``../shared/seeds/003_8c24e3650c10e4a1.txt``; the line of each request
line is cited) and ``../shared/reference/upstreams.md`` §3. Placeholders compare by position
only (the document writes ``<vacancyid>``). The application webhook (line 401) is a call
*from* ICTerGezocht.nl to the customer, so it is no route here; the simulator's
``POST /_sim/applications``, which triggers it, is a control route outside the API's app.
"""

from __future__ import annotations

from simulators.config import SimConfig
from simulators.ictergezocht import create_upstream
from tests.support.routes import served, undocumented, unserved

DOCUMENTED = {
    # base https://api.ictergezocht.nl
    ("ictergezocht", "POST", "/vacancy"),  # line 77
    ("ictergezocht", "PUT", "/vacancy/{vacancyId}"),  # line 163
    ("ictergezocht", "DELETE", "/vacancy/{vacancyId}"),  # line 249
    ("ictergezocht", "GET", "/vacancy/insight"),  # line 258
    ("ictergezocht", "GET", "/company/type"),  # line 307
    ("ictergezocht", "GET", "/company/user/function"),  # line 333
    ("ictergezocht", "GET", "/click"),  # line 361
}


def test_every_served_route_is_documented(sim_config: SimConfig) -> None:
    extra = undocumented(served(create_upstream(sim_config)), DOCUMENTED)
    assert extra == [], f"routes the document does not show: {extra}"


def test_every_documented_operation_is_served(sim_config: SimConfig) -> None:
    missing = unserved(served(create_upstream(sim_config)), DOCUMENTED)
    assert missing == [], f"documented operations the simulator lacks: {missing}"
