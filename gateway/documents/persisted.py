"""Requests that name their document instead of (or beside) sending it: Apollo's automatic
persisted queries (APQ) and the trusted-documents safelist.

A request names a document in one of two ways:

- ``extensions.persistedQuery = {"version": 1, "sha256Hash": "<64 hex>"}`` (Apollo APQ, POST body
  or GET ``extensions`` parameter); with ``query`` beside it, it registers that text;
- ``documentId`` (GraphQL-over-HTTP's persisted documents proposal, Hive): a manifest id, Hive's
  ``<app>~<version>~<manifest id>``, or ``sha256:<64 hex>``.

What happens, by ``STAFFGRAPH_TRUSTED_DOCUMENTS``:

- ``query`` alone: ``off`` runs it; ``only`` runs it if its text is in the manifest, else refuses
  it with 403 ``PERSISTED_QUERY_NOT_IN_LIST``.
- a hash alone: the manifest's document runs, or (``off`` only) one registered through APQ; else
  ``PersistedQueryNotFound``.
- a hash and ``query``: the hash must be the SHA-256 of the text's UTF-8 (else 400
  ``PERSISTED_QUERY_HASH_MISMATCH``, nothing stored); then ``off`` registers the text and runs
  it, ``only`` runs it if it is in the manifest, else 403 ``PERSISTED_QUERY_NOT_IN_LIST``.
- ``documentId``: the manifest's document of that id (or, ``off`` only, a registered
  ``sha256:<hash>``) runs; else ``PersistedQueryNotFound``. With ``query`` or a hash beside it: 400.

Everything is decided here, in the HTTP layer, before the document is parsed or validated and
before any upstream call. A hash must be 64 hex digits and an id at most 256 safe characters
before anything is looked up.

``PersistedQueryNotFound`` (``extensions.code`` ``PERSISTED_QUERY_NOT_FOUND``) is what Apollo
clients wait for to send the text again. Its status: 200 to ``application/json`` clients, as
Apollo Server answers (Apollo Client's persisted-query link gives APQ up for good on a 400 or
500); 404 to ``application/graphql-response+json`` clients, as Hive Gateway (GraphQL Yoga) and
Apollo Router answer. Either way it is never stored by a cache (``Cache-Control: no-store``).

Registration stores the text once its hash matches, before validation (as Hive Gateway does):
the store is bounded (an LRU of ``STAFFGRAPH_APQ_MAX_ENTRIES``, Redis entries expire after
``STAFFGRAPH_APQ_TTL``), and a text over ``STAFFGRAPH_MAX_DOCUMENT_BYTES`` still runs but is
not stored (the client keeps sending its text). ``only`` never registers anything: a safelist
anyone could add to would be none.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from gateway.documents.manifest import Document, ManifestError, read_manifest, sha256_hex
from gateway.documents.store import DocumentStore, build_document_store
from gateway.http import GRAPHQL_RESPONSE_JSON, HTTPRefusal, negotiate
from gateway.settings import PREFIX, Settings

logger = logging.getLogger(__name__)

NOT_FOUND = "PERSISTED_QUERY_NOT_FOUND"
HASH_MISMATCH = "PERSISTED_QUERY_HASH_MISMATCH"
NOT_IN_LIST = "PERSISTED_QUERY_NOT_IN_LIST"
VERSION_NOT_SUPPORTED = "PERSISTED_QUERY_VERSION_NOT_SUPPORTED"

_SHA256 = re.compile(r"[0-9a-fA-F]{64}")
_DOCUMENT_ID = re.compile(r"[A-Za-z0-9_.:~-]{1,256}")
_NO_STORE = {"Cache-Control": "no-store"}


class PersistedDocuments:
    """The manifest's documents (read at start, the same on every replica) and the APQ store."""

    def __init__(
        self, *, mode: str, manifest: Iterable[Document], store: DocumentStore, max_document_bytes: int
    ) -> None:
        self.mode = mode
        self.store = store
        self.max_document_bytes = max_document_bytes
        documents = list(manifest)
        self._by_sha256 = {d.sha256: d.body for d in documents}
        self._by_id = {d.id: d.body for d in documents}

    def __len__(self) -> int:
        return len(self._by_sha256)

    async def resolve(self, data: object, accept: str | None) -> object:
        """The decoded request ``data`` with ``query`` set to the document it names, or refused
        (``HTTPRefusal``). Anything not shaped like a request is returned as it is, for the view to
        refuse with its usual message."""
        if not isinstance(data, dict):
            return data
        extensions = data.get("extensions")
        persisted = extensions.get("persistedQuery") if isinstance(extensions, dict) else None
        document_id = data.get("documentId")
        query = data.get("query")
        if document_id is not None:
            if persisted is not None or query is not None:
                raise HTTPRefusal(
                    400, "Send 'documentId' alone: not with 'query' or 'extensions.persistedQuery'."
                )
            body = await self._by_document_id(document_id)
        elif persisted is not None:
            sha256 = _hash_of(persisted)
            if query is not None:
                if isinstance(query, str):
                    await self._register(sha256, query)
                return data  # the text runs (a query that is not a string is refused by the view)
            body = await self._by_hash(sha256)
        else:
            if self.mode == "only" and isinstance(query, str) and sha256_hex(query) not in self._by_sha256:
                raise _not_in_list()
            return data
        if body is None:
            raise _not_found(accept)
        return {**data, "query": body}

    async def _register(self, sha256: str, query: str) -> None:
        if sha256_hex(query) != sha256:
            raise HTTPRefusal(
                400,
                "provided sha does not match query: 'extensions.persistedQuery.sha256Hash' must be the "
                "SHA-256 of the query's UTF-8 text (nothing was stored)",
                code=HASH_MISMATCH,
            )
        if sha256 in self._by_sha256:
            return
        if self.mode == "only":
            raise _not_in_list()
        if len(query.encode("utf-8")) <= self.max_document_bytes:
            await self.store.put(sha256, query)

    async def _by_hash(self, sha256: str) -> str | None:
        found = self._by_sha256.get(sha256)
        if found is None and self.mode == "off":
            found = await self.store.get(sha256)
        return found

    async def _by_document_id(self, document_id: Any) -> str | None:
        if not isinstance(document_id, str) or not _DOCUMENT_ID.fullmatch(document_id):
            raise HTTPRefusal(
                400, "'documentId' must be a string of at most 256 letters, digits and '_.:~-'."
            )
        found = self._by_id.get(document_id)
        if found is None and document_id.startswith("sha256:") and _SHA256.fullmatch(document_id[7:]):
            found = await self._by_hash(document_id[7:].lower())
        if found is None and "~" in document_id:  # Hive's "<app>~<version>~<hash>" over a local manifest
            found = self._by_id.get(document_id.rsplit("~", 1)[1])
        return found


