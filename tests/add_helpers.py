"""Shared by the tests of adding a report: a copy of the reports, the manifest and
a warehouse built from them in a temporary folder (a "site"), a snapshot of every
byte of it, and a new district's report made from a real one; and the other
warehouses pages are tested on (the self-evaluations alone, the corpus added)."""

from __future__ import annotations

import csv
import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path

from etl.build import MANIFEST, RAW, build

BAIYUN = RAW / "001_44badf8aae7bb0c1.txt"
CORPUS = Path(__file__).parent / "corpus"
CORPUS_REPORTS = ("putuo_finance_2024_final_accounts.txt", "pingtan_approval_2016_final_accounts.txt",
                  "putuo_govoffice_2025_budget.txt")


def tianhe_report() -> bytes:
    """白云's 2021 self-evaluation with the district changed to 天河 throughout:
    a report of a district the warehouse does not have yet."""
    return report_of("天河")


def report_of(district: str) -> bytes:
    """白云's 2021 self-evaluation with the district changed throughout."""
    return BAIYUN.read_text(encoding="utf-8").replace("白云", district).encode()


@dataclass(frozen=True)
class Site:
    """A raw folder, manifest and warehouse of their own, as the app and the
    command line see them through ZHENGSHU_RAW, ZHENGSHU_MANIFEST and ZHENGSHU_DB."""

    root: Path

    @property
    def raw(self) -> Path:
        return self.root / "raw"

    @property
    def manifest(self) -> Path:
        return self.root / "manifest.csv"

    @property
    def db(self) -> Path:
        return self.root / "warehouse.duckdb"

    @property
    def decisions(self) -> Path:
        return self.root / "decisions.csv"

    def env(self) -> dict[str, str]:
        return {"ZHENGSHU_RAW": str(self.raw), "ZHENGSHU_MANIFEST": str(self.manifest), "ZHENGSHU_DB": str(self.db),
                "ZHENGSHU_DECISIONS": str(self.decisions)}

    def cli(self) -> list[str]:
        return ["--raw", str(self.raw), "--manifest", str(self.manifest), "--db", str(self.db),
                "--decisions", str(self.decisions)]


def built_site(folder: Path) -> Site:
    """The five real reports, their manifest and a warehouse built from them."""
    site = Site(folder)
    shutil.copytree(RAW, site.raw)
    for path in site.raw.iterdir():
        path.chmod(0o644)
    shutil.copy(MANIFEST, site.manifest)
    build(db_path=site.db, raw_dir=site.raw, manifest_path=site.manifest, decisions_path=site.decisions)
    return site


def copy_site(template: Site, folder: Path) -> Site:
    shutil.copytree(template.root, folder)
    return Site(folder)


def site_fixtures() -> tuple:
    """A test module's `template` fixture (the five reports built once per module) and its
    `site` fixture (a fresh copy of it for each test): `template, site = site_fixtures()`."""
    import pytest

    @pytest.fixture(scope="module")
    def template(tmp_path_factory: pytest.TempPathFactory) -> Site:
        return built_site(tmp_path_factory.mktemp("template") / "site")

    @pytest.fixture
    def site(template: Site, tmp_path: Path) -> Site:
        return copy_site(template, tmp_path / "site")

    return template, site


def served_site_fixtures(name: str) -> tuple:
    """A browser test module's `site` fixture (the five reports built once, in a folder
    named `name`) and its `app_url` fixture (`streamlit run streamlit_app.py` on a free
    loopback port, on that site): `site, app_url = served_site_fixtures("browser_add")`."""
    import pytest

    from dashboard.serving import STREAMLIT_APP, served

    @pytest.fixture(scope="module")
    def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
        return built_site(tmp_path_factory.mktemp(name) / "site")

    @pytest.fixture(scope="module")
    def app_url(site: Site):
        with served(STREAMLIT_APP, site.env()) as app:
            yield app.url

    return site, app_url


def snapshot(site: Site) -> dict[str, str]:
    """sha256 of every file under the site, hidden ones included (a leftover
    temporary file is a change too)."""
    return {str(path.relative_to(site.root)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(site.root.rglob("*")) if path.is_file()}


def warehouse_of(folder: Path, kinds: tuple[str, ...] | None = None, corpus: bool = False,
                 extra: tuple[tuple[str, str, int, str], ...] = ()) -> Path:
    """A warehouse built in `folder` from the sources of these kinds (None: all), plus
    the three corpus reports (not in the manifest: their district, year and kind are
    read from the text) when `corpus`, plus `extra` files already in folder/raw, given
    as (file, district, year, kind)."""
    (folder / "raw").mkdir(parents=True, exist_ok=True)
    with MANIFEST.open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if kinds is None or row["kind"] in kinds]
    for row in rows:
        shutil.copy(RAW / row["file"], folder / "raw" / row["file"])
    for name in CORPUS_REPORTS if corpus else ():
        shutil.copy(CORPUS / name, folder / "raw" / name)
    with (folder / "manifest.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
        writer.writerows({"doc_id": Path(file).stem, "file": file, "district": district, "district_full": "",
                          "year": year, "kind": kind, "title": "", "sha256": ""} for file, district, year, kind in extra)
    summary = build(db_path=folder / "w.duckdb", raw_dir=folder / "raw", manifest_path=folder / "manifest.csv")
    assert summary.documents == len(rows) + (len(CORPUS_REPORTS) if corpus else 0) + len(extra)
    return folder / "w.duckdb"


def budget_beside_final(folder: Path, budget_issuer: str) -> Path:
    """A warehouse of the two real 普陀 documents, the 2025 部门预算 given the 决算's year
    (2024) and `budget_issuer` as its issuing body in the manifest: a person's
    correction, so that a budget and final accounts of one district-year exist. The
    figures are the documents' own; the pairing is the test's (they are different
    bureaus' reports: 政府办公室's budget, 财政局's final accounts)."""
    (folder / "raw").mkdir(parents=True)
    rows = [{"doc_id": "final_2024", "file": "final_2024.txt", "district": "普陀", "district_full": "上海市普陀区",
             "year": "2024", "kind": "final_accounts", "title": "", "sha256": ""},
            {"doc_id": "budget_as_2024", "file": "budget_as_2024.txt", "district": "普陀", "district_full": budget_issuer,
             "year": "2024", "kind": "budget", "title": "", "sha256": ""}]
    shutil.copy(CORPUS / "putuo_finance_2024_final_accounts.txt", folder / "raw" / "final_2024.txt")
    shutil.copy(CORPUS / "putuo_govoffice_2025_budget.txt", folder / "raw" / "budget_as_2024.txt")
    with (folder / "manifest.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    build(db_path=folder / "w.duckdb", raw_dir=folder / "raw", manifest_path=folder / "manifest.csv")
    return folder / "w.duckdb"
