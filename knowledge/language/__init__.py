"""Shared by questions and articles: text, numbers, periods, company names, vocabulary, wording (English and French)."""
