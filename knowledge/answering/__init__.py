"""The read side: a question becomes an `Answer` from an immutable snapshot of the active facts.

snapshot (facts by company and date) -> understand (a question into a query) -> compose (the answerer the
query's intent calls for, in answerers/) -> retrieve (facts, rounds, totals) -> answer (lines of runs that
carry their references).  Nothing here writes, or reads storage: the snapshot is built from plain rows.
"""
