"""The authorization-code flow's login page: ``GET /loket/authorize`` shows a form, POST signs in.

``GET /authorize?response_type=code&client_id=...&redirect_uri=...&state=...`` answers
a minimal HTML login form; posting the demo user's name and password redirects (302)
to ``redirect_uri`` with ``code`` and ``state``, which ``POST /token`` exchanges.

Choice: the simulator registers no redirect URIs: any absolute http(s) URL is
accepted for the demo client, and the token request must repeat it exactly.
Per RFC 6749 §4.1.2.1, an unknown client or a bad redirect_uri is shown as an error
page (400) and never redirected to; a wrong ``response_type`` is redirected back with
``error=unsupported_response_type``. Wrong credentials show the form again (200).
"""

from __future__ import annotations

import html
from urllib.parse import parse_qsl, urlencode, urlsplit

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from simulators.loket.auth import DEMO_CLIENTS, TokenStore

PASSED_ON = ("response_type", "client_id", "redirect_uri", "state")

_PAGE = """<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><title>Inloggen - Loket.nl (simulator)</title></head>
<body>
<h1>Inloggen bij Loket.nl</h1>
<p>Simulator: log in as <code>alice</code> / <code>alice-demo</code>
or <code>bob</code> / <code>bob-demo</code>.</p>
{error}
<form method="post" action="authorize">
{hidden}
<label>Gebruikersnaam <input name="username" autocomplete="username" value="{username}"></label>
<label>Wachtwoord <input name="password" type="password" autocomplete="current-password"></label>
<button type="submit">Inloggen</button>
</form>
</body></html>
"""


def _valid_redirect(uri: str) -> bool:
    parts = urlsplit(uri)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and not parts.fragment


def _with_query(uri: str, params: dict[str, str]) -> str:
    return uri + ("&" if urlsplit(uri).query else "?") + urlencode(params)


def _problem(params: dict[str, str]) -> str | None:
    if params.get("client_id") not in DEMO_CLIENTS:
        return "Unknown client_id."
    if not _valid_redirect(params.get("redirect_uri", "")):
        return "redirect_uri must be an absolute http(s) URL."
    return None


def _form(params: dict[str, str], error: str = "", username: str = "") -> HTMLResponse:
    hidden = "\n".join(
        f'<input type="hidden" name="{name}" value="{html.escape(params.get(name, ""))}">'
        for name in PASSED_ON
    )
    shown = f'<p role="alert">{html.escape(error)}</p>' if error else ""
    page = _PAGE.format(error=shown, hidden=hidden, username=html.escape(username))
    return HTMLResponse(page, headers={"Cache-Control": "no-store"})


def _error_page(text: str) -> HTMLResponse:
    return HTMLResponse(
        f"<!DOCTYPE html><html><body><h1>Fout</h1><p>{html.escape(text)}</p></body></html>", status_code=400
    )


def authorize_routes(tokens: TokenStore) -> list[Route]:
    def params_of(request: Request, form: dict[str, str]) -> dict[str, str]:
        query = request.query_params
        return {name: form.get(name, query.get(name, "")) for name in PASSED_ON}

    async def show(request: Request) -> Response:
        params = params_of(request, {})
        problem = _problem(params)
        if problem:
            return _error_page(problem)
        if params["response_type"] != "code":
            answer = {"error": "unsupported_response_type"} | (
                {"state": params["state"]} if params["state"] else {}
            )
            return RedirectResponse(_with_query(params["redirect_uri"], answer), status_code=302)
        return _form(params)

    async def sign_in(request: Request) -> Response:
        form = dict(parse_qsl((await request.body()).decode("utf-8", "replace"), keep_blank_values=True))
        params = params_of(request, form)
        problem = _problem(params)
        if problem:
            return _error_page(problem)
        if params["response_type"] != "code":
            return _error_page("response_type must be 'code'.")
        username = form.get("username", "")
        user = tokens.check_password(username, form.get("password", ""))
        if user is None:
            return _form(params, "Onjuiste gebruikersnaam of wachtwoord.", username)
        code = tokens.new_code(user, params["client_id"], params["redirect_uri"])
        answer = {"code": code} | ({"state": params["state"]} if params["state"] else {})
        return RedirectResponse(_with_query(params["redirect_uri"], answer), status_code=302)

    return [Route("/authorize", show, methods=["GET"]), Route("/authorize", sign_in, methods=["POST"])]
