"""Command line: `python -m etl build [--db PATH] [--raw DIR] [--skip-bad] [--workers N] [--engine dask [--scheduler ADDRESS]]`;
`python -m etl add FILE [FILE …]|ADDRESS [--attachments] [--district 天河] [--year 2022] [--kind self_evaluation] [--decide D.csv] [--yes]
[--by NAME]`;
`python -m etl decide D.csv [--by NAME]` (a person's decisions about loaded reports' figures, replayed: see etl/decisions.py);
`python -m etl export --format datapackage|parquet --out DIR [--db PATH]` (the warehouse as open data: see etl/open_data.py)."""

from __future__ import annotations

import argparse
import csv
import importlib.util
import sys
from pathlib import Path

import duckdb

from etl import access, add, fetch, intake, open_data
from etl import decisions as review
from etl.build import CATALOG, DEFAULT_DB, MANIFEST, RAW, BuildError, build, catalog_units
from etl.documents import DocumentError, load_manifest
from etl.fanout import ENGINES, default_workers
from etl.text import exact_number


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m etl", description="政务服务数据管理局报告 → DuckDB 仓库")
    commands = parser.add_subparsers(dest="command", required=True)
    build_cmd = commands.add_parser("build", help="build the warehouse from data/raw")
    build_cmd.add_argument("--db", type=Path, default=DEFAULT_DB, help=f"warehouse file (default {DEFAULT_DB})")
    build_cmd.add_argument("--raw", type=Path, default=RAW, help="folder of report files")
    build_cmd.add_argument("--manifest", type=Path, default=MANIFEST, help="manifest CSV")
    build_cmd.add_argument("--skip-bad", action="store_true", help="build from the good files, report the bad ones")
    build_cmd.add_argument("--decisions", type=Path, default=review.DECISIONS, help="a person's decisions about figures")
    build_cmd.add_argument("--workers", type=positive, default=default_workers(),
                           help=f"processes reading and extracting the reports (default: the machine's cores, {default_workers()})")
    build_cmd.add_argument("--engine", choices=ENGINES, default="local",
                           help="local: a pool of --workers processes; dask: a Dask cluster (pip install '.[cluster]')")
    build_cmd.add_argument("--scheduler", metavar="ADDRESS",
                           help="with --engine dask: the scheduler of a running cluster, e.g. tcp://10.0.0.5:8786 "
                                "(default: a local cluster of --workers processes)")
    add_cmd = commands.add_parser("add", help="add one report (.txt/.md/.pdf/.docx, spreadsheets .xlsx/.xls/.ods/.et; "
                                  "several files of one report as one document): show what was found, confirm, load")
    add_cmd.add_argument("file", nargs="+", help="the report file, or its address (http:// or https://: fetched, see "
                         "etl/fetch.py); several files of one report (its text and its tables) are read as one document")
    add_cmd.add_argument("--attachments", action="store_true",
                         help="with an address of a web page: also fetch its spreadsheets and PDFs on the same host, as one document")
    add_cmd.add_argument("--district", help="correct the district (one of the 11 Guangzhou districts, e.g. 天河)")
    add_cmd.add_argument("--year", help="correct the year")
    add_cmd.add_argument("--kind", help="correct the kind: self_evaluation, final_accounts or project_targets")
    add_cmd.add_argument("--decide", type=Path, help="a CSV of decisions about this report's figures (columns as in "
                         "data/decisions.csv, sha256 left empty): accept, correct, reject, add")
    add_cmd.add_argument("--yes", action="store_true", help="add without asking")
    add_cmd.add_argument("--decisions", type=Path, default=review.DECISIONS, help="the decisions file")
    decide_cmd = commands.add_parser("decide", help="keep decisions about loaded reports' figures and rebuild")
    for command in (add_cmd, decide_cmd):
        command.add_argument("--by", metavar="NAME", help="who adds or decides, recorded as added_by / decided_by "
                             "(default: the operating-system user)")
    decide_cmd.add_argument("file", type=Path, help="a CSV of decisions; each row names its report by sha256 or doc_id")
    for command in (decide_cmd,):
        command.add_argument("--db", type=Path, default=DEFAULT_DB, help=f"warehouse file (default {DEFAULT_DB})")
        command.add_argument("--raw", type=Path, default=RAW, help="folder of report files")
        command.add_argument("--manifest", type=Path, default=MANIFEST, help="manifest CSV")
        command.add_argument("--decisions", type=Path, default=review.DECISIONS, help="the decisions file")
    add_cmd.add_argument("--db", type=Path, default=DEFAULT_DB, help=f"warehouse file (default {DEFAULT_DB})")
    add_cmd.add_argument("--raw", type=Path, default=RAW, help="folder of report files")
    add_cmd.add_argument("--manifest", type=Path, default=MANIFEST, help="manifest CSV")
    export_cmd = commands.add_parser("export", help="write the warehouse as open data: a Frictionless Data Package "
                                     "(CSV + datapackage.json) or Parquet partitioned by district and year")
    export_cmd.add_argument("--format", choices=("datapackage", "parquet"), required=True, help="what to write")
    export_cmd.add_argument("--out", type=Path, required=True, help="the folder to write into")
    export_cmd.add_argument("--db", type=Path, default=DEFAULT_DB, help=f"warehouse file (default {DEFAULT_DB})")
    args = parser.parse_args(argv)

    if args.command == "add":
        return add_command(args)
    if args.command == "decide":
        return decide_command(args)
    if args.command == "export":
        return export_command(args)

    if args.command == "build":
        if args.scheduler and args.engine != "dask":
            build_cmd.error("--scheduler goes with --engine dask")
        if args.engine == "dask" and importlib.util.find_spec("distributed") is None:
            build_cmd.error("--engine dask needs Dask: .venv/bin/pip install -e '.[cluster]'")
        try:
            summary = build(db_path=args.db, raw_dir=args.raw, manifest_path=args.manifest, skip_bad=args.skip_bad,
                            decisions_path=args.decisions, workers=args.workers, engine=args.engine,
                            scheduler=args.scheduler)
        except BuildError as error:
            print(f"错误 error: {error}", file=sys.stderr)
            return 1
        print(summary.text())
    return 0


