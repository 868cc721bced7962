"""Trusted documents from ``.graphql`` files, validated against the schema (``staffgraph documents add``).

A file may hold several operations and the fragments they use. Each operation becomes one
document: its own text as written in the file, followed by the text of every fragment it
uses (directly or through another fragment), in the order of the file, separated by a blank
line; comments and anything else between definitions are left out. Its id is the SHA-256
of that text, so a client that sends the same text (or its hash) is running this document.

A file that does not parse, does not validate, or holds no operation is a
``DocumentFileError`` naming the file and the first problems (with line and column).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from graphql import (
    DefinitionNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLSchema,
    OperationDefinitionNode,
    Source,
    parse,
    validate,
    visit,
)
from graphql.language import Visitor

from gateway.documents.manifest import Document, sha256_hex

MAX_PROBLEMS = 5  # problems listed per file; the rest are counted


class DocumentFileError(ValueError):
    """A ``.graphql`` file that cannot become trusted documents; the message names the file."""


def documents_from_file(path: Path, schema: GraphQLSchema) -> list[Document]:
    """One document per operation in ``path``, each validated against ``schema``."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DocumentFileError(f"{path}: cannot read: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise DocumentFileError(f"{path}: not UTF-8 text") from None
    return documents_from_text(text, str(path), schema)


def documents_from_text(text: str, source: str, schema: GraphQLSchema) -> list[Document]:
    """The documents of ``text`` (named ``source`` in errors)."""
    try:
        document = parse(Source(text, source))
    except GraphQLError as exc:
        raise DocumentFileError(f"{source}: {_describe(exc)}") from None
    errors = validate(schema, document)
    if errors:
        shown = "; ".join(_describe(error) for error in errors[:MAX_PROBLEMS])
        more = f" (and {len(errors) - MAX_PROBLEMS} more)" if len(errors) > MAX_PROBLEMS else ""
        raise DocumentFileError(f"{source}: does not validate against the schema: {shown}{more}")
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if not operations:
        raise DocumentFileError(f"{source}: holds no operation (only fragments)")
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    documents = []
    for operation in operations:
        used = _fragments_used(operation, fragments)
        parts: list[DefinitionNode] = [operation, *(f for f in fragments.values() if f.name.value in used)]
        body = "\n\n".join(_text_of(text, part) for part in parts)
        name = operation.name.value if operation.name else None
        documents.append(Document(id=sha256_hex(body), body=body, name=name, type=operation.operation.value))
    return documents


def _fragments_used(
    operation: OperationDefinitionNode, fragments: dict[str, FragmentDefinitionNode]
) -> set[str]:
    """Names of the fragments ``operation`` spreads, directly or through other fragments."""
    used: set[str] = set()
    pending = _spreads(operation)
    while pending:
        name = pending.pop()
        if name not in used and name in fragments:
            used.add(name)
            pending |= _spreads(fragments[name])
    return used


def _spreads(node: DefinitionNode) -> set[str]:
    found: set[str] = set()

    class Spreads(Visitor):
        def enter_fragment_spread(self, spread: FragmentSpreadNode, *_: object) -> None:
            found.add(spread.name.value)

    visit(node, Spreads())
    return found


def _text_of(text: str, node: DefinitionNode) -> str:
    location = node.loc
    assert location is not None  # parsed with locations
    return text[location.start : location.end]


def _describe(error: GraphQLError) -> str:
    where = error.locations[0] if error.locations else None
    at = f" (line {where.line}, column {where.column})" if where else ""
    return f"{error.message}{at}"


def documents_from_files(paths: Iterable[Path], schema: GraphQLSchema) -> list[Document]:
    """The documents of every file, in order. Every file is checked; if any is bad the error lists
    each bad file and nothing is returned. Two operations of one name with different text are an
    error too: a manifest's names must tell its documents apart."""
    documents: list[Document] = []
    problems: list[str] = []
    seen: dict[str, tuple[str, str]] = {}  # operation name -> (its file, its id)
    for path in paths:
        try:
            found = documents_from_file(path, schema)
        except DocumentFileError as exc:
            problems.append(str(exc))
            continue
        for document in found:
            if document.name is not None:
                earlier = seen.setdefault(document.name, (str(path), document.id))
                if earlier[1] != document.id:
                    problems.append(
                        f"{path}: operation {document.name!r} is also in {earlier[0]} with other text"
                    )
        documents.extend(found)
    if problems:
        raise DocumentFileError("\n".join(problems))
    return documents


__all__ = ["DocumentFileError", "documents_from_file", "documents_from_files", "documents_from_text"]
