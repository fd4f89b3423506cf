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
    from streamlit.runtime.scriptrunner import script_runner
    from streamlit.testing.v1 import AppTest

    # AppTest runs the script in a thread of its own, and pyinstrument samples the
    # thread that started it: profile inside the script runner's call.
    profiler = Profiler(interval=0.0005)
    run_script = script_runner.exec_func_with_error_handling
    profiling = {"on": False}

    def profiled(func, ctx):
        if not profiling["on"]:
            return run_script(func, ctx)
        profiler.start()
        try:
            return run_script(func, ctx)
        finally:
            profiler.stop()

    script_runner.exec_func_with_error_handling = profiled
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.run()
    at.switch_page(str((PAGES / f"{args.page}.py").relative_to(APP.parent)))
    at.run()
    profiling["on"] = True
    for _ in range(args.runs):
        at.run()
    print(profiler.output_text(unicode=True, color=False, show_all=bool(os.environ.get("PROFILE_ALL"))))
    if args.html:
        args.html.write_text(profiler.output_html(), encoding="utf-8")


if __name__ == "__main__":
    main()
