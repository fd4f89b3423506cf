"""`python -m dashboard editors add|remove|list [NAME]`: the local editor list (etl.editors),
kept outside the repository. A password is asked twice without echo, or read from the
first line of standard input with --password-stdin (for a script); it is never an argument,
so it never appears in a shell's history or the process list."""

from __future__ import annotations

import argparse
import getpass
import sys

from etl import editors


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard editors",
                                     description="编辑者名单 the people who may add reports and decide about figures")
    commands = parser.add_subparsers(dest="command", required=True)
    add = commands.add_parser("add", help="add an editor, or give a listed one a new password")
    add.add_argument("name")
    add.add_argument("--password-stdin", action="store_true", help="read the password from standard input's first line")
    commands.add_parser("remove", help="take an editor off the list").add_argument("name")
    commands.add_parser("list", help="the editors' names")
    args = parser.parse_args(argv)
    try:
        if args.command == "add":
            if args.password_stdin:
                password = sys.stdin.readline().rstrip("\r\n")
            else:
                password = getpass.getpass(f"{args.name} 的密码 (password): ")
                if getpass.getpass("再输入一次 (again): ") != password:
                    print("错误 error: 两次输入的密码不同 (the passwords differ); nothing was written", file=sys.stderr)
                    return 1
            path = editors.add(args.name, password)
            print(f"已添加编辑者 added editor {args.name.strip()} ({path})")
        elif args.command == "remove":
            if not editors.remove(args.name):
                print(f"错误 error: {args.name} 不在名单中 (is not on the list: {editors.editors_path()})", file=sys.stderr)
                return 1
            print(f"已移除编辑者 removed editor {args.name.strip()}")
        else:
            for name in editors.load():
                print(name)
    except editors.EditorError as error:
        print(f"错误 error: {error}", file=sys.stderr)
        return 1
    return 0
