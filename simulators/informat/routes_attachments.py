"""Interruption attachments: ``PUT`` and ``DELETE
/employees/interruptions/{interruptionId}/attachments/{attachmentId}``.

An attachment may hang on several interruptions of the same employee; deleting the last
link deletes the attachment. Attachments are stored (name, size, links) but no call of
the document reads them back, so only the write rules are visible to a client.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from simulators.informat.body import json_body
from simulators.informat.errors import rule_error
from simulators.informat.params import guid
from simulators.informat.records import Attachment
from simulators.informat.state import ApiState, done

EXTENSIONS = frozenset(
    {"bmp", "jpg", "jpeg", "png", "gif", "svg", "doc", "docx", "xls", "xlsx", "txt", "zip", "pdf"}
)
MAX_FILE_BYTES = 10 * 1024 * 1024


def _ids(request: Request) -> tuple[str, str]:
    interruption_id = guid(request.path_params["interruptionId"])
    attachment_id = guid(request.path_params["attachmentId"])
    if interruption_id is None or attachment_id is None:
        codes = (["BR002"] if interruption_id is None else []) + (["BR015"] if attachment_id is None else [])
        raise rule_error(*codes)
    return interruption_id, attachment_id


def attachment_routes(state: ApiState) -> list[Route]:
    store = state.store

    async def put_attachment(request: Request) -> Response:
        who = state.caller(request)
        interruption_id, attachment_id = _ids(request)
        body = await json_body(request)
        filename = body.string("filename")
        size = body.base64_size("file")
        errors: list[str] = []
        if not filename:
            errors.append("BR016A")
        elif len(filename) > 100:
            errors.append("BR016B")
        elif filename.rpartition(".")[2].lower() not in EXTENSIONS or "." not in filename:
            errors.append("BR016C")
        if size is None:
            errors.append("BR017A")
        elif size > MAX_FILE_BYTES:
            errors.append("BR017B")
        if errors:
            raise rule_error(*errors)
        assert filename is not None and size is not None
        interruption = store.interruptions.get(interruption_id)
        if interruption is None or interruption.institute != who.institute:
            raise rule_error("BR018")
        attachment = store.attachments.get(attachment_id)
        if attachment is not None and attachment.person_id != interruption.person_id:
            raise rule_error("MNA007")
        if attachment is None:
            attachment = store.attachments[attachment_id] = Attachment(
                attachment_id, interruption.person_id, "", 0
            )
        attachment.filename, attachment.size = filename, size
        attachment.interruptions.add(interruption_id)
        return done()

    async def delete_attachment(request: Request) -> Response:
        who = state.caller(request)
        interruption_id, attachment_id = _ids(request)
        interruption = store.interruptions.get(interruption_id)
        if (
            interruption is None
            or interruption.institute != who.institute
            or not store.unlink_attachment(attachment_id, interruption_id)
        ):
            raise rule_error("BR019")
        return done()

    return [
        Route(
            "/employees/interruptions/{interruptionId}/attachments/{attachmentId}",
            put_attachment,
            methods=["PUT"],
        ),
        Route(
            "/employees/interruptions/{interruptionId}/attachments/{attachmentId}",
            delete_attachment,
            methods=["DELETE"],
        ),
    ]
