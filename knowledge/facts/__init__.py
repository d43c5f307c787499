"""The write side: the one service that changes facts, reviews, imports, ingestion, and feedback."""
