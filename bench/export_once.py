"""`python -m bench.export_once`: bench/export_bench.py's measure() in a fresh
process, as one JSON line (the warehouse is the one ZHENGSHU_DB names)."""

from __future__ import annotations

import json

from bench.export_bench import measure

if __name__ == "__main__":
    print(json.dumps(measure()))
