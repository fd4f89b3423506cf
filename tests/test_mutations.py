"""No report makes the reading fail: every corpus document, and seeded mutations of
them (a section dropped, lines shuffled or cut in the middle of a number, a figure
replaced by 0, a change of −100% or +100000%, full-width digits, 元 for 万元), go
through `etl add`'s reading (preview) and a build without an exception other than a
typed refusal, and the warehouse a build leaves is valid (hypothesis; small runs for CI
time)."""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl import add
from etl.add import AddError
from etl.build import BuildError, build
from etl.documents import DocumentError
from etl.intake import read_upload

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
DOCUMENTS = sorted(p for p in CORPUS.rglob("*.txt") if p.is_file())
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_FULLWIDTH = str.maketrans("0123456789.%", "０１２３４５６７８９．％")


def _drop_section(lines: list[str], rng: random.Random) -> list[str]:
    heads = [i for i, line in enumerate(lines) if re.match(r"\s*[一二三四五六七八九十]{1,2}、", line)]
    if len(heads) < 2:
        return lines
    start = rng.choice(heads[:-1])
    end = heads[heads.index(start) + 1]
    return lines[:start] + lines[end:]


def _shuffle(lines: list[str], rng: random.Random) -> list[str]:
    shuffled = list(lines)
    rng.shuffle(shuffled)
    return shuffled


def _cut_in_a_number(lines: list[str], rng: random.Random) -> list[str]:
    text = "\n".join(lines)
    found = list(_NUMBER.finditer(text))
    if not found:
        return lines
    number = rng.choice(found)
    cut = number.start() + max(1, len(number.group(0)) // 2)
    return text[:cut].splitlines()


def _zero(lines: list[str], rng: random.Random) -> list[str]:
    text = "\n".join(lines)
    found = [m for m in _NUMBER.finditer(text) if "万元" in text[m.end():m.end() + 3] or "%" in text[m.end():m.end() + 2]]
    for number in rng.sample(found, min(5, len(found))):
        text = text[:number.start()] + "0".rjust(len(number.group(0))) + text[number.end():]
    return text.splitlines()


def _extreme_change(lines: list[str], rng: random.Random) -> list[str]:
    text = "\n".join(lines)
    text = re.sub(r"(增长|增加|提高)\s*\d[\d,.]*\s*%", lambda m: m.group(1) + "100000%", text)
    text = re.sub(r"(下降|减少|降低)\s*\d[\d,.]*\s*%", lambda m: m.group(1) + "100%", text)
    return text.splitlines()


def _fullwidth(lines: list[str], rng: random.Random) -> list[str]:
    return [line.translate(_FULLWIDTH) if rng.random() < 0.5 else line for line in lines]


def _yuan(lines: list[str], rng: random.Random) -> list[str]:
    return [line.replace("万元", "元") for line in lines]


MUTATIONS = {"none": lambda lines, rng: lines, "drop_section": _drop_section, "shuffle": _shuffle,
             "cut_in_a_number": _cut_in_a_number, "zero": _zero, "extreme_change": _extreme_change,
             "fullwidth": _fullwidth, "yuan": _yuan}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("mutations")
    shutil.copytree(Path(__file__).resolve().parent.parent / "data" / "raw", root / "raw")
    shutil.copy(Path(__file__).resolve().parent.parent / "data" / "manifest.csv", root / "manifest.csv")
    return root


def _preview(site: Path, name: str, text: str):
    upload = read_upload(name, text.encode("utf-8"))
    return add.preview(upload, raw_dir=site / "raw", manifest_path=site / "manifest.csv")


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_every_corpus_document_is_read_without_an_exception(site, path):
    preview = _preview(site, path.name, path.read_text(encoding="utf-8"))
    assert preview.document.year and preview.document.district


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(index=st.integers(0, len(DOCUMENTS) - 1), mutation=st.sampled_from(sorted(MUTATIONS)), seed=st.integers(0, 10**6))
def test_a_mutated_report_is_read_or_refused_never_crashes(site, index, mutation, seed):
    path = DOCUMENTS[index]
    lines = MUTATIONS[mutation](path.read_text(encoding="utf-8").splitlines(), random.Random(seed))
    try:
        preview = _preview(site, path.name, "\n".join(lines) + "\n")
    except (DocumentError, AddError):
        return  # refused with a message: nothing lost
    for observation in preview.observations:
        assert observation.value == observation.value  # not NaN
        assert 1 <= observation.line <= len(preview.document.lines)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                HealthCheck.function_scoped_fixture])
@given(indexes=st.lists(st.integers(0, len(DOCUMENTS) - 1), min_size=1, max_size=3, unique=True),
       mutation=st.sampled_from(sorted(MUTATIONS)), seed=st.integers(0, 10**6))
def test_a_build_of_mutated_reports_leaves_a_valid_warehouse(tmp_path_factory, indexes, mutation, seed):
    folder = tmp_path_factory.mktemp("build")
    raw = folder / "raw"
    raw.mkdir()
    rng = random.Random(seed)
    for index in indexes:
        path = DOCUMENTS[index]
        lines = MUTATIONS[mutation](path.read_text(encoding="utf-8").splitlines(), rng)
        (raw / path.name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = folder / "w.duckdb"
    try:
        summary = build(db_path=db, raw_dir=raw, manifest_path=folder / "manifest.csv",
                        decisions_path=folder / "decisions.csv", skip_bad=True)
    except BuildError:
        assert not db.exists()  # a failed build leaves nothing half-written
        return
    with duckdb.connect(str(db), read_only=True) as con:
        documents = con.execute("select count(*) from documents").fetchone()[0]
        orphans = con.execute("select count(*) from kpi_values v left join documents d using (doc_id) "
                              "where d.doc_id is null").fetchone()[0]
    assert (documents, orphans) == (summary.documents, 0)
