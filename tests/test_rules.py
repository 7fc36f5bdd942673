"""Rule files: every shipped file loads into its typed table; each kind of mistake in a file is
one line naming the file, the line and the field; POLICYKG_RULES_DIR replaces shipped files,
and the command line stops with exit code 2 on a broken one."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from policykg.errors import PolicyKGError, RuleFileError
from policykg.extract import layout, ruledata
from policykg.extract.ruledata import (JSON_TABLES, LINE_FILES, RULES_DIR, RULES_ENV, MeasureCues,
                                       RelationCues, load_all, read_lines, read_table, rule_path)
from policykg.samples import sample_path


def test_every_rule_file_loads_into_its_typed_table():
    load_all()
    shipped = {p.name for p in RULES_DIR.iterdir() if p.is_file()} - {"entity_pipeline.cfg"}  # spaCy's config
    assert shipped == set(JSON_TABLES) | set(LINE_FILES)  # every file declared, every declared file shipped
    cues = ruledata.relation_cues()
    assert isinstance(cues, RelationCues) and len(cues.cues) > 50 and cues.cues[0].head.types
    assert all(c.types for c in cues.contexts)  # a context without types holds its own kind
    assert isinstance(ruledata.measure_cues(), MeasureCues) and "亿" in ruledata.measure_cues().magnitudes
    assert "来源" in ruledata.reading().meta_labels
    assert ruledata.divisions().province_abbreviations["湖南省"] == ("湘",)
    for name in LINE_FILES:
        assert ruledata.load_lines(name), name


def test_the_measure_table_knows_the_block_kinds_of_the_reader():
    assert ruledata.SENTENCE_KINDS == (layout.HEADLINE, layout.DECK, layout.HEADING, layout.BODY,
                                       layout.BYLINE, layout.CAPTION, layout.META)


# ---------------------------------------------------------------- malformed JSON files

def _broken(tmp_path: Path, name: str, old: str, new: str, count: int = 1) -> tuple[Path, int]:
    """A copy of a shipped file with ``old`` (its first occurrence) replaced; the line it is on."""
    text = (RULES_DIR / name).read_text(encoding="utf-8")
    assert old in text, old
    line = text[:text.index(old)].count("\n") + 1
    path = tmp_path / name
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return path, line


def _first_cue(field: str) -> str:
    """The text of a field of the first cue, as the shipped file spells it."""
    cue = json.loads((RULES_DIR / "relation_cues.json").read_text(encoding="utf-8"))["cues"][0]
    return f'"{field}": {json.dumps(cue[field], ensure_ascii=False)}'


CUE_MISTAKES = [
    # (what, old, new, field, message)
    ("unknown key", '"confidence": 0.9', '"confidnce": 0.9', "cues[0].confidnce",
     "unknown key; did you mean 'confidence'?"),
    ("wrong type", '"confidence": 0.9', '"confidence": "high"', "cues[0].confidence", "expected a number, got a string"),
    ("wrong type of a flag", '"paragraph_start": true', '"paragraph_start": "yes"', "contexts[1].paragraph_start",
     "expected true or false, got a string"),
    ("unknown entity type", '"Enterprise"', '"Enterpise"', "cues[0].head.types[0]",
     "unknown entity type 'Enterpise'; did you mean 'Enterprise'?"),
    ("unknown relation", '"relation": "leads"', '"relation": "lead"', "cues[0].relation",
     "unknown relation 'lead'; did you mean 'leads'?"),
    ("forbidden head type", '"Enterprise"', '"Place"', "cues[0].head.types[0]",
     "a Place cannot be the head of leads with Cluster (Enterprise → Cluster)"),
    ("unknown pick", '"pick": "first"', '"pick": "firts"', "cues[0].tail.pick", "'firts' is none of"),
    ("unknown role", '"role": "city"', '"role": "town"', ".role", "'town' is none of"),
    ("key given twice", '"confidence": 0.9', '"confidence": 0.9, "confidence": 0.8', "cues[0].confidence",
     "key given twice"),
]


@pytest.mark.parametrize("what, old, new, field, message", CUE_MISTAKES, ids=[m[0] for m in CUE_MISTAKES])
def test_a_mistake_in_the_relation_cues_is_one_line_with_file_line_and_field(tmp_path, what, old, new, field, message):
    path, line = _broken(tmp_path, "relation_cues.json", old, new)
    with pytest.raises(RuleFileError) as info:
        read_table(path, RelationCues)
    text = str(info.value)
    assert "\n" not in text and isinstance(info.value, PolicyKGError)
    assert text.startswith(f"{path}:{line}: "), text
    assert field in info.value.field and message in info.value.reason, text


def test_a_missing_key_names_the_object_that_lacks_it(tmp_path):
    pattern = _first_cue("pattern")
    path, line = _broken(tmp_path, "relation_cues.json", pattern + ",", "")
    with pytest.raises(RuleFileError, match=r"cues\[0\]: missing key 'pattern'") as info:
        read_table(path, RelationCues)
    assert info.value.line is not None and info.value.line < line  # the line where the cue opens


@pytest.mark.parametrize("new, message", [
    ('"pattern": "(?P<head>[^，。；]*?)(?:领衔|牵头)(?P<tail>[^，。；]*"', "bad regex: missing ), unterminated subpattern"),
    ('"pattern": "(?P<head>{ENT})(?:领衔|牵头)(?P<tail>[^，。；]*)"', "unknown placeholder {ENT}"),
    ('"pattern": "(?P<head>[^，。；]*?)(?:领衔|牵头)(?P<tial>[^，。；]*)"', "no group (?P<tail>…)"),
])
def test_a_bad_cue_pattern_is_one_line(tmp_path, new, message):
    path, line = _broken(tmp_path, "relation_cues.json",
                         '"pattern": "(?P<head>[^，。；]*?)(?:领衔|牵头)(?:组建|打造|建设)?(?P<tail>[^，。；]*)"', new)
    with pytest.raises(RuleFileError) as info:
        read_table(path, RelationCues)
    assert str(info.value).startswith(f"{path}:{line}: cues[1].pattern: ") and message in str(info.value)


def test_a_measure_regex_without_the_groups_the_code_reads_is_refused(tmp_path):
    path, line = _broken(tmp_path, "measure_cues.json", "(?P<scope>全国", "(?P<area>全国")
    with pytest.raises(RuleFileError, match=r"other_scope_regex: the regex has no group \(\?P<scope>…\)") as info:
        read_table(path, MeasureCues)
    assert info.value.line == line
    path, line = _broken(tmp_path, "measure_cues.json", '"magnitudes": [', '"magnitudes": "万亿", "_was": [')
    with pytest.raises(RuleFileError, match="magnitudes: expected a list, got a string"):
        read_table(path, MeasureCues)


def test_invalid_json_is_one_line_with_its_line(tmp_path):
    path, line = _broken(tmp_path, "reading.json", '"byline_prefixes"', "byline_prefixes")
    with pytest.raises(RuleFileError, match="not valid JSON") as info:
        read_table(path, ruledata.Reading)
    assert info.value.line == line and "\n" not in str(info.value)


# ---------------------------------------------------------------- malformed text and TSV files

@pytest.mark.parametrize("name, line_text, column, message", [
    ("entity_suffixes.tsv", "高新区\tPrak\tstrong", "type", "unknown entity type 'Prak'; did you mean 'Park'?"),
    ("entity_suffixes.tsv", "高新区\tPark", "strength", "missing column"),
    ("entity_suffixes.tsv", "高新区\tPark\tstorng", "strength", "'storng' is none of"),
    ("entity_left_cues.tsv", "以\tstrong\textra", "line", "3 tab-separated columns, expected 2"),
    ("entity_enterprise_cues.tsv", "龙头\t(?P<items>[^，]+\tyes", "pattern", "bad regex"),
    ("entity_enterprise_cues.tsv", "龙头\t(?P<names>[^，]+)\tyes", "pattern", "no group (?P<items>…)"),
    ("entity_enumeration_heads.tsv", "产业集群\tIndustry\tname\tmaybe", "count_only", "neither yes nor no"),
    ("entity_person_titles.txt", "院士\t教授", "line", "2 tab-separated columns, expected 1"),
])
def test_a_mistake_in_a_tsv_file_is_one_line_with_file_line_and_column(tmp_path, name, line_text, column, message):
    text = (RULES_DIR / name).read_text(encoding="utf-8")
    path = tmp_path / name
    path.write_text(text + line_text + "\n", encoding="utf-8")
    with pytest.raises(RuleFileError) as info:
        read_lines(path, LINE_FILES[name])
    line = len(text.splitlines()) + 1
    assert str(info.value).startswith(f"{path}:{line}: {column}: "), str(info.value)
    assert message in info.value.reason and "\n" not in str(info.value)


# ---------------------------------------------------------------- POLICYKG_RULES_DIR

def test_the_rules_dir_replaces_shipped_files_by_name_and_refuses_strays(tmp_path, monkeypatch):
    (tmp_path / "entity_countries.txt").write_text("# mine\n火星\n", encoding="utf-8")
    monkeypatch.setenv(RULES_ENV, str(tmp_path))
    assert rule_path("entity_countries.txt") == tmp_path / "entity_countries.txt"
    assert rule_path("entity_regions.txt") == RULES_DIR / "entity_regions.txt"
    assert ruledata.load_lines("entity_countries.txt") == ("火星",)
    (tmp_path / "relation_cue.json").write_text("{}", encoding="utf-8")  # misspelt: replaces nothing
    with pytest.raises(RuleFileError, match="relation_cue.json: not a rule file of policykg"):
        rule_path("entity_countries.txt")
    monkeypatch.setenv(RULES_ENV, str(tmp_path / "nowhere"))
    with pytest.raises(RuleFileError, match="POLICYKG_RULES_DIR names no directory"):
        rule_path("entity_countries.txt")
    monkeypatch.delenv(RULES_ENV)
    assert ruledata.load_lines("entity_countries.txt")[0] != "火星"


def _cli(rules: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, RULES_ENV: str(rules)}
    return subprocess.run([sys.executable, "-m", "policykg", *args], capture_output=True, text=True,
                          timeout=120, env=env, cwd=Path(__file__).resolve().parents[1])


def test_a_broken_rule_file_stops_the_command_line_with_one_line_and_exit_code_2(tmp_path):
    path, line = _broken(tmp_path, "relation_cues.json", '"Enterprise"', '"Enterpise"')
    proc = _cli(tmp_path, "extract", str(sample_path()))
    assert proc.returncode == 2, proc.stderr
    assert proc.stdout == "" and "Traceback" not in proc.stderr
    assert proc.stderr.strip().splitlines() == [
        f"error: {path}:{line}: cues[0].head.types[0]: unknown entity type 'Enterpise'; did you mean 'Enterprise'? "
        f"(known: Enterprise, Park, Cluster, Zone, Plan, Agency, Place, Institution, Person, Industry)"]


def test_a_good_replacement_changes_the_extraction(tmp_path):
    """Custom rules: a copy of the relation cues without the leads cues finds no leads."""
    data = json.loads((RULES_DIR / "relation_cues.json").read_text(encoding="utf-8"))
    data["cues"] = [c for c in data["cues"] if c["relation"] != "leads"]
    (tmp_path / "relation_cues.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    proc = _cli(tmp_path, "extract", str(sample_path()))
    assert proc.returncode == 0, proc.stderr
    relations = {r["relation"] for r in json.loads(proc.stdout)["relations"]}
    assert "leads" not in relations and "locatedIn" in relations