def build_persisted_documents(settings: Settings) -> PersistedDocuments:
    """The manifest ``STAFFGRAPH_TRUSTED_DOCUMENTS_FILE`` names, read now, and the APQ store.

    Without the file, ``off`` runs with APQ alone; ``only`` refuses to start (``ManifestError``,
    a ``ConfigError``): a safelist that lists nothing is a misconfiguration, not a locked door.
    """
    config = settings.trusted_documents
    path = Path(config.file)
    if path.exists() or config.mode == "only":
        try:
            manifest = read_manifest(path)
        except ManifestError as exc:
            raise ManifestError(f"{PREFIX}TRUSTED_DOCUMENTS_FILE: {exc}") from None
    else:
        manifest = []
    documents = PersistedDocuments(
        mode=config.mode,
        manifest=manifest,
        store=build_document_store(settings),
        max_document_bytes=config.max_document_bytes,
    )
    logger.info("trusted documents: mode %s, %d in the manifest", config.mode, len(documents))
    return documents


def _hash_of(persisted: object) -> str:
    """The lower-case SHA-256 an ``extensions.persistedQuery`` names, its shape checked first."""
    if not isinstance(persisted, dict):
        raise HTTPRefusal(
            400, "'extensions.persistedQuery' must be an object with 'version' and 'sha256Hash'."
        )
    if persisted.get("version") != 1:
        raise HTTPRefusal(
            400,
            f"Unsupported persisted query version {persisted.get('version')!r}: send 'version': 1.",
            code=VERSION_NOT_SUPPORTED,
        )
    sha256 = persisted.get("sha256Hash")
    if not isinstance(sha256, str) or not _SHA256.fullmatch(sha256):
        raise HTTPRefusal(400, "'extensions.persistedQuery.sha256Hash' must be 64 hexadecimal digits.")
    return sha256.lower()


def _not_found(accept: str | None) -> HTTPRefusal:
    status = 404 if negotiate(accept) == GRAPHQL_RESPONSE_JSON else 200
    return HTTPRefusal(status, "PersistedQueryNotFound", code=NOT_FOUND, headers=_NO_STORE)


def _not_in_list() -> HTTPRefusal:
    return HTTPRefusal(
        403,
        "This gateway runs only trusted documents (STAFFGRAPH_TRUSTED_DOCUMENTS=only) and this one is "
        "not in its manifest: add it with 'staffgraph documents add' and deploy the manifest.",
        code=NOT_IN_LIST,
        headers=_NO_STORE,
    )


__all__ = ["HASH_MISMATCH", "NOT_FOUND", "NOT_IN_LIST", "PersistedDocuments", "build_persisted_documents"]
