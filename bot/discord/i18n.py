"""Every word the Discord face says, in English and French: replies, buttons, forms, moderators' screens,
and the French names and descriptions of the slash commands (Discord shows them to French clients).

Answers themselves are worded by the core (`knowledge.language.phrases`); this catalogue holds what the
bot says around them.  A reply follows the person's Discord language (`language_of`).
"""

from __future__ import annotations

import discord
from discord import app_commands

LANGUAGES = ("en", "fr")

TEXT: dict[str, dict[str, str]] = {
    "en": {
        # errors and refusals, for everyone
        "unavailable": "The knowledge base is unavailable right now; please try again shortly.",
        "our_fault": "Something went wrong on our side (reference `{reference}`). The moderators can look it up.",
        "cooldown": "You're asking quickly — please try again in {seconds} s.",
        "moderators_only": "Only moderators can do that.",
        "refused": "Only moderators can change facts. Nothing was changed.",
        "not_here": ("Only moderators of the bot's own server can change facts, which every server shares; this "
                     "server is not one of them. Nothing was changed."),
        "turned_off": ("Changing facts from Discord is turned off, because no server is trusted with it yet. The "
                       "bot's owner can turn it on for this server by adding its ID ({guild}) to "
                       "`moderator_guild_ids` (or `guild_ids`) in the `[discord]` section of the bot's "
                       "configuration, then restarting the bot. Nothing was changed."),
        "your_entries": "Your entries were:",
        # members: asking, voting, sources
        "empty_question": "Ask me a question about tech layoffs, e.g. “How many people did Amazon cut in 2022–23?”",
        "thanks_up": "Thanks, glad it helped.",
        "thanks_down": "Thanks — the moderators will see this question.",
        "voted_already": "You rated this answer already; thanks.",
        "unknown_answer": ("I can't find that answer, so the vote was not kept. Ask again and rate the new "
                           "answer."),
        "facts_gone": "These facts are no longer in the knowledge base.",
        "sources": "Sources",
        "sources_more": "Sources (continued)",
        "you_could_ask": "You could ask",
        "facts_as_of": "Facts as of {day}",
        "unknown_company": "I don't know a company called “{name}”. Pick one from the list as you type.",
        "page": "Page {page}/{pages}",
        "previous": "Previous",
        "next": "Next",
        # /about and /sources
        "about_title": "About layoffbot",
        "about": ("I answer questions about tech-industry layoffs, in English or French, from a curated knowledge "
                  "base. Every figure comes with its source; when I don't know, I say so. Ask with /ask, by "
                  "mentioning me, or in a DM. Moderators keep the facts right with /fact and /kb; every change "
                  "is kept."),
        "facts": "Facts", "companies": "Companies", "covers": "Covers", "last_change": "Last change",
        "awaiting_review": "Awaiting review", "main_sources": "Main sources",
        "sources_title": "Where the facts come from", "n_facts": "{name} — {count} facts",
        # moderators: a fact and its history
        "field_company": "Company", "field_kind": "Kind", "field_status": "Status", "field_figure": "Figure",
        "field_when": "When", "field_details": "Details", "field_note": "Note", "field_reason": "Reason",
        "whole_industry": "whole industry", "undated": "undated",
        "fact_footer": "Fact #{id} · last changed by {who} · {when}",
        "history_title": "History of fact #{id}", "created": "created", "no_field_changed": "no field changed",
        "history_footer": "Page {page}/{pages} · {count} revision(s)",
        # moderators: the fact form
        "form_add": "Add a fact", "form_edit": "Edit fact #{id} (v{version})",
        "form_company": "Company (empty: the whole industry)", "form_figure": "Figure, e.g. more than 27,000 (13%)",
        "form_figure_hint": "several hundred · about 10,000 · 6% · 1,200 (5%)",
        "form_when": "When: a date or a period", "form_when_hint": "2023-01-04 · January 2023 · 2022-2023 · Q1 2024",
        "form_summary": "Summary, in your own words", "form_source": "Source: link | publisher",
        "form_source_hint": "https://example.com/article | Example News",
        "fact_added": "Fact #{id} added", "fact_saved": "Fact #{id} saved", "retract_confirm": "Retract fact #{id}?",
        "retract": "Retract", "fact_retracted": "Fact #{id} retracted", "fact_restored": "Fact #{id} restored",
        "fact_undone": "Fact #{id} is back to its previous state",
        # moderators: review, imports, articles, exports
        "approve": "Approve", "reject": "Reject",
        "candidate_title": "Candidate #{id} · confidence {confidence}", "waiting": "{footer} · {count} waiting",
        "no_more_candidates": "No more candidates waiting.",
        "none_waiting": "No candidate facts are waiting for review.",
        "imported": "Imported {name}",
        "file_too_large": "{name} is {size} bytes; the limit is {limit}.",
        "wrong_file": "Expected a {kinds} file, got {name}.", "or": "or",
        "article_one_of": "Give the article either as a text file or as pasted text (one of the two).",
        "article_needs_date": "An article given as text or a file needs its publication date (YYYY-MM-DD) and "
                              "language; without text or a file, the page at the link is read for them.",
        "not_a_date": "{value} is not a date: use YYYY-MM-DD, e.g. 2024-04-03.",
        "no_candidates": "I found no layoff facts in that article. Nothing was added.",
        "candidates_waiting": "{count} candidate fact(s) from {link} are waiting for review. Approve or reject each:",
        "candidates_more": "…and {count} more: use /kb review.",
        "export_too_large": "The export is too large for Discord; run `python -m bot kb export` on the server instead.",
        "export_done": ("Every company, source, fact and revision, and this server's questions and votes ({size} "
                        "bytes). Restore with `python -m bot kb import FILE --format json`."),
        "unanswered_title": "Unanswered in the last {days} day(s)",
        "unanswered_none": "Nothing: every question got an answer nobody disliked.",
        "unanswered_line": "{count}× · {why} · last {day}",
        # the audit channel
        "audit_who": "Who", "audit_version": "Version", "audit_why": "Why", "audit_before": "Before",
        "audit_after": "After", "audit_fact": "Fact", "audit_open": "Open",
        # the watch list
        "watch_added_company": ("You'll get a direct message when a new fact about {name} (or a company it owns) is "
                                "added. `/watch list` shows what you watch; `/unwatch` stops."),
        "watch_added_industry": ("You'll get a direct message when a new fact about the {name} industry is added. "
                                 "`/watch list` shows what you watch; `/unwatch` stops."),
        "watch_already": "You already watch {name}.",
        "watch_full": ("You already watch {count} companies and industries, the most one member can. Stop watching "
                       "one with `/unwatch` first."),
        "unknown_industry": "I don't know an industry called “{name}”. Pick one from the list as you type.",
        "watch_list_title": "What you watch",
        "watch_list_empty": "You don't watch anything yet: start with `/watch company` or `/watch industry`.",
        "watch_industry": "{name} (industry)",
        "watch_list_footer": "{count} of {limit} · new facts come by direct message, so keep yours open to the bot",
        "unwatch_everything": "Everything",
        "unwatched": "You no longer watch {name}.",
        "unwatched_all": "You no longer watch anything ({count} stopped).",
        "unwatch_unknown": "You don't watch that. `/watch list` shows what you do.",
        # news of new facts: direct messages and feed channels
        "news_one": "New fact about {subject}",
        "news_many": "{count} new facts about what you watch",
        "feed_one": "New fact about {subject}",
        "feed_many": "{count} new facts",
        "news_more": "…and {count} more.",
        "news_laid_off": "{figure} laid off",
        "news_create": "added by a moderator", "news_approve": "approved by a moderator",
        "news_import": "imported from {origin}", "news_import_unnamed": "imported from a tracker",
        "news_footer": "You watch this · /watch list · /unwatch",
        # feed channels
        "feed_set": "New facts will be posted in {channel}.",
        "feed_is": "New facts are posted in {channel}.",
        "feed_none": "No feed channel is set in this server. Choose one with `/feed channel:`.",
        "feed_off": "Turn the feed off",
        "feed_turned_off": "The feed is off: new facts are no longer posted in {channel}.",
        "feed_was_off": "The feed was already off.",
        "feed_refused": ("Only this server's moderators (Manage Server) can choose its feed channel. Nothing was "
                         "changed."),
        # message menus
        "nothing_to_ask": "That message has no text I can read.",
        "share": "Share in the channel",
        "shared": "Shared in the channel.",
        "answer_gone": "I can't find that answer any more; use the menu on the message again.",
        "rows": "Rows",
        "rows_file": "The {n} rows behind this answer's figures, one per round (company, date, people, share, "
                     "industry, country, source).",
        "rows_gone": "I can't find that answer any more; ask the question again.",
        "rows_none": "This answer no longer adds up any rows (the facts changed since); ask the question again.",
        # /help and the presence line
        "presence": "/ask about tech layoffs",
        "help_title": "What I can do",
        "help_intro": ("I answer questions about tech-industry layoffs from a knowledge base of cited facts, in "
                       "English or French."),
        "help_members": "For everyone",
        "help_member_lines": (
            "`/ask question:` a question, e.g. How many people did Amazon cut in 2023? (or mention me, or DM me); "
            "reply to my answer to go on: \"and in 2024?\", \"what about Google?\"\n"
            "`/layoffs company:` a company's layoffs, most recent first\n"
            "`/watch company` · `/watch industry` a direct message when a new fact about it is added; "
            "`/watch list`, `/unwatch`\n"
            "*Ask about this message* (right-click a message › Apps): an answer about its text, for you only, "
            "which you can share\n"
            "`/sources` · `/about` what I know and where it comes from\n"
            "👍 · 👎 rate an answer · 📚 its sources · 🧾 the rows a total adds up (a CSV file) · 🗑 remove it "
            "(the asker, or a moderator); totals over time come with a chart"),
        "help_moderators": "For moderators",
        "help_moderator_lines": (
            "`/fact add` · `edit` · `retract` · `restore` · `undo` · `history` keep the facts right (every change is "
            "kept)\n"
            "`/kb import` a tracker's CSV · `/kb ingest` an article · `/kb review` candidates · `/kb export` · "
            "`/kb unanswered`\n"
            "*Ingest as article* (right-click a message › Apps): its text into the review queue"),
        "help_admins": "For this server's admins",
        "help_admin_lines": ("`/feed channel:` post every new fact in a channel; `/feed` alone shows it and turns it "
                             "off"),
        # removing an answer
        "remove": "Remove",
        "remove_refused": "Only the person who asked, or a moderator, can remove this answer.",
        # choosing a fact
        "months": "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec",
        "status_pending": "waiting for review", "status_retracted": "retracted", "status_rejected": "rejected",
        "status_merged": "merged",
    },
    "fr": {
        "unavailable": "La base de connaissances est momentanément indisponible ; réessayez dans un instant.",
        "our_fault": ("Une erreur s'est produite de notre côté (référence `{reference}`). Les modérateurs peuvent "
                      "la retrouver."),
        "cooldown": "Vous posez beaucoup de questions : réessayez dans {seconds} s.",
        "moderators_only": "Seuls les modérateurs peuvent faire cela.",
        "refused": "Seuls les modérateurs peuvent modifier les faits. Rien n'a été modifié.",
        "not_here": ("Seuls les modérateurs du serveur du bot peuvent modifier les faits, que tous les serveurs "
                     "partagent ; ce serveur n'en fait pas partie. Rien n'a été modifié."),
        "turned_off": ("La modification des faits depuis Discord est désactivée : aucun serveur n'en a encore la "
                       "charge. Le propriétaire du bot peut l'activer pour ce serveur en ajoutant son identifiant "
                       "({guild}) à `moderator_guild_ids` (ou `guild_ids`) dans la section `[discord]` de la "
                       "configuration du bot, puis en le redémarrant. Rien n'a été modifié."),
        "your_entries": "Vos saisies étaient :",
        "empty_question": ("Posez-moi une question sur les licenciements dans la tech, p. ex. « Combien de personnes "
                           "Amazon a-t-elle licenciées en 2023 ? »"),
        "thanks_up": "Merci, ravi que cela ait servi.",
        "thanks_down": "Merci — les modérateurs verront cette question.",
        "voted_already": "Vous avez déjà noté cette réponse ; merci.",
        "unknown_answer": ("Je ne retrouve pas cette réponse : le vote n'a pas été gardé. Reposez la question et "
                           "notez la nouvelle réponse."),
        "facts_gone": "Ces faits ne sont plus dans la base.",
        "sources": "Sources",
        "sources_more": "Sources (suite)",
        "you_could_ask": "Vous pourriez demander",
        "facts_as_of": "Faits à jour au {day}",
        "unknown_company": "Je ne connais pas d'entreprise nommée « {name} ». Choisissez-en une dans la liste.",
        "page": "Page {page}/{pages}",
        "previous": "Précédent",
        "next": "Suivant",
        "about_title": "À propos de layoffbot",
        "about": ("Je réponds aux questions sur les licenciements dans la tech, en français ou en anglais, à partir "
                  "d'une base de faits vérifiés. Chaque chiffre est sourcé ; quand je ne sais pas, je le dis. "
                  "Demandez avec /ask, en me mentionnant ou en message privé. Les modérateurs tiennent les faits à "
                  "jour avec /fact et /kb ; chaque modification est conservée."),
        "facts": "Faits", "companies": "Entreprises", "covers": "Période couverte",
        "last_change": "Dernière modification", "awaiting_review": "En attente de relecture",
        "main_sources": "Principales sources", "sources_title": "D'où viennent les faits",
        "n_facts": "{name} — {count} faits",
        "field_company": "Entreprise", "field_kind": "Nature", "field_status": "Statut", "field_figure": "Chiffre",
        "field_when": "Quand", "field_details": "Détails", "field_note": "Remarque", "field_reason": "Raison",
        "whole_industry": "tout le secteur", "undated": "sans date",
        "fact_footer": "Fait n° {id} · modifié en dernier par {who} · {when}",
        "history_title": "Historique du fait n° {id}", "created": "créé", "no_field_changed": "aucun champ modifié",
        "history_footer": "Page {page}/{pages} · {count} révision(s)",
        "form_add": "Ajouter un fait", "form_edit": "Modifier le fait n° {id} (v{version})",
        "form_company": "Entreprise (vide : tout le secteur)", "form_figure": "Chiffre, p. ex. plus de 27 000 (13 %)",
        "form_figure_hint": "plusieurs centaines · environ 10 000 · 6 % · 1 200 (5 %)",
        "form_when": "Quand : une date ou une période",
        "form_when_hint": "2023-01-04 · janvier 2023 · 2022-2023 · T1 2024",
        "form_summary": "Résumé, dans vos propres mots", "form_source": "Source : lien | éditeur",
        "form_source_hint": "https://example.com/article | Exemple Info",
        "fact_added": "Fait n° {id} ajouté", "fact_saved": "Fait n° {id} enregistré",
        "retract_confirm": "Retirer le fait n° {id} ?", "retract": "Retirer", "fact_retracted": "Fait n° {id} retiré",
        "fact_restored": "Fait n° {id} rétabli", "fact_undone": "Le fait n° {id} est revenu à son état précédent",
        "approve": "Approuver", "reject": "Rejeter",
        "candidate_title": "Candidat n° {id} · confiance {confidence}", "waiting": "{footer} · {count} en attente",
        "no_more_candidates": "Plus aucun candidat en attente.",
        "none_waiting": "Aucun fait candidat n'attend de relecture.",
        "imported": "Import de {name}",
        "file_too_large": "{name} fait {size} octets ; la limite est de {limit}.",
        "wrong_file": "Un fichier {kinds} est attendu, pas {name}.", "or": "ou",
        "article_one_of": "Donnez l'article soit en fichier texte, soit en texte collé (l'un des deux).",
        "article_needs_date": "Un article donné en texte ou en fichier a besoin de sa date de publication "
                              "(AAAA-MM-JJ) et de sa langue ; sans texte ni fichier, la page du lien est lue "
                              "pour les trouver.",
        "not_a_date": "{value} n'est pas une date : écrivez AAAA-MM-JJ, p. ex. 2024-04-03.",
        "no_candidates": "Je n'ai trouvé aucun fait de licenciement dans cet article. Rien n'a été ajouté.",
        "candidates_waiting": ("{count} fait(s) candidat(s) tiré(s) de {link} attendent une relecture. Approuvez ou "
                               "rejetez chacun :"),
        "candidates_more": "…et {count} de plus : utilisez /kb review.",
        "export_too_large": ("L'export est trop volumineux pour Discord ; lancez `python -m bot kb export` sur le "
                             "serveur."),
        "export_done": ("Toutes les entreprises, sources, faits et révisions, et les questions et votes de ce serveur "
                        "({size} octets). Restauration : `python -m bot kb import FICHIER --format json`."),
        "unanswered_title": "Sans réponse ces {days} dernier(s) jour(s)",
        "unanswered_none": "Rien : chaque question a reçu une réponse que personne n'a désapprouvée.",
        "unanswered_line": "{count}× · {why} · dernière fois le {day}",
        "audit_who": "Qui", "audit_version": "Version", "audit_why": "Pourquoi", "audit_before": "Avant",
        "audit_after": "Après", "audit_fact": "Fait", "audit_open": "Ouvrir",
        "watch_added_company": ("Vous recevrez un message privé quand un nouveau fait sur {name} (ou une entreprise "
                                "qu'elle détient) sera ajouté. `/suivre liste` montre ce que vous suivez ; "
                                "`/ne-plus-suivre` arrête."),
        "watch_added_industry": ("Vous recevrez un message privé quand un nouveau fait sur le secteur {name} sera "
                                 "ajouté. `/suivre liste` montre ce que vous suivez ; `/ne-plus-suivre` arrête."),
        "watch_already": "Vous suivez déjà {name}.",
        "watch_full": ("Vous suivez déjà {count} entreprises et secteurs, le maximum pour un membre. Cessez d'en "
                       "suivre un avec `/ne-plus-suivre` d'abord."),
        "unknown_industry": "Je ne connais pas de secteur nommé « {name} ». Choisissez-en un dans la liste.",
        "watch_list_title": "Ce que vous suivez",
        "watch_list_empty": "Vous ne suivez rien pour l'instant : commencez avec `/suivre entreprise` ou "
                             "`/suivre secteur`.",
        "watch_industry": "{name} (secteur)",
        "watch_list_footer": ("{count} sur {limit} · les nouveaux faits arrivent en message privé : gardez les vôtres "
                              "ouverts au bot"),
        "unwatch_everything": "Tout",
        "unwatched": "Vous ne suivez plus {name}.",
        "unwatched_all": "Vous ne suivez plus rien ({count} arrêté(s)).",
        "unwatch_unknown": "Vous ne suivez pas cela. `/suivre liste` montre ce que vous suivez.",
        "news_one": "Nouveau fait sur {subject}",
        "news_many": "{count} nouveaux faits sur ce que vous suivez",
        "feed_one": "Nouveau fait sur {subject}",
        "feed_many": "{count} nouveaux faits",
        "news_more": "…et {count} de plus.",
        "news_laid_off": "{figure} postes supprimés",
        "news_create": "ajouté par un modérateur", "news_approve": "approuvé par un modérateur",
        "news_import": "importé de {origin}", "news_import_unnamed": "importé d'un suivi",
        "news_footer": "Vous suivez ceci · /suivre liste · /ne-plus-suivre",
        "feed_set": "Les nouveaux faits seront publiés dans {channel}.",
        "feed_is": "Les nouveaux faits sont publiés dans {channel}.",
        "feed_none": "Aucun salon de publication n'est choisi sur ce serveur. Choisissez-en un avec "
                      "`/publications salon:`.",
        "feed_off": "Arrêter les publications",
        "feed_turned_off": "Les publications sont arrêtées : les nouveaux faits ne sont plus publiés dans {channel}.",
        "feed_was_off": "Les publications étaient déjà arrêtées.",
        "feed_refused": ("Seuls les modérateurs de ce serveur (Gérer le serveur) peuvent choisir son salon de "
                         "publication. Rien n'a été modifié."),
        "nothing_to_ask": "Ce message n'a pas de texte que je puisse lire.",
        "share": "Partager dans le salon",
        "shared": "Partagé dans le salon.",
        "answer_gone": "Je ne retrouve plus cette réponse ; utilisez à nouveau le menu sur le message.",
        "rows": "Lignes",
        "rows_file": "Les {n} lignes derrière les chiffres de cette réponse, une par vague (entreprise, date, "
                     "personnes, part, secteur, pays, source).",
        "rows_gone": "Je ne retrouve plus cette réponse ; posez à nouveau la question.",
        "rows_none": ("Cette réponse n'additionne plus aucune ligne (les faits ont changé depuis) ; posez à nouveau "
                      "la question."),
        "presence": "/demander sur les licenciements dans la tech",
        "help_title": "Ce que je sais faire",
        "help_intro": ("Je réponds aux questions sur les licenciements dans la tech à partir d'une base de faits "
                       "sourcés, en français ou en anglais."),
        "help_members": "Pour tout le monde",
        "help_member_lines": (
            "`/demander question:` une question, p. ex. Combien de personnes Amazon a-t-elle licenciées en 2023 ? (ou "
            "mentionnez-moi, ou écrivez-moi en privé) ; répondez à ma réponse pour continuer : « et en 2024 ? », "
            "« et Google ? »\n"
            "`/licenciements entreprise:` les licenciements d'une entreprise, du plus récent au plus ancien\n"
            "`/suivre entreprise` · `/suivre secteur` un message privé quand un nouveau fait à son sujet est "
            "ajouté ; `/suivre liste`, `/ne-plus-suivre`\n"
            "*Demander à propos du message* (clic droit sur un message › Applications) : une réponse sur son texte, "
            "pour vous seul, que vous pouvez partager\n"
            "`/sources` · `/a-propos` ce que je sais et d'où cela vient\n"
            "👍 · 👎 noter une réponse · 📚 ses sources · 🧾 les lignes qu'un total additionne (un fichier CSV) · 🗑 la "
            "retirer (l'auteur de la question, ou un modérateur) ; les totaux dans le temps ont un graphique"),
        "help_moderators": "Pour les modérateurs",
        "help_moderator_lines": (
            "`/fait ajouter` · `modifier` · `retirer` · `retablir` · `annuler` · `historique` tenir les faits à "
            "jour (chaque modification est conservée)\n"
            "`/base importer` le CSV d'un suivi · `/base article` un article · `/base revue` les candidats · "
            "`/base exporter` · `/base sans-reponse`\n"
            "*Lire comme article* (clic droit sur un message › Applications) : son texte dans la file de relecture"),
        "help_admins": "Pour les administrateurs de ce serveur",
        "help_admin_lines": ("`/publications salon:` publier chaque nouveau fait dans un salon ; `/publications` seul "
                             "le montre et l'arrête"),
        "remove": "Retirer",
        "remove_refused": "Seul l'auteur de la question, ou un modérateur, peut retirer cette réponse.",
        "months": "janv. févr. mars avr. mai juin juil. août sept. oct. nov. déc.",
        "status_pending": "en attente de relecture", "status_retracted": "retiré", "status_rejected": "rejeté",
        "status_merged": "fusionné",
    },
}


