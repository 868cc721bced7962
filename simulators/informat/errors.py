"""Every error the simulated Personeel API answers with, in the document's shapes.

- ``ApiError`` carries a finished response; handlers raise it, the app returns it.
- Business rules (BR…, 400) and "method not allowed" rules (MNA…, 405) use the
  document's body ``{"errors": [{"Code": "BR006B", "Message": "Invalid Code"}]}``, with
  the messages of its appendix word for word.
- 401 has an empty body and ``WWW-Authenticate: Bearer`` (the document's example);
  403 and 404 have empty bodies (404 is also the answer to a list with no rows).

Choice: where the document gives a status but no body (a query value that does not bind,
such as ``inclNonSubHours=maybe``; a malformed JSON body; a wrong Content-Type), the
simulator answers as the ASP.NET Core service behind it does: an RFC 7807 problem
document (``application/problem+json``) with ``errors`` keyed by parameter or JSON path.

Choice: an ``Api-Version`` outside 1..2 gets the ASP.NET API Versioning body
``{"error": {"code": "UnsupportedApiVersion", "message": …, "innerError": null}}``.
"""

from __future__ import annotations

from starlette.responses import Response

from simulators.responses import JSONResponse

JSON_UTF8 = "application/json; charset=utf-8"
PROBLEM_JSON = "application/problem+json; charset=utf-8"
CORS = {"Access-Control-Allow-Origin": "*"}

MESSAGES = {
    "BR001": "Invalid PersonId",
    "BR002": "Invalid InterruptionId",
    "BR003A": "Instelnr is required",
    "BR004A": "Schooljaar is required",
    "BR004B": "Invalid Schooljaar format",
    "BR005A": "Hfd is required",
    "BR005B": "Hfd must have a lenght of 3 characters",
    "BR006A": "Code is required",
    "BR006B": "Invalid Code",
    "BR007A": "Begindatum is required",
    "BR008A": "Einddatum is required",
    "BR008B": "Einddatum cannot be before Begindatum",
    "BR009": "Opmerking doesn't comply with the validationrule: max. length 500",
    "BR010": "NaamGeneesheer doesn't comply with the validationrule: max. length 75",
    "BR011": "TelefoonGeneesheer doesn't comply with the validationrule: max. length 20",
    "BR012A": "Afzender is required",
    "BR012B": "Afzender doesn't comply with the validationrule: max. length 50",
    "BR013": "Invalid combination InstituteNo, School year and Structure",
    "BR014": "No employee found for this PersonId",
    "BR015": "Invalid AttachmentId",
    "BR016A": "Filename is required",
    "BR016B": "Filename doesn't comply with the validationrule: max. length 100",
    "BR016C": "Invalid file extension",
    "BR017A": "File is required",
    "BR017B": "Max. file size: 10MB",
    "BR018": "No interruption found for this Id",
    "BR019": "Nothing found to delete for this interruptionId & attachmentId combination",
    "BR020": "Soort must be 1 or 3",
    "BR021": "Type is invalid",
    "BR022": "Number is required",
    "BR023": "Number format is invalid",
    "BR024": "This employee is not active in institute {instituteNo}",
    "BR025": "A communication number already exists for this combination 'Soort & Type'; Id: {id}",
    "BR026": "A communication number already exists for this combination 'Soort, Type & Nummer'; Id: {id}",
    "BR027": "Invalid Communication Number Id",
    "BR028": "No Communication Number found for this Id",
    "MNA001": "This interruption is already linked to another school (institute no, school year & structure)",
    "MNA002": "This interruption is already linked to another employee",
    "MNA003": "Hfd, Code, Begin- and Einddatum can't be changed as the interruption has already been sent "
    "to AgODi",
    "MNA004": "Hfd, Begin- and Einddatum can't be changed as the interruption has already a substitution",
    "MNA005": "This interruption can't be added because an overlapping personal interruption "
    "already exists for this institute no.",
    "MNA006": "This interruption can't be adjusted because an overlapping personal interruption "
    "already exists for the institute no.",
    "MNA007": "Attachment already linked to another employee",
    "MNA008": "Only interruptions added via the API can be removed",
    "MNA009": "This interruption is already verified by the secretariat and can no longer be removed",
    "MNA010": "This interruption is already sent to AgODi and can no longer be removed",
    "MNA011": "This interruption has already a substitution and can no longer be removed",
}


