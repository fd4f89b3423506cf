"""Benchmarks: `python -m bench` measures the product and writes bench/RESULTS.md."""
