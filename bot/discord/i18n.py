"""French names and descriptions for the slash commands (Discord shows them to French clients)."""

from __future__ import annotations

import discord
from discord import app_commands

FRENCH: dict[str, str] = {
    # commands and groups
    "ask": "demander",
    "layoffs": "licenciements",
    "sources": "sources",
    "about": "a-propos",
    "fact": "fait",
    "kb": "base",
    "add": "ajouter",
    "edit": "modifier",
    "retract": "retirer",
    "restore": "retablir",
    "history": "historique",
    "undo": "annuler",
    "import": "importer",
    "ingest": "article",
    "review": "revue",
    "export": "exporter",
    "unanswered": "sans-reponse",
    # options
    "question": "question",
    "company": "entreprise",
    "year": "annee",
    "id": "id",
    "reason": "raison",
    "file": "fichier",
    "text": "texte",
    "url": "lien",
    "title": "titre",
    "publisher": "editeur",
    "published": "date",
    "language": "langue",
    "format": "format",
    "days": "jours",
    # descriptions
    "Ask a question about tech layoffs (English or French)": "Posez une question sur les licenciements dans la tech",
    "Your question, e.g. How many people did Amazon cut in 2022-23?":
        "Votre question, p. ex. Combien de personnes Amazon a-t-elle licenciées en 2022-23 ?",
    "A company's layoffs, most recent first": "Les licenciements d'une entreprise, du plus récent au plus ancien",
    "The company": "L'entreprise",
    "Only this year": "Seulement cette année",
    "Where the facts come from": "D'où viennent les faits",
    "What this bot knows and how it works": "Ce que sait ce bot et comment il fonctionne",
    "Moderators: keep the facts right": "Modérateurs : tenir les faits à jour",
    "Add a fact": "Ajouter un fait",
    "Edit a fact": "Modifier un fait",
    "Retract a fact (asks to confirm)": "Retirer un fait (avec confirmation)",
    "Restore a retracted fact": "Rétablir un fait retiré",
    "Every change to a fact": "Toutes les modifications d'un fait",
    "Return a fact to its previous version": "Ramener un fait à sa version précédente",
    "The fact's number": "Le numéro du fait",
    "Why (kept in the history)": "Pourquoi (gardé dans l'historique)",
    "Moderators: bring facts in and review them": "Modérateurs : apporter et relire des faits",
    "Import a layoff tracker's CSV export": "Importer l'export CSV d'un suivi de licenciements",
    "The CSV file": "Le fichier CSV",
    "Extract facts from a news article for review": "Extraire des faits d'un article pour relecture",
    "The article as a text file": "L'article en fichier texte",
    "Or the article's text, pasted": "Ou le texte de l'article, collé",
    "The article's link": "Le lien de l'article",
    "The article's title": "Le titre de l'article",
    "Who published it": "Qui l'a publié",
    "Publication date, YYYY-MM-DD": "Date de publication, AAAA-MM-JJ",
    "The article's language": "La langue de l'article",
    "Candidate facts waiting for review": "Faits candidats en attente de relecture",
    "Download every fact, source and revision": "Télécharger tous les faits, sources et révisions",
    "Questions the bot declined or got a 👎": "Questions refusées ou notées 👎",
    "How many days back": "Sur combien de jours",
}


class FrenchTranslator(app_commands.Translator):
    async def translate(self, string: app_commands.locale_str, locale: discord.Locale,
                        context: app_commands.TranslationContextTypes) -> str | None:
        if locale is not discord.Locale.french:
            return None
        return FRENCH.get(string.message)