def text(language: str, key: str, **values: object) -> str:
    """A sentence of the catalogue in `language` (English when the language is not one of ours)."""
    template = TEXT.get(language, TEXT["en"])[key]
    return template.format(**values) if values else template


def language_of(locale: discord.Locale | str | None, fallback: str = "en") -> str:
    """The language to answer a person in: French for a French Discord client, else `fallback`."""
    return "fr" if str(locale or "").startswith("fr") else fallback


def either(key: str) -> frozenset[str]:
    """A sentence in every language: to recognise a field we wrote, whichever language we wrote it in."""
    return frozenset(TEXT[language][key] for language in LANGUAGES)

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
    "The article's link (fetched when no text or file is given)":
        "Le lien de l'article (la page est lue quand ni texte ni fichier n'est donné)",
    "The article's title": "Le titre de l'article",
    "Who published it (default: the page's site name)": "Qui l'a publié (par défaut : le nom du site de la page)",
    "Publication date, YYYY-MM-DD (default: the page's date)":
        "Date de publication, AAAA-MM-JJ (par défaut : la date de la page)",
    "The article's language (default: the page's)": "La langue de l'article (par défaut : celle de la page)",
    "Candidate facts waiting for review": "Faits candidats en attente de relecture",
    "Download every fact, source and revision": "Télécharger tous les faits, sources et révisions",
    "Questions the bot declined or got a 👎": "Questions refusées ou notées 👎",
    "How many days back": "Sur combien de jours",
    # the watch list, feeds, help, message menus
    "watch": "suivre",
    "unwatch": "ne-plus-suivre",
    "name": "nom",
    "industry": "secteur",
    "list": "liste",
    "what": "quoi",
    "feed": "publications",
    "channel": "salon",
    "help": "aide",
    "Hear of new facts about a company or an industry, by direct message":
        "Être prévenu en privé des nouveaux faits sur une entreprise ou un secteur",
    "A direct message when a new fact about this company is added":
        "Un message privé quand un nouveau fait sur cette entreprise est ajouté",
    "A direct message when a new fact about this industry is added":
        "Un message privé quand un nouveau fait sur ce secteur est ajouté",
    "The industry, as the trackers name it": "Le secteur, tel que les suivis le nomment",
    "What you watch": "Ce que vous suivez",
    "Stop hearing about a company or an industry": "Ne plus être prévenu pour une entreprise ou un secteur",
    "What to stop watching": "Ce qu'il faut cesser de suivre",
    "Moderators: post every new fact in a channel (alone: show it, turn it off)":
        "Modérateurs : publier chaque nouveau fait dans un salon (seul : le voir, l'arrêter)",
    "Where to post new facts": "Où publier les nouveaux faits",
    "What I can do, for members and moderators": "Ce que je sais faire, pour les membres et les modérateurs",
    "Ask about this message": "Demander à propos du message",
    "Ingest as article": "Lire comme article",
}


class FrenchTranslator(app_commands.Translator):
    async def translate(self, string: app_commands.locale_str, locale: discord.Locale,
                        context: app_commands.TranslationContextTypes) -> str | None:
        if locale is not discord.Locale.french:
            return None
        return FRENCH.get(string.message)
