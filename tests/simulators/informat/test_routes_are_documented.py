"""Every route the Informat simulators serve is an operation of the upstream's document, and
every operation the document shows is served.

The documented list is written out by hand from upstream document 002 ("Personeel" API
v2.9, ``../shared/seeds/002_45bdb9e0b98165ef.txt``; the line of each operation's heading is
cited) and ``../shared/reference/upstreams.md`` §4, which lists the same endpoints from the
published clients. Paths compare case-insensitively (the service routes as ASP.NET does) and
placeholders by position only (the document spells ``{PersonId}`` and ``{personId}``).
"""

from __future__ import annotations

from simulators.config import SimConfig
from simulators.informat import create_upstream
from tests.support.routes import served, undocumented, unserved

DOCUMENTED = {
    # identity server, base https://www.identityserver.be (line 262)
    ("identity", "POST", "/connect/token"),  # line 299
    # Personeel API, base https://personeelsapi.informatsoftware.be (lines 26-29, 429)
    ("informat", "GET", "/employees"),  # line 446 (versions 1 and 2; upstreams.md §4)
    ("informat", "GET", "/employees/{personId}"),  # line 999
    ("informat", "GET", "/employees/assignments"),  # line 1099
    ("informat", "GET", "/employees/{personId}/assignments"),  # line 1407
    ("informat", "GET", "/employees/interruptions"),  # line 1503
    ("informat", "GET", "/employees/{personId}/interruptions"),  # line 1678
    ("informat", "PUT", "/employees/{personId}/interruptions/{interruptionId}"),  # line 1807
    ("informat", "DELETE", "/employees/interruptions/{interruptionId}"),  # line 2041
    ("informat", "GET", "/employees/diplomas"),  # line 2149
    ("informat", "GET", "/employees/{personId}/diplomas"),  # line 2192
    ("informat", "GET", "/employees/appointments"),  # line 2252
    ("informat", "GET", "/employees/{personId}/appointments"),  # line 2299
    ("informat", "GET", "/employees/photos"),  # line 2345
    ("informat", "GET", "/employees/{personId}/photos"),  # line 2391
    ("informat", "GET", "/employees/ownfields"),  # line 2426 ("OwnFields" in upstreams.md §4)
    ("informat", "GET", "/employees/{personId}/ownfields"),  # line 2556
    ("informat", "PUT", "/employees/interruptions/{interruptionId}/attachments/{attachmentId}"),  # line 2658
    ("informat", "DELETE", "/employees/interruptions/{interruptionId}/attachments/{attachmentId}"),  # 2798
    ("informat", "PUT", "/employees/{personId}/communication-number"),  # line 2894
    ("informat", "DELETE", "/employees/{personId}/communication-number/{communicationNoId}"),  # line 3028
}


def test_every_served_route_is_documented(sim_config: SimConfig) -> None:
    extra = undocumented(served(create_upstream(sim_config)), DOCUMENTED)
    assert extra == [], f"routes the document does not show: {extra}"


def test_every_documented_operation_is_served(sim_config: SimConfig) -> None:
    missing = unserved(served(create_upstream(sim_config)), DOCUMENTED)
    assert missing == [], f"documented operations the simulator lacks: {missing}"