def positive(text: str) -> int:
    """A whole number of at least 1 (argparse type)."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"not a whole number of at least 1: {text!r}")
    return int(text)


def export_command(args: argparse.Namespace) -> int:
    """Write the warehouse as open data; the warehouse is only read."""
    try:
        if args.format == "datapackage":
            descriptor = open_data.export_datapackage(args.db, args.out)
            print(f"已写出 wrote: {descriptor}（{len(open_data.PACKAGE_TABLES)} 个资源 resources, CSV in "
                  f"{descriptor.parent / open_data.DATA_FOLDER}）")
        else:
            written = open_data.export_parquet(args.db, args.out)
            print(f"已写出 wrote: {len(written)} 张表 tables, {sum(written.values())} 行 rows, Parquet in {args.out}")
    except open_data.ExportError as error:
        print(f"错误 error: {error}", file=sys.stderr)
        return 1
    except (OSError, duckdb.IOException) as error:
        print(f"错误 error: 无法写入 {args.out} (cannot write {args.out}): {error}", file=sys.stderr)
        return 1
    return 0


def describe(preview: add.Preview) -> str:
    """The preview as text: what the report is, each KPI with its line and quote."""
    with CATALOG.open(encoding="utf-8", newline="") as handle:
        names = {row["kpi_id"]: row["name_zh"] for row in csv.DictReader(handle)}
    doc = preview.document
    lines = [
        f"文件 file: {preview.upload.source or preview.upload.name}（{preview.upload.source_format}）",
        f"区 district: {doc.district} · 年份 year: {doc.year} · 类型 kind: {doc.kind} · 机构 bureau: {doc.bureau or '未写明 not named'}",
        f"标题 title: {doc.title}",
        f"找到 {len(preview.observations)} 个指标数字 ({len(preview.observations)} KPI figures found):",
    ]
    for obs in preview.observations:
        period = f" {obs.period}" if obs.period else ""
        qualifier = f"{obs.qualifier} " if obs.qualifier else ""
        scan = " 识别自扫描件，待核对 read from a scan, to be reviewed" if obs.line in doc.ocr_lines else ""
        lines.append(f"  {names.get(obs.kpi_id, obs.kpi_id)} {obs.kpi_id} = {qualifier}{exact_number(obs.value)} {obs.unit}"
                     f" [{obs.kind}{period}] 第 {obs.line} 行 (line {obs.line}){scan}")
        lines.append(f"      “{obs.quote}”")
    if preview.candidates:
        lines.append(f"可能漏掉的数字 possible figures no rule took ({len(preview.candidates)}, not loaded; "
                     "add one with --decide):")
        for candidate in preview.candidates:
            period = f" {candidate.period}" if candidate.period else ""
            lines.append(f"  ? {names.get(candidate.kpi_id, candidate.kpi_id)} {candidate.kpi_id} = {exact_number(candidate.value)} "
                         f"{candidate.unit} [{candidate.role}{period}] 第 {candidate.line} 行 (line {candidate.line}) "
                         f"“{candidate.quote}” ({candidate.why})")
    if preview.budget_lines:
        lines.append(f"预算科目 budget lines ({len(preview.budget_lines)}, 万元):")
        lines += [f"  {row['code']} {row['name']} {exact_number(row['value']) if row['value'] is not None else ''} "
                  f"[{row['column_name']}] 第 {row['line']} 行 (line {row['line']})" for row in preview.budget_lines]
        lines += [f"  核对 check {'通过 passed' if c['passed'] else '未通过 failed'}: {c['subject']} 第 {c['line']} 行 (line "
                  f"{c['line']}): 算得 computed {exact_number(c['actual'])}, 文件写 stated {exact_number(c['expected'])}"
                  for c in preview.table_checks]
    if preview.table_rows:
        lines.append("其他表 other tables: " + ", ".join(f"{name} {count}" for name, count in preview.table_rows.items()))
    lines += [f"提示 note: {zh} ({en})" for zh, en in preview.notes]
    return "\n".join(lines)


def add_command(args: argparse.Namespace) -> int:
    """Preview one report, ask (unless --yes), then load it; nothing changes on 'no' or on error."""
    try:
        if len(args.file) == 1 and fetch.is_address(args.file[0]):  # http(s):// fetched; file://, ftp:// … refused there
            upload = fetch.fetch_upload(args.file[0], attachments=args.attachments)
        else:
            upload = read_files([Path(name) for name in args.file])
        preview = add.preview(upload, district=args.district, year=args.year, kind=args.kind,
                              raw_dir=args.raw, manifest_path=args.manifest)
        decided = read_decisions(args.decide, {"": upload.sha256}) if args.decide else []
    except (DocumentError, add.AddError, review.DecisionError) as error:
        print(f"错误 error: {add.message(error, 'zh')}\n            {add.message(error, 'en')}", file=sys.stderr)
        return 1
    print(describe(preview))
    if not args.yes:
        try:
            answer = input("确认添加？输入 y 确认 (add it? type y to confirm) [y/N]: ")
        except EOFError:
            answer = ""
        if answer.strip().lower() not in ("y", "yes", "是"):
            print("已取消，未做任何改动 (cancelled; nothing changed)")
            return 1
    try:
        added = add.accept(preview, raw_dir=args.raw, manifest_path=args.manifest, db_path=args.db, decided=decided,
                           decisions_path=args.decisions, by=access.cli_writer(args.by))
    except (DocumentError, add.AddError, access.Refused) as error:
        print(f"错误 error: {add.message(error, 'zh')}\n            {add.message(error, 'en')}", file=sys.stderr)
        return 1
    print(f"已添加 added: {added.file}（{added.district} {added.year} {added.kind}）")
    print(added.summary.text())
    return 0


def read_files(paths: list[Path]) -> intake.Upload:
    """One report from one file, or from several as one document (etl.intake.read_uploads);
    each file must exist and is checked for size before it is read."""
    for path in paths:
        if not path.is_file():
            raise add.AddError(f"找不到文件 {path}", f"no such file: {path}")
        intake.refuse_oversized(path.name, path.stat().st_size)
    return intake.read_uploads([(path.name, path.read_bytes()) for path in paths])


def read_decisions(path: Path, sha_by_doc: dict[str, str]) -> list[review.Decision]:
    """A decisions CSV; a row without sha256 names its report by doc_id (sha_by_doc;
    the key "" is the report being added)."""
    if not path.is_file():
        raise review.DecisionError(f"找不到文件 {path} (no such file)")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for number, row in enumerate(rows, start=2):
        if not (row.get("sha256") or "").strip():
            doc = (row.get("doc_id") or "").strip()
            if doc not in sha_by_doc:
                raise review.DecisionError(f"{path.name}:{number}: 没有 sha256，doc_id「{doc}」也不是已载入的报告 "
                                           f"(no sha256, and doc_id {doc!r} is not a loaded report)")
            row["sha256"] = sha_by_doc[doc]
    return review.parse(rows, path.name, set(catalog_units()))


def decide_command(args: argparse.Namespace) -> int:
    """Keep a person's decisions about loaded reports and rebuild; nothing changes on error."""
    try:
        manifest = load_manifest(args.manifest)
        decided = read_decisions(args.file, {row["doc_id"]: row["sha256"] for row in manifest.values()})
        summary = add.decide(decided, raw_dir=args.raw, manifest_path=args.manifest, db_path=args.db,
                             decisions_path=args.decisions, by=access.cli_writer(args.by))
    except (review.DecisionError, add.AddError, access.Refused) as error:
        print(f"错误 error: {error}", file=sys.stderr)
        return 1
    print(f"已保存 {len(decided)} 个决定 (kept {len(decided)} decisions) in {args.decisions}")
    print(summary.text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
