"""Near-duplicate entities across documents: found by auditable rules, linked with owl:sameAs,
listed by `policykg entities --duplicates` (real extractions of short texts, a real store)."""

from __future__ import annotations

from typer.testing import CliRunner

from policykg.cli import app
from policykg.extract.document import document_from_text
from policykg.extract.pipeline import extract_document
from policykg.graph.duplicates import SAMEAS_GRAPH, find_duplicates, link
from policykg.graph.store import GraphStore

TEXTS = {
    "a": "衡阳市白沙洲工业园区加快发展，园区新增企业30家。",
    "b": "白沙洲工业园引进了一批企业。衡阳白沙洲工业园区基础设施完善。",
    "c": "松木经济技术开发区扩区。松木经开区新增项目12个。",
    "d": "湖南机油泵（湘油泵）在衡阳建成新厂。",
}


def extraction(doc_id: str) -> dict:
    data = extract_document(document_from_text(TEXTS[doc_id], id=doc_id)).to_dict()
    return data


def store_of(*ids: str) -> GraphStore:
    store = GraphStore(None)
    store.add_extractions([extraction(i) for i in ids])
    return store


def test_variants_of_one_park_name_are_found_with_their_reason():
    pairs = {(d.first_label, d.second_label): d.reason for d in find_duplicates(store_of("a", "b"))}
    assert set(pairs) == {("白沙洲工业园", "衡阳市白沙洲工业园区"), ("白沙洲工业园", "衡阳白沙洲工业园区"),
                          ("衡阳市白沙洲工业园区", "衡阳白沙洲工业园区")}, pairs
    assert pairs[("衡阳市白沙洲工业园区", "衡阳白沙洲工业园区")].startswith("shared name")
    assert "short head" in pairs[("白沙洲工业园", "衡阳白沙洲工业园区")]


def test_different_names_are_no_duplicates():
    assert [d for d in find_duplicates(store_of("a", "c")) if "白沙洲" in d.first_label + d.second_label
            and "松木" in d.first_label + d.second_label] == []


def test_link_writes_same_as_both_ways_in_its_own_graph_and_is_rebuilt():
    store = store_of("a", "b")
    duplicates = find_duplicates(store)
    assert link(store, duplicates) == len(duplicates) > 0
    ask = f"ASK {{ GRAPH <{SAMEAS_GRAPH}> {{ <{duplicates[0].first}> <http://www.w3.org/2002/07/owl#sameAs> " \
          f"<{duplicates[0].second}> . <{duplicates[0].second}> <http://www.w3.org/2002/07/owl#sameAs> " \
          f"<{duplicates[0].first}> }} }}"
    assert store.query(ask).boolean is True
    link(store, [])  # rebuilt from what is found now: nothing left
    count = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{SAMEAS_GRAPH}> {{ ?s ?p ?o }} }}"
    assert store.query(count).values()[0][0] == "0"


def test_the_command_lists_duplicates_and_links_them(tmp_path):
    store_dir = tmp_path / "store"
    with GraphStore.create(store_dir) as store:
        store.add_extractions([extraction("a"), extraction("b")])
    runner = CliRunner()
    listed = runner.invoke(app, ["entities", "--duplicates", "--store", str(store_dir)])
    assert listed.exit_code == 0, listed.output
    assert "白沙洲" in listed.output and "reason" in listed.output
    linked = runner.invoke(app, ["entities", "--duplicates", "--link", "--store", str(store_dir)])
    assert linked.exit_code == 0 and "owl:sameAs" in linked.output, linked.output


def test_cross_document_counts_a_linked_group_as_one_entity():
    """白沙洲工业园 (b), 衡阳市白沙洲工业园区 (a) and 衡阳白沙洲工业园区 (b) each name one document;
    linked, they are one park named by both."""
    from policykg.graph.queries import resolve_query

    def rows(store):
        result = store.query(resolve_query("@cross-document"))
        return {r[0]: dict(zip(result.variables, r)) for r in result.values()}

    store = store_of("a", "b")
    assert not any("白沙洲" in name for name in rows(store))  # each variant in one document only
    link(store, find_duplicates(store))
    park = rows(store)["白沙洲工业园"]  # the group's first member by IRI
    assert (park["type"], park["count"]) == ("Park", "2")
    assert sorted(park["documents"].split("; ")) == ["a", "b"]
    assert sorted(park["same_as"].split("; ")) == ["衡阳市白沙洲工业园区", "衡阳白沙洲工业园区"]
    assert rows(store)["衡阳市"]["same_as"] is None  # an entity linked to none is counted alone


def test_link_writes_each_group_whole():
    from policykg.graph.duplicates import groups

    store = store_of("a", "b")
    found = find_duplicates(store)
    assert [len(g) for g in groups(found)] == [3]
    link(store, found)
    pairs = store.query(f"SELECT ?x ?y WHERE {{ GRAPH <{SAMEAS_GRAPH}> {{ ?x ?p ?y }} }}").values()
    assert len(pairs) == 9  # every member with every member, itself included


def test_build_and_remove_say_when_the_links_predate_them(tmp_path):
    store_dir = tmp_path / "store"
    runner = CliRunner()
    for doc_id in ("a", "b", "c"):
        (tmp_path / f"{doc_id}.txt").write_text(TEXTS[doc_id], encoding="utf-8")
    built = runner.invoke(app, ["build", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"),
                                "--store", str(store_dir), "--workers", "1"])
    assert built.exit_code == 0 and "sameAs" not in built.stderr  # no links yet: nothing to say
    assert runner.invoke(app, ["entities", "--duplicates", "--link", "--store", str(store_dir)]).exit_code == 0
    more = runner.invoke(app, ["build", str(tmp_path / "c.txt"), "--store", str(store_dir), "--workers", "1"])
    assert more.exit_code == 0 and "entities --duplicates --link" in more.stderr
    removed = runner.invoke(app, ["remove", "c", "--store", str(store_dir)])
    assert removed.exit_code == 0 and "entities --duplicates --link" in removed.stderr
