"""Reading news articles into candidate facts, by rules, in English and French.

`extract.extract_facts` is the reader (see its module for how); this package door exports only the
light names the rest of the core shares (what an article is, what a candidate is), so that answering
a question never pays for compiling the reader's rules: `knowledge.kb` imports the reader when an
article is first read.
"""

from __future__ import annotations

from knowledge.intake.articles.candidates import REVIEW_BELOW, ArticleMeta, Candidate

__all__ = ["REVIEW_BELOW", "ArticleMeta", "Candidate"]
