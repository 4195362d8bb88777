"""Benchmarks: scripts that print speed and quality figures."""
