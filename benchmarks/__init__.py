"""Performance and quality measured outside the tests; run each from the repository root: python -m benchmarks.NAME"""
