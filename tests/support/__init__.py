"""What the tests and benchmarks share: the Discord stand-in, extraction scoring, prepared knowledge bases."""
