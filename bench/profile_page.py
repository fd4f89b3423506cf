"""Profile one page's warm runs (AppTest) with pyinstrument: where a click's time goes.

`python -m bench.profile_page benchmark [--runs 10] [--db FILE]` prints the call tree
of the page's warm reruns (after a first, cold run), with the slowest paths first.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from bench.page_bench import APP, PAGES


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("page")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--html", type=Path, help="also write pyinstrument's HTML report here")
    args = parser.parse_args()
    if args.db:
        os.environ["ZHENGSHU_DB"] = str(args.db)
    from pyinstrument import Profiler
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=120)
    at.run()
    at.switch_page(str((PAGES / f"{args.page}.py").relative_to(APP.parent)))
    at.run()
    profiler = Profiler(interval=0.0005)
    profiler.start()
    for _ in range(args.runs):
        at.run()
    profiler.stop()
    print(profiler.output_text(unicode=True, color=False, show_all=False))
    if args.html:
        args.html.write_text(profiler.output_html(), encoding="utf-8")


if __name__ == "__main__":
    main()
