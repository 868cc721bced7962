"""``staffgraph documents add`` and ``list``: the manifest as the people who ship clients edit it.

``add`` reads ``.graphql`` files, validates every operation against the schema, and merges
the documents into the manifest by id: a changed operation is a new document beside the old
one, since clients already released may still send the old text. Any bad file stops it before
anything is written, and the manifest is replaced atomically, so it is never half-written.
A manifest in Hive's format is rewritten in Apollo's, its ids kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from graphql import GraphQLError, GraphQLSchema, OperationDefinitionNode, parse

from gateway.documents.extract import documents_from_files
from gateway.documents.manifest import Document, read_manifest, write_manifest


@dataclass(frozen=True)
class Added:
    new: list[Document]  # documents the manifest did not hold yet
    known: int  # documents it held already (the same id)
    total: int  # documents in the manifest now


def add_documents(paths: Sequence[Path], manifest: Path, schema: GraphQLSchema) -> Added:
    """Merge the operations of ``paths`` into ``manifest`` (created if missing). A bad file is a
    ``DocumentFileError``, an unreadable manifest a ``ManifestError``; either way nothing is written."""
    documents = documents_from_files(paths, schema)
    existing = read_manifest(manifest) if manifest.exists() else []
    merged = {document.id: _described(document) for document in existing}
    new = []
    for document in documents:
        if document.id not in merged:
            merged[document.id] = document
            new.append(document)
    write_manifest(manifest, merged.values())
    return Added(new=new, known=len(documents) - len(new), total=len(merged))


def _described(document: Document) -> Document:
    """``document`` with its operation's name and type, which Hive's format does not carry."""
    if document.name is not None and document.type is not None:
        return document
    try:
        operations = [d for d in parse(document.body).definitions if isinstance(d, OperationDefinitionNode)]
    except GraphQLError:
        return document
    if len(operations) != 1:
        return document
    operation = operations[0]
    return replace(
        document,
        name=document.name or (operation.name.value if operation.name else None),
        type=document.type or operation.operation.value,
    )


__all__ = ["Added", "add_documents"]
