"""``staffgraph documents add`` and ``list`` (gateway.documents.authoring, gateway.documents.extract)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from gateway.cli import app as cli
from gateway.documents.manifest import APOLLO_FORMAT, read_manifest, sha256_hex

TEAM = """# a team's screens
fragment Names on Person { firstName lastName }

query Employers { employers { nodes { companyName } } }

query People($employerId: ID!) {
  persons(employerId: $employerId) { nodes { ...Names ...More } }
}

fragment More on Person { dateOfBirth }
"""


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_add_writes_one_document_per_operation_with_its_fragments(tmp_path: Path) -> None:
    source, manifest = tmp_path / "team.graphql", tmp_path / "trusted-documents.json"
    source.write_text(TEAM, encoding="utf-8")
    code, output = run("documents", "add", str(source), "--manifest", str(manifest))
    assert code == 0, output
    data = json.loads(manifest.read_text(encoding="utf-8"))
    assert data["format"] == APOLLO_FORMAT and data["version"] == 1
    operations = {entry["name"]: entry for entry in data["operations"]}
    assert set(operations) == {"Employers", "People"}
    assert operations["Employers"]["body"] == "query Employers { employers { nodes { companyName } } }"
    people = operations["People"]["body"]
    assert people.startswith("query People(") and "fragment Names" in people and "fragment More" in people
    assert "Names" not in operations["Employers"]["body"] and "# a team" not in people
    for entry in data["operations"]:
        assert entry["id"] == sha256_hex(entry["body"]) and entry["type"] == "query"
    assert "2 added, 0 already there, 2 in all" in output


def test_add_merges_by_id_and_keeps_older_versions(tmp_path: Path) -> None:
    manifest = tmp_path / "trusted-documents.json"
    first, second = tmp_path / "a.graphql", tmp_path / "b.graphql"
    first.write_text("query Employers { employers { totalCount } }\n", encoding="utf-8")
    second.write_text("query Employers { employers { totalCount nodes { city } } }\n", encoding="utf-8")
    assert run("documents", "add", str(first), "--manifest", str(manifest))[0] == 0
    code, output = run("documents", "add", str(first), "--manifest", str(manifest))
    assert code == 0 and "0 added, 1 already there, 1 in all" in output
    code, output = run("documents", "add", str(second), "--manifest", str(manifest))
    assert code == 0 and "1 added, 0 already there, 2 in all" in output  # released clients may send either
    code, listing = run("documents", "list", "--manifest", str(manifest))
    assert code == 0 and listing.count("query Employers") == 2


def test_an_invalid_document_is_refused_naming_the_file_and_nothing_is_written(tmp_path: Path) -> None:
    manifest = tmp_path / "trusted-documents.json"
    good, bad = tmp_path / "good.graphql", tmp_path / "bad.graphql"
    good.write_text("query Employers { employers { totalCount } }\n", encoding="utf-8")
    bad.write_text("query Salaries {\n  employers { salary }\n}\n", encoding="utf-8")
    code, output = run("documents", "add", str(good), str(bad), "--manifest", str(manifest))
    assert code == 1 and "nothing written" in output
    assert f"{bad}: does not validate" in output and "salary" in output and "line 2" in output
    assert str(good) not in output and not manifest.exists()

    assert run("documents", "add", str(good), "--manifest", str(manifest))[0] == 0
    before = manifest.read_bytes()
    broken = tmp_path / "broken.graphql"
    broken.write_text("query {", encoding="utf-8")
    code, output = run("documents", "add", str(broken), "--manifest", str(manifest))
    assert code == 1 and f"{broken}: Syntax Error" in output and manifest.read_bytes() == before


def test_two_operations_of_one_name_with_other_text_are_refused(tmp_path: Path) -> None:
    first, second = tmp_path / "a.graphql", tmp_path / "b.graphql"
    first.write_text("query Employers { employers { totalCount } }", encoding="utf-8")
    second.write_text("query Employers { employers { nodes { city } } }", encoding="utf-8")
    code, output = run("documents", "add", str(first), str(second), "--manifest", str(tmp_path / "m.json"))
    assert code == 1 and "'Employers' is also in" in output


def test_a_hive_manifest_is_merged_into_apollos_format_keeping_its_ids(tmp_path: Path) -> None:
    manifest = tmp_path / "persisted-documents.json"
    manifest.write_text(json.dumps({"d9a00ec0c1ce": "query Count { employers { totalCount } }"}))
    source = tmp_path / "a.graphql"
    source.write_text("query Cities { employers { nodes { city } } }", encoding="utf-8")
    assert run("documents", "add", str(source), "--manifest", str(manifest))[0] == 0
    documents = {d.id: d for d in read_manifest(manifest)}
    assert documents["d9a00ec0c1ce"].name == "Count" and documents["d9a00ec0c1ce"].type == "query"
    assert json.loads(manifest.read_text())["format"] == APOLLO_FORMAT and len(documents) == 2


def test_list_names_an_unreadable_manifest(tmp_path: Path) -> None:
    manifest = tmp_path / "nope.json"
    code, output = run("documents", "list", "--manifest", str(manifest))
    assert code == 1 and str(manifest) in output