class ApiError(Exception):
    """A finished error response, raised from deep inside a handler."""

    def __init__(self, response: Response) -> None:
        super().__init__(response.status_code)
        self.response = response


def errors_body(codes: list[str], **values: str) -> dict[str, list[dict[str, str]]]:
    return {"errors": [{"Code": code, "Message": MESSAGES[code].format(**values)} for code in codes]}


def rule_error(*codes: str, **values: str) -> ApiError:
    """BR codes answer 400, MNA codes 405, as the document says."""
    status = 405 if codes[0].startswith("MNA") else 400
    return ApiError(JSONResponse(errors_body(list(codes), **values), status, CORS, JSON_UTF8))


def problem(errors: dict[str, list[str]], status: int = 400, title: str | None = None) -> ApiError:
    body: dict[str, object] = {
        "type": "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        "title": title or "One or more validation errors occurred.",
        "status": status,
    }
    if errors:
        body["errors"] = errors
    return ApiError(JSONResponse(body, status, CORS, PROBLEM_JSON))


def invalid_value(name: str, value: str) -> ApiError:
    return problem({name: [f"The value '{value}' is not valid for {name}."]})


def unsupported_media_type() -> ApiError:
    body = {
        "type": "https://tools.ietf.org/html/rfc9110#section-15.5.16",
        "title": "Unsupported Media Type",
        "status": 415,
    }
    return ApiError(JSONResponse(body, 415, CORS, PROBLEM_JSON))


def unauthorized(error: str | None = None, description: str | None = None) -> ApiError:
    """``WWW-Authenticate: Bearer``; ``error="invalid_token"`` when a sent token is refused (as JwtBearer)."""
    challenge = "Bearer"
    if error:
        challenge += f' error="{error}"'
        if description:
            challenge += f', error_description="{description}"'
    return ApiError(Response(status_code=401, headers={"WWW-Authenticate": challenge, **CORS}))


def empty(status: int) -> ApiError:
    return ApiError(Response(status_code=status, headers=CORS))


def unsupported_version(url: str, version: str, *, malformed: bool) -> ApiError:
    if "," in version:
        code = "AmbiguousApiVersion"
        message = (
            f"The following API versions were requested: {version}. At most, only a single API version "
            "may be specified. Please update the intended API version and retry the request."
        )
    else:
        code = "InvalidApiVersion" if malformed else "UnsupportedApiVersion"
        message = (
            f"The HTTP resource that matches the request URI '{url}' "
            f"does not support the API version '{version}'."
        )
    body = {"error": {"code": code, "message": message, "innerError": None}}
    return ApiError(JSONResponse(body, 400, CORS, JSON_UTF8))


def informat_fault_response(upstream: str, status: int, retry_after: int | None) -> Response:
    """Choice: an injected fault answers with an empty body (the document shows none for 5xx,
    429 or 503), keeping the headers a client would see: the 401 challenge, Retry-After, CORS;
    the identity server answers 400/401 with an OAuth error body as IdentityServer does."""
    headers = dict(CORS)
    if retry_after is not None:
        headers["Retry-After"] = str(retry_after)
    if upstream == "identity" and status in (400, 401):
        error = "invalid_request" if status == 400 else "invalid_client"
        return JSONResponse({"error": error}, status, headers)
    if status == 401:
        headers["WWW-Authenticate"] = "Bearer"
    return Response(status_code=status, headers=headers)
