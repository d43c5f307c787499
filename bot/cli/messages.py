"""Every word the command line says of its own, in English and French: results, notes, refusals, doctor's
checks and their fixes, and the help of every command.

Answers are worded by the core in the question's language, and the core's errors keep their own text; this
catalogue holds what the command line says around them.  `--json` output is data and stays as it is.

The language is the operator's, chosen once per run by `main` from the environment (`language_from`) before
the parser is built, so the help is in it too.  It is kept here rather than passed to every function because
one process runs one command for one operator; plain dicts, so importing it costs nothing at start-up.
"""

from __future__ import annotations

from collections.abc import Mapping

LANGUAGES = ("en", "fr")
ENV_LANGUAGE = "LAYOFFBOT_LANGUAGE"

TEXT: dict[str, dict[str, str]] = {
    "en": {
        # every command: errors and their one line
        "error": "error: {message}",
        "usage_error": "error: {message} (see: {prog} --help)",
        "our_fault": ("something went wrong on our side (reference {reference}); run the command again with -v to "
                      "see the details, and quote the reference if you report it."),
        "not_a_date": "{text!r} is not a date; use YYYY-MM-DD, e.g. 2024-04-10",
        "shard_ids_numbers": "--shard-ids takes numbers separated by commas, e.g. 0,1",
        "shard_ids_count": "--shard-ids need --shard-count (the total), and each id must be below it.",
        # help: the program and `run`
        "help_program": "layoffbot: cited answers about tech-industry layoffs, on the command line and in Discord.",
        "help_db": ("database URL (default: config.toml's [database] url; e.g. sqlite:///data/layoffbot.db or "
                    "postgresql://user@host/db)"),
        "help_config": ("configuration file (default: $LAYOFFBOT_CONFIG, else ~/.config/layoffbot/config.toml, else "
                        "./config.toml, else the one beside the code)"),
        "help_verbose": "log more (-v info, -vv debug)",
        "help_run": "run the Discord bot (token from the DISCORD_TOKEN environment variable)",
        "about_run": ("Connect to Discord and answer there. The token is read from the DISCORD_TOKEN environment "
                      "variable; config.toml's [discord] section holds the rest."),
        "help_shard_ids": "shards this process runs (default: config, else all)",
        "help_shard_count": "total number of shards",
        # ask
        "help_ask": "answer a question from the knowledge base",
        "about_ask": "Answer a question (English or French) with cited facts.",
        "help_question": 'the question, e.g. "How many people did Amazon cut in 2022-23?"',
        "help_batch": "answer every line of FILE (one question per line; - for stdin)",
        "help_json": "print one JSON object per answer",
        "help_today": "the date relative periods ('this year') are read against (default: today)",
        "question_or_batch": "give either a QUESTION or --batch FILE",
        "answer_failed": "Something went wrong on our side (reference {reference}).",
        "bundled_only": "note: {missing} Meanwhile, answers come from the bundled facts alone.",
        # db
        "help_db_command": "the database: schema and copies",
        "about_db_command": "Check or upgrade the schema, or copy the database.",
        "help_upgrade": "migrate the database to the current schema (back it up first)",
        "help_upgrade_create": ("create the database if the SQLite file named by --db or LAYOFFBOT_DATABASE_URL does "
                                "not exist yet"),
        "help_status": "show the schema revision of the database and of this version",
        "help_copy": "copy every row of the knowledge base into a new, empty database (e.g. PostgreSQL)",
        "about_copy": ("Copy every company, alias, source, fact, citation, revision, question and feedback row, with "
                       "their ids, from the configured database (or --db) into an empty database, whose schema this "
                       "command creates. The source is only read."),
        "help_to": "the new database, e.g. postgresql://layoffbot@db.internal:5432/layoffbot",
        "nothing_to_copy": "There is no knowledge base at {path} to copy; check --db (or [database] url).",
        "copied": "copied {rows}",
        "rows": "{count} {name} rows",
        "copy_next": "To use it, set [database] url (or LAYOFFBOT_DATABASE_URL) to the new database's URL.",
        "schema_already": "schema already at {revision}",
        "schema_created": "schema created at {revision}",
        "schema_upgraded": "schema upgraded from {before} to {after}",
        "status_none_yet": "database: none yet at {path} (created on first use); this version: {head}",
        "status": "database: {current}; this version: {head} ({state})",
        "status_empty": "empty",
        "status_current": "up to date",
        "status_behind": "needs: python -m bot db upgrade",
        # kb: help
        "help_kb": "import, ingest, review and export facts",
        "about_kb": "Look after the knowledge base.",
        "help_import": "import a tracker CSV export, or restore a JSON backup",
        "help_import_format": ("layoffs-fyi: any of the three tracker layouts; json: a `kb export` backup (into an "
                               "empty database)"),
        "help_progress": "report progress even when not on a terminal",
        "help_create": ("create the knowledge base if the SQLite file named by --db does not exist yet (import and "
                        "ingest do so anyway, and say so; the flag makes it explicit)"),
        "help_export": "write every company, source, fact and revision",
        "help_output": "file (json; default: standard output) or folder (csv)",
        "help_ingest": "extract candidate facts from a news article (its text, or its link)",
        "about_ingest": ("Extract candidate facts from a news article. With FILE, the article's text is read from it "
                         "and --published and --language are required; without FILE, the page at --url is fetched "
                         "and its title, site name, date and language are taken from it (any of them you give "
                         "wins)."),
        "help_article": "the article's text (UTF-8); - for standard input; omit it to fetch --url",
        "help_url": "the article's link (cited with every fact from it)",
        "help_approve_now": "make the candidates live at once",
        "help_review": "list candidate facts waiting for review",
        "help_approve": "make candidates live (merging reports of one event)",
        "help_reject": "turn candidates down",
        "help_edit": "change fields of a fact or candidate",
        "help_labels": "comma-separated team or reason keys",
        "help_why": "why you changed it (kept in the history)",
        "help_show": "show one fact with its sources",
        "help_history": "show every revision of a fact",
        # kb: results and refusals
        "progress": "  {phase} {done}/{total} rows",
        "created_kb": "created a new knowledge base at {path}",
        "restored": "restored {rows}",
        "wrote": "wrote {path}",
        "csv_needs_folder": "CSV export writes one file per table: give a folder with --output.",
        "cannot_write": "Cannot write {name}: {reason}.",
        "file_needs_meta": ("An article read from a file needs --published YYYY-MM-DD and --language en|fr (leave "
                            "out FILE to fetch the page at --url and read them from it)."),
        "read_page": "Read {title} ({publisher}, {published}, {language}).",
        "candidates": "{count} candidate fact(s) from {url}",
        "candidate": "  #{id} [{confidence}] {summary}{state}",
        "candidate_outcome": " -> {outcome}",
        "candidate_pending": " (pending review)",
        "held": "{count} candidate(s) the extraction doubts were left for review.",
        "review_next": "Review them with `kb review`, then `kb approve ID...` or `kb reject ID...`.",
        "not_utf8": "{name} is not UTF-8 text.",
        "standard_input": "Standard input",
        "none_waiting": "No candidate facts are waiting for review.",
        "nothing_to_change": "Nothing to change: give at least one field, e.g. --count-min 1000.",
        "revision": "v{version} {at} {action} by {actor}{why}{changes}",
        "fact": ("#{id} v{version} [{status}] {company} · {kind} · {figure} · {when} · confidence {confidence}\n"
                 "    {summary}"),
        "industry": "industry",
        "no_figure": "no figure",
        "undated": "undated",
        "fact_source": "\n    source: {publisher} {where}",
        "fact_evidence": "\n    evidence: “{evidence}”",
        # doctor: help, lines, summary
        "help_doctor": "check the settings, token, database and Discord set-up before going live",
        "about_doctor": ("Check, one line each with a fix: the settings file, the Discord token's shape, the "
                         "database and its schema, and (logging in to Discord) the configured servers, channel and "
                         "roles and where moderation is on. Exits with status 1 when a check fails."),
        "help_timeout": "how long to wait for Discord (default {seconds})",
        "check_line": "{status}  {what}: {detail}.{fix}",
        "check_fix": " Fix: {fix}",
        "checks_failed": "{failed} check(s) failed, {warned} warning(s).",
        "checks_ready": "Everything checked is ready.",
        # doctor: what is checked
        "what_settings": "settings", "what_token": "token", "what_database": "database",
        "what_knowledge": "knowledge", "what_discord": "Discord", "what_servers": "servers", "what_server": "server",
        "what_moderator_server": "moderator server", "what_moderation": "moderation",
        "what_audit_channel": "audit channel", "what_moderator_role": "moderator role",
        # doctor: the installation
        "discord_skipped": "not checked without a token",
        "no_config": "no configuration file; the built-in defaults apply",
        "clone_config": "read from the clone's own {path}, whose edits conflict with git pull",
        "clone_config_fix": "copy it to {path} (or point LAYOFFBOT_CONFIG at a copy) and edit that",
        "config_read": "read from {path}",
        "token_copy_fix": ("copy the token again (Developer Portal > your application > Bot > Reset Token) into "
                           "{variable}"),
        "token_unset": "{variable} is not set",
        "token_unset_fix": ("set {variable} to the bot's token (Developer Portal > your application > Bot > Reset "
                            "Token), e.g. in the service's EnvironmentFile"),
        "token_prefixed": "{variable} starts with 'Bot '",
        "token_prefixed_fix": "set it to the token alone",
        "token_quoted": "{variable} is wrapped in quotes",
        "token_quoted_fix": "remove the quotes around the token",
        "token_misshapen": ("{variable} is set but is not shaped like a bot token (three parts separated by dots, "
                            "the first naming the bot)"),
        "token_shaped": "{variable} is set and shaped like the token of the bot with ID {bot_id}",
        "database_problem": "{where}: {problem}",
        "database_ready": "{where} is reachable and its schema is current ({revision})",
        "bundled_facts_only": "only the {facts} bundled facts (the article the project started from, about Amazon)",
        "bundled_facts_fix": "import a current layoffs.fyi export (see the README, Going live): {command}",
        "facts_held": "{facts} active facts about {companies} companies{latest}",
        "latest_export": "; newest tracker export {day}",
        # doctor: Discord
        "not_ready": "not ready after {seconds} s",
        "not_ready_fix": "check the machine's connection to discord.com, or try again with a longer --timeout",
        "token_rejected": "Discord rejected the token in {variable}",
        "token_rejected_fix": ("copy the bot's current token (it changes when reset) from the Developer Portal > your "
                               "application > Bot"),
        "intents_refused": "Discord refused the bot's intents",
        "intents_refused_fix": "see the README's set-up section, step 2",
        "no_connection": "could not connect ({error})",
        "no_connection_fix": "check the machine's connection to discord.com",
        "logged_in": "logged in as {name} (ID {id}), in {count} server(s)",
        "no_guild_ids": ("guild_ids is empty, so slash commands are synced globally and can take an hour to "
                         "appear"),
        "no_guild_ids_fix": "put your server's ID in [discord] guild_ids",
        "guild_joined": "{guild}: the bot is in it",
        "guild_missing": "{id}: the bot is not in it (or the ID is wrong)",
        "guild_missing_fix": ("invite the bot with the link from the README (Running it in Discord, step 3), or "
                              "correct the ID in [discord]"),
        "moderation_off": ("off: nobody can change facts from Discord (moderator_guild_ids and guild_ids are empty); "
                           "the command line still can"),
        "moderation_off_fix": ("to let your server's moderators change facts, set [discord] moderator_guild_ids = "
                               "[YOUR_SERVER_ID]"),
        "not_joined": "{id} (not joined)",
        "moderators": "members with Manage Server",
        "moderators_and_roles": "members with Manage Server or a moderator role",
        "moderation_elsewhere": "; not in the {count} other server(s) the bot is in",
        "moderation_on": "{who} may change facts in {guilds}{elsewhere}",
        "no_audit_channel": "none: changes are kept in each fact's history but not posted",
        "no_audit_channel_fix": "set [discord] audit_channel_id to a channel moderators read",
        "audit_unseen": "{id}: the bot cannot see it",
        "audit_unseen_fix": ("check the ID (right-click the channel > Copy Channel ID) and that the bot's role may "
                             "view that channel"),
        "channel_in": "#{channel} in {guild}",
        "audit_not_text": "{where} is not a text channel",
        "audit_not_text_fix": "choose a text channel",
        "audit_cannot_post": "the bot cannot post in {where} (missing {missing})",
        "audit_cannot_post_fix": "allow these for the bot's role in that channel",
        "audit_unmoderated": "{where} is in a server where moderation is off",
        "audit_unmoderated_fix": "use a channel of a server in moderator_guild_ids",
        "audit_ready": "{where}: the bot can post there",
        "role_missing": "{id}: no server the bot is in has it",
        "role_missing_fix": ("copy the role's ID (Server Settings > Roles > right-click > Copy Role ID) into "
                             "[discord] moderator_role_ids"),
        "role_unmoderated": "@{role} is in {guild}, where moderation is off, so it grants nothing",
        "role_unmoderated_fix": "add {id} to [discord] moderator_guild_ids, or remove the role from moderator_role_ids",
        "role_ready": "@{role} in {guild}",
    },
    "fr": {
        "error": "erreur : {message}",
        "usage_error": "erreur : {message} (voir : {prog} --help)",
        "our_fault": ("une erreur s'est produite de notre côté (référence {reference}) ; relancez la commande avec "
                      "-v pour voir le détail, et citez la référence si vous la signalez."),
        "not_a_date": "{text!r} n'est pas une date ; écrivez AAAA-MM-JJ, p. ex. 2024-04-10",
        "shard_ids_numbers": "--shard-ids prend des nombres séparés par des virgules, p. ex. 0,1",
        "shard_ids_count": ("--shard-ids demande --shard-count (le total), et chaque numéro doit lui être "
                            "inférieur."),
        "help_program": ("layoffbot : des réponses sourcées sur les licenciements dans la tech, en ligne de commande "
                         "et sur Discord."),
        "help_db": ("URL de la base (par défaut : l'url de [database] dans config.toml ; p. ex. "
                    "sqlite:///data/layoffbot.db ou postgresql://user@host/db)"),
        "help_config": ("fichier de configuration (par défaut : $LAYOFFBOT_CONFIG, sinon "
                        "~/.config/layoffbot/config.toml, sinon ./config.toml, sinon celui livré avec le code)"),
        "help_verbose": "journaliser davantage (-v info, -vv débogage)",
        "help_run": "lancer le bot Discord (jeton lu dans la variable d'environnement DISCORD_TOKEN)",
        "about_run": ("Se connecter à Discord et y répondre. Le jeton est lu dans la variable d'environnement "
                      "DISCORD_TOKEN ; la section [discord] de config.toml contient le reste."),
        "help_shard_ids": "shards lancés par ce processus (par défaut : la configuration, sinon tous)",
        "help_shard_count": "nombre total de shards",
        "help_ask": "répondre à une question à partir de la base de connaissances",
        "about_ask": "Répondre à une question (en français ou en anglais) avec des faits sourcés.",
        "help_question": "la question, p. ex. « Combien de personnes Amazon a-t-elle licenciées en 2022-23 ? »",
        "help_batch": "répondre à chaque ligne de FILE (une question par ligne ; - pour l'entrée standard)",
        "help_json": "écrire un objet JSON par réponse",
        "help_today": ("la date à laquelle se rapportent les périodes relatives (« cette année ») (par défaut : "
                       "aujourd'hui)"),
        "question_or_batch": "donnez soit une QUESTION, soit --batch FILE",
        "answer_failed": "Une erreur s'est produite de notre côté (référence {reference}).",
        "bundled_only": ("note : {missing} En attendant, les réponses viennent des seuls faits livrés avec "
                         "layoffbot."),
        "help_db_command": "la base de données : schéma et copies",
        "about_db_command": "Vérifier ou mettre à jour le schéma, ou copier la base.",
        "help_upgrade": "migrer la base vers le schéma actuel (sauvegardez-la d'abord)",
        "help_upgrade_create": ("créer la base si le fichier SQLite désigné par --db ou LAYOFFBOT_DATABASE_URL "
                                "n'existe pas encore"),
        "help_status": "afficher la révision du schéma de la base et celle de cette version",
        "help_copy": "copier chaque ligne de la base de connaissances dans une nouvelle base vide (p. ex. PostgreSQL)",
        "about_copy": ("Copier chaque ligne (entreprises, alias, sources, faits, citations, révisions, questions et "
                       "avis), avec ses identifiants, de la base configurée (ou --db) vers une base vide, dont cette "
                       "commande crée le schéma. La source est seulement lue."),
        "help_to": "la nouvelle base, p. ex. postgresql://layoffbot@db.internal:5432/layoffbot",
        "nothing_to_copy": ("Il n'y a pas de base de connaissances à copier en {path} ; vérifiez --db (ou l'url de "
                            "[database])."),
        "copied": "copié : {rows}",
        "rows": "{count} lignes {name}",
        "copy_next": ("Pour l'utiliser, mettez l'URL de la nouvelle base dans l'url de [database] (ou dans "
                      "LAYOFFBOT_DATABASE_URL)."),
        "schema_already": "schéma déjà à {revision}",
        "schema_created": "schéma créé à {revision}",
        "schema_upgraded": "schéma mis à jour de {before} à {after}",
        "status_none_yet": ("base : aucune pour l'instant en {path} (créée à la première utilisation) ; cette "
                            "version : {head}"),
        "status": "base : {current} ; cette version : {head} ({state})",
        "status_empty": "vide",
        "status_current": "à jour",
        "status_behind": "à faire : python -m bot db upgrade",
        "help_kb": "importer, lire, relire et exporter des faits",
        "about_kb": "Entretenir la base de connaissances.",
        "help_import": "importer un export CSV d'un tracker, ou restaurer une sauvegarde JSON",
        "help_import_format": ("layoffs-fyi : l'une des trois présentations du tracker ; json : une sauvegarde de "
                               "`kb export` (dans une base vide)"),
        "help_progress": "afficher la progression même hors d'un terminal",
        "help_create": ("créer la base de connaissances si le fichier SQLite désigné par --db n'existe pas encore "
                        "(import et ingest le font de toute façon, et le disent ; l'option le rend explicite)"),
        "help_export": "écrire chaque entreprise, source, fait et révision",
        "help_output": "fichier (json ; par défaut : la sortie standard) ou dossier (csv)",
        "help_ingest": "extraire des faits candidats d'un article de presse (son texte, ou son lien)",
        "about_ingest": ("Extraire des faits candidats d'un article de presse. Avec FILE, le texte de l'article y est "
                         "lu et --published et --language sont obligatoires ; sans FILE, la page de --url est "
                         "téléchargée et son titre, le nom du site, sa date et sa langue en sont tirés (ce que vous "
                         "donnez l'emporte)."),
        "help_article": ("le texte de l'article (UTF-8) ; - pour l'entrée standard ; omettez-le pour télécharger "
                         "--url"),
        "help_url": "le lien de l'article (cité avec chaque fait qui en vient)",
        "help_approve_now": "mettre les candidats en ligne tout de suite",
        "help_review": "lister les faits candidats en attente de relecture",
        "help_approve": "mettre des candidats en ligne (en fusionnant les récits d'un même événement)",
        "help_reject": "refuser des candidats",
        "help_edit": "modifier des champs d'un fait ou d'un candidat",
        "help_labels": "clés d'équipes ou de raisons, séparées par des virgules",
        "help_why": "pourquoi vous l'avez modifié (gardé dans l'historique)",
        "help_show": "afficher un fait avec ses sources",
        "help_history": "afficher chaque révision d'un fait",
        "progress": "  {phase} {done}/{total} lignes",
        "created_kb": "nouvelle base de connaissances créée en {path}",
        "restored": "restauré : {rows}",
        "wrote": "écrit : {path}",
        "csv_needs_folder": "L'export CSV écrit un fichier par table : donnez un dossier avec --output.",
        "cannot_write": "Impossible d'écrire {name} : {reason}.",
        "file_needs_meta": ("Un article lu dans un fichier demande --published AAAA-MM-JJ et --language en|fr "
                            "(omettez FILE pour télécharger la page de --url et les y lire)."),
        "read_page": "Lu : {title} ({publisher}, {published}, {language}).",
        "candidates": "{count} fait(s) candidat(s) tiré(s) de {url}",
        "candidate": "  n° {id} [{confidence}] {summary}{state}",
        "candidate_outcome": " -> {outcome}",
        "candidate_pending": " (en attente de relecture)",
        "held": "{count} candidat(s) dont l'extraction doute laissé(s) en attente de relecture.",
        "review_next": "Relisez-les avec `kb review`, puis `kb approve ID...` ou `kb reject ID...`.",
        "not_utf8": "{name} n'est pas du texte UTF-8.",
        "standard_input": "L'entrée standard",
        "none_waiting": "Aucun fait candidat n'attend de relecture.",
        "nothing_to_change": "Rien à modifier : donnez au moins un champ, p. ex. --count-min 1000.",
        "revision": "v{version} {at} {action} par {actor}{why}{changes}",
        "fact": ("n° {id} v{version} [{status}] {company} · {kind} · {figure} · {when} · confiance {confidence}\n"
                 "    {summary}"),
        "industry": "tout le secteur",
        "no_figure": "sans chiffre",
        "undated": "sans date",
        "fact_source": "\n    source : {publisher} {where}",
        "fact_evidence": "\n    extrait : « {evidence} »",
        "help_doctor": "vérifier les réglages, le jeton, la base et la configuration Discord avant la mise en service",
        "about_doctor": ("Vérifier, une ligne chacun avec son correctif : le fichier de réglages, la forme du jeton "
                         "Discord, la base et son schéma, et (en se connectant à Discord) les serveurs, le salon et "
                         "les rôles configurés et où la modération est active. Sort avec le statut 1 quand une "
                         "vérification échoue."),
        "help_timeout": "combien de temps attendre Discord (par défaut {seconds})",
        "check_line": "{status}  {what} : {detail}.{fix}",
        "check_fix": " Correctif : {fix}",
        "checks_failed": "{failed} vérification(s) en échec, {warned} avertissement(s).",
        "checks_ready": "Tout ce qui a été vérifié est prêt.",
        "what_settings": "réglages", "what_token": "jeton", "what_database": "base",
        "what_knowledge": "connaissances", "what_discord": "Discord", "what_servers": "serveurs",
        "what_server": "serveur", "what_moderator_server": "serveur de modération", "what_moderation": "modération",
        "what_audit_channel": "salon d'audit", "what_moderator_role": "rôle de modérateur",
        "discord_skipped": "non vérifié sans jeton",
        "no_config": "aucun fichier de configuration ; les réglages par défaut s'appliquent",
        "clone_config": "lus dans {path}, celui du clone, dont les modifications entrent en conflit avec git pull",
        "clone_config_fix": ("copiez-le en {path} (ou faites pointer LAYOFFBOT_CONFIG vers une copie) et modifiez "
                             "celle-ci"),
        "config_read": "lus dans {path}",
        "token_copy_fix": ("copiez de nouveau le jeton (Developer Portal > votre application > Bot > Reset Token) "
                           "dans {variable}"),
        "token_unset": "{variable} n'est pas défini",
        "token_unset_fix": ("mettez le jeton du bot dans {variable} (Developer Portal > votre application > Bot > "
                            "Reset Token), p. ex. dans l'EnvironmentFile du service"),
        "token_prefixed": "{variable} commence par 'Bot '",
        "token_prefixed_fix": "n'y mettez que le jeton",
        "token_quoted": "{variable} est entre guillemets",
        "token_quoted_fix": "retirez les guillemets autour du jeton",
        "token_misshapen": ("{variable} est défini mais n'a pas la forme d'un jeton de bot (trois parties séparées "
                            "par des points, la première désignant le bot)"),
        "token_shaped": "{variable} est défini et a la forme du jeton du bot d'identifiant {bot_id}",
        "database_problem": "{where} : {problem}",
        "database_ready": "{where} est joignable et son schéma est à jour ({revision})",
        "bundled_facts_only": ("seulement les {facts} faits livrés avec layoffbot (l'article dont le projet est "
                               "parti, sur Amazon)"),
        "bundled_facts_fix": "importez un export récent de layoffs.fyi (voir le README, Going live) : {command}",
        "facts_held": "{facts} faits actifs sur {companies} entreprises{latest}",
        "latest_export": " ; dernier export du tracker le {day}",
        "not_ready": "pas prêt au bout de {seconds} s",
        "not_ready_fix": ("vérifiez la connexion de la machine à discord.com, ou réessayez avec un --timeout plus "
                          "long"),
        "token_rejected": "Discord a refusé le jeton de {variable}",
        "token_rejected_fix": ("copiez le jeton actuel du bot (il change quand on le réinitialise) depuis le "
                               "Developer Portal > votre application > Bot"),
        "intents_refused": "Discord a refusé les intents du bot",
        "intents_refused_fix": "voir la section d'installation du README, étape 2",
        "no_connection": "connexion impossible ({error})",
        "no_connection_fix": "vérifiez la connexion de la machine à discord.com",
        "logged_in": "connecté en tant que {name} (identifiant {id}), sur {count} serveur(s)",
        "no_guild_ids": ("guild_ids est vide : les commandes slash sont synchronisées globalement et peuvent mettre "
                         "une heure à apparaître"),
        "no_guild_ids_fix": "mettez l'identifiant de votre serveur dans guild_ids de [discord]",
        "guild_joined": "{guild} : le bot y est",
        "guild_missing": "{id} : le bot n'y est pas (ou l'identifiant est faux)",
        "guild_missing_fix": ("invitez le bot avec le lien du README (Running it in Discord, étape 3), ou corrigez "
                              "l'identifiant dans [discord]"),
        "moderation_off": ("désactivée : personne ne peut modifier les faits depuis Discord (moderator_guild_ids et "
                           "guild_ids sont vides) ; la ligne de commande le peut toujours"),
        "moderation_off_fix": ("pour que les modérateurs de votre serveur puissent modifier les faits, mettez "
                               "moderator_guild_ids = [ID_DE_VOTRE_SERVEUR] dans [discord]"),
        "not_joined": "{id} (pas rejoint)",
        "moderators": "les membres ayant Gérer le serveur",
        "moderators_and_roles": "les membres ayant Gérer le serveur ou un rôle de modérateur",
        "moderation_elsewhere": " ; pas sur les {count} autre(s) serveur(s) où est le bot",
        "moderation_on": "{who} peuvent modifier les faits sur {guilds}{elsewhere}",
        "no_audit_channel": ("aucun : les modifications sont gardées dans l'historique de chaque fait, sans être "
                             "publiées"),
        "no_audit_channel_fix": "mettez dans audit_channel_id de [discord] un salon que lisent les modérateurs",
        "audit_unseen": "{id} : le bot ne le voit pas",
        "audit_unseen_fix": ("vérifiez l'identifiant (clic droit sur le salon > Copier l'identifiant du salon) et que "
                             "le rôle du bot peut voir ce salon"),
        "channel_in": "#{channel} sur {guild}",
        "audit_not_text": "{where} n'est pas un salon textuel",
        "audit_not_text_fix": "choisissez un salon textuel",
        "audit_cannot_post": "le bot ne peut pas publier dans {where} (manque : {missing})",
        "audit_cannot_post_fix": "accordez-les au rôle du bot dans ce salon",
        "audit_unmoderated": "{where} est sur un serveur où la modération est désactivée",
        "audit_unmoderated_fix": "utilisez un salon d'un serveur de moderator_guild_ids",
        "audit_ready": "{where} : le bot peut y publier",
        "role_missing": "{id} : aucun serveur où est le bot ne l'a",
        "role_missing_fix": ("copiez l'identifiant du rôle (Paramètres du serveur > Rôles > clic droit > Copier "
                             "l'identifiant du rôle) dans moderator_role_ids de [discord]"),
        "role_unmoderated": ("@{role} est sur {guild}, où la modération est désactivée : il n'accorde donc rien"),
        "role_unmoderated_fix": ("ajoutez {id} à moderator_guild_ids de [discord], ou retirez le rôle de "
                                 "moderator_role_ids"),
        "role_ready": "@{role} sur {guild}",
    },
}

_language = "en"


def language_from(environ: Mapping[str, str]) -> str:
    """The operator's language: LAYOFFBOT_LANGUAGE when set, else the locale's (LC_ALL, LC_MESSAGES, LANG, the
    first one set, as the C library reads them); French when it starts with "fr", English otherwise."""
    chosen = environ.get(ENV_LANGUAGE) or next(
        (environ[name] for name in ("LC_ALL", "LC_MESSAGES", "LANG") if environ.get(name)), "")
    return "fr" if chosen.lower().startswith("fr") else "en"


def use(language: str) -> None:
    """Speak `language` from now on (English when it is not one of ours)."""
    global _language
    _language = language if language in TEXT else "en"


def language() -> str:
    return _language


def say(key: str, **values: object) -> str:
    """A sentence of the catalogue in the operator's language."""
    template = TEXT[_language][key]
    return template.format(**values) if values else template


def number(value: int) -> str:
    """A count written the operator's way: 12,345 in English, 12 345 (thin space) in French."""
    written = f"{value:,}"
    return written.replace(",", "\u202f") if _language == "fr" else written
