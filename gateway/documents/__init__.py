"""Trusted documents: automatic persisted queries (APQ), the safelist (``STAFFGRAPH_TRUSTED_DOCUMENTS``),
its manifest and the ``staffgraph documents`` commands that write it.

``persisted`` decides what a request that names a document runs; ``store`` keeps APQ documents
(in the process, or in Redis shared by replicas); ``manifest`` reads and writes the manifest;
``extract`` turns ``.graphql`` files into validated documents; ``caching`` says how long an
answer over GET may be kept.
"""

from __future__ import annotations

from gateway.documents.caching import get_cache_headers
from gateway.documents.manifest import Document, ManifestError, read_manifest, write_manifest
from gateway.documents.persisted import PersistedDocuments, build_persisted_documents
from gateway.documents.store import DocumentStore, MemoryDocumentStore, RedisDocumentStore

__all__ = [
    "Document",
    "DocumentStore",
    "ManifestError",
    "MemoryDocumentStore",
    "PersistedDocuments",
    "RedisDocumentStore",
    "build_persisted_documents",
    "get_cache_headers",
    "read_manifest",
    "write_manifest",
]
