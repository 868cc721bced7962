"""The trusted-documents manifest: read in either of the two formats clients' tools write, written
in Apollo's.

Apollo's persisted-query manifest (``@apollo/generate-persisted-query-manifest``)::

    {"format": "apollo-persisted-query-manifest", "version": 1,
     "operations": [{"id": "<sha256 of body>", "name": "Employers", "type": "query",
                     "body": "query Employers {...}"}]}

GraphQL Hive's app-deployment file (what ``hive app:create`` uploads, and GraphQL Codegen's
client preset writes): one JSON object, document id -> document text. Its ids are whatever the
tool chose (a SHA-256, often shortened), so they are kept as they are; every document can also
be named by the SHA-256 of its text, which is what Apollo's APQ extension sends.

``write_manifest`` replaces the file atomically (a temporary file in the same folder, then
``os.replace``), so a gateway starting at the same moment reads the old or the new manifest,
never half of one.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from gateway.exceptions import ConfigError

APOLLO_FORMAT = "apollo-persisted-query-manifest"
OPERATION_TYPES = ("query", "mutation", "subscription")


def sha256_hex(text: str) -> str:
    """The id APQ and Apollo's manifest give a document: SHA-256 of its UTF-8 text, lower-case hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Document:
    """One trusted document. ``id`` is how clients name it (``documentId``); ``sha256`` is how APQ
    names it (``extensions.persistedQuery.sha256Hash``); for Apollo's format they are the same."""

    id: str
    body: str
    name: str | None = None
    type: str | None = None

    @property
    def sha256(self) -> str:
        return sha256_hex(self.body)

    def as_apollo(self) -> dict[str, str | None]:
        return {"id": self.id, "name": self.name, "type": self.type, "body": self.body}


class ManifestError(ConfigError):
    """A manifest that cannot be read or is in neither format; the message names the file."""


def parse_manifest(data: object, source: str) -> list[Document]:
    """The documents of a decoded manifest in Apollo's format or Hive's; ``source`` names it in errors."""
    if isinstance(data, Mapping) and data.get("format") == APOLLO_FORMAT:
        return _apollo_documents(data, source)
    if isinstance(data, Mapping) and "format" in data and not isinstance(data.get("format"), str):
        raise ManifestError(f"{source}: 'format' must be {APOLLO_FORMAT!r}")
    if isinstance(data, Mapping) and "format" in data:
        raise ManifestError(
            f"{source}: unknown manifest format {data['format']!r}; expected {APOLLO_FORMAT!r}"
        )
    if isinstance(data, Mapping):  # Hive: {"<id>": "<document>", ...}
        documents = []
        for key, body in data.items():
            if not isinstance(body, str) or not body.strip():
                raise ManifestError(f"{source}: document {key!r} must be a non-empty string of GraphQL")
            documents.append(Document(id=str(key), body=body))
        return documents
    raise ManifestError(
        f"{source}: expected Apollo's persisted-query manifest or a JSON object of id -> document"
    )


def _apollo_documents(data: Mapping[str, object], source: str) -> list[Document]:
    if data.get("version") != 1:
        raise ManifestError(
            f"{source}: only version 1 of {APOLLO_FORMAT!r} is known, got {data.get('version')!r}"
        )
    operations = data.get("operations")
    if not isinstance(operations, list):
        raise ManifestError(f"{source}: 'operations' must be a list")
    documents = []
    for index, entry in enumerate(operations):
        if not isinstance(entry, Mapping):
            raise ManifestError(f"{source}: operations[{index}] must be an object")
        body, key = entry.get("body"), entry.get("id")
        if not isinstance(body, str) or not body.strip():
            raise ManifestError(f"{source}: operations[{index}] has no 'body'")
        if not isinstance(key, str) or not key:
            raise ManifestError(f"{source}: operations[{index}] has no 'id'")
        name, kind = entry.get("name"), entry.get("type")
        documents.append(
            Document(
                id=key,
                body=body,
                name=name if isinstance(name, str) else None,
                type=kind if kind in OPERATION_TYPES else None,
            )
        )
    return documents


def read_manifest(path: Path) -> list[Document]:
    """The documents of the manifest at ``path``; a file that is unreadable or in neither format is
    a ``ManifestError`` naming it."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ManifestError(f"{path}: cannot read the manifest: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise ManifestError(f"{path}: the manifest is not UTF-8") from None
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise ManifestError(f"{path}: the manifest is not JSON ({exc})") from None
    return parse_manifest(data, str(path))


def render_manifest(documents: Iterable[Document]) -> str:
    """Apollo's manifest for ``documents``, ordered by name then id so that rewriting the same
    documents gives the same file (and a readable diff in review)."""
    ordered = sorted(documents, key=lambda d: (d.name or "", d.id))
    manifest = {
        "format": APOLLO_FORMAT,
        "version": 1,
        "operations": [document.as_apollo() for document in ordered],
    }
    return json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"


def write_manifest(path: Path, documents: Iterable[Document]) -> None:
    """Replace ``path`` with Apollo's manifest of ``documents``, atomically."""
    text = render_manifest(documents)
    folder = path.resolve().parent
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


__all__ = [
    "APOLLO_FORMAT",
    "Document",
    "ManifestError",
    "parse_manifest",
    "read_manifest",
    "render_manifest",
    "sha256_hex",
    "write_manifest",
]
