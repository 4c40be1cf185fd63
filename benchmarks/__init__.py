"""Benchmarks: `python -m geo bench` (see bench.py and README.md). Timings live here, never in tests."""
