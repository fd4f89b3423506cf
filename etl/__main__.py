"""Command line: `python -m etl build [--db PATH] [--raw DIR] [--skip-bad]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from etl.build import DEFAULT_DB, MANIFEST, RAW, BuildError, build


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m etl", description="政务服务数据管理局报告 → DuckDB 仓库")
    commands = parser.add_subparsers(dest="command", required=True)
    build_cmd = commands.add_parser("build", help="build the warehouse from data/raw")
    build_cmd.add_argument("--db", type=Path, default=DEFAULT_DB, help=f"warehouse file (default {DEFAULT_DB})")
    build_cmd.add_argument("--raw", type=Path, default=RAW, help="folder of report files")
    build_cmd.add_argument("--manifest", type=Path, default=MANIFEST, help="manifest CSV")
    build_cmd.add_argument("--skip-bad", action="store_true", help="build from the good files, report the bad ones")
    args = parser.parse_args(argv)

    if args.command == "build":
        try:
            summary = build(db_path=args.db, raw_dir=args.raw, manifest_path=args.manifest, skip_bad=args.skip_bad)
        except BuildError as error:
            print(f"错误 error: {error}", file=sys.stderr)
            return 1
        print(summary.text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
