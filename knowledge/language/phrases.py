"""Every word the bot says, in English and French.

Composition decides *what* to say from facts; this module decides *how* it
reads in each language: numbers ("27,000" / "27 000"), qualifiers ("more than"
/ "plus de"), periods ("across 2022 and 2023" / "en 2022 et 2023"), dates
and the fixed sentences of declines and notes.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from datetime import date

from knowledge.language.periods import Period
from knowledge.types import Qualifier

_MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
              "novembre", "décembre")
_ORDINAL = {"en": ("first", "second", "third", "fourth"), "fr": ("premier", "deuxième", "troisième", "quatrième")}
_WEEKDAYS = {
    "en": {"monday": "Monday", "tuesday": "Tuesday", "wednesday": "Wednesday", "thursday": "Thursday",
           "friday": "Friday", "saturday": "Saturday", "sunday": "Sunday"},
    "fr": {"monday": "lundi", "tuesday": "mardi", "wednesday": "mercredi", "thursday": "jeudi",
           "friday": "vendredi", "saturday": "samedi", "sunday": "dimanche"},
}
NARROW_SPACE = "\u202f"  # French groups thousands with a narrow no-break space

_QUALIFIED = {
    "en": {
        Qualifier.EXACT: "{n}", Qualifier.ABOUT: "about {n}", Qualifier.MORE_THAN: "more than {n}",
        Qualifier.SLIGHTLY_MORE_THAN: "slightly more than {n}", Qualifier.AT_LEAST: "at least {n}",
        Qualifier.NEARLY: "nearly {n}", Qualifier.FEWER_THAN: "fewer than {n}", Qualifier.UP_TO: "up to {n}",
        Qualifier.RANGE: "between {n} and {m}", Qualifier.DOZENS: "dozens of", Qualifier.HUNDREDS: "hundreds of",
        Qualifier.SEVERAL_HUNDRED: "several hundred", Qualifier.THOUSANDS: "thousands of",
        Qualifier.SEVERAL_THOUSAND: "several thousand",
    },
    "fr": {
        Qualifier.EXACT: "{n}", Qualifier.ABOUT: "environ {n}", Qualifier.MORE_THAN: "plus de {n}",
        Qualifier.SLIGHTLY_MORE_THAN: "un peu plus de {n}", Qualifier.AT_LEAST: "au moins {n}",
        Qualifier.NEARLY: "près de {n}", Qualifier.FEWER_THAN: "moins de {n}", Qualifier.UP_TO: "jusqu'à {n}",
        Qualifier.RANGE: "entre {n} et {m}", Qualifier.DOZENS: "des dizaines de",
        Qualifier.HUNDREDS: "des centaines de", Qualifier.SEVERAL_HUNDRED: "plusieurs centaines de",
        Qualifier.THOUSANDS: "des milliers de", Qualifier.SEVERAL_THOUSAND: "plusieurs milliers de",
    },
}

TEXT: dict[str, dict[str, str]] = {
    "en": {
        "people": "people",
        "companies": "companies",
        "and": "and",
        "unknown_size": "a round of undisclosed size",
        "laid_off": "{who} laid off {what} {when}",
        "laid_off_share": "{who} laid off {what}, {share} of its staff, {when}",
        "cut_share": "{who} cut {share} of its staff {when}",
        "started": "{who} started laying off staff on {day}",
        "round_on": "{who} announced layoffs {when}, without a figure",
        "total_rounds_one": "{who} laid off {what} {when}, in 1 round",
        "total_rounds_many": "{who} laid off {what} {when}, across {n} rounds",
        "rounds_more_one": "1 more round",
        "rounds_more_many": "{n} more rounds",
        "rounds_list": "the rounds: {items}",
        "plus_unsized_one": "plus 1 more round of undisclosed size",
        "plus_unsized_many": "plus {n} more rounds of undisclosed size",
        "plus_vague": "plus {items}",
        "stated_total": "{who} laid off {what} {when}",
        "running_total": "{who} had laid off {what} in all by {day}",
        "running_total_includes": ", a total that includes {items}",
        "broader_only": "I have no separate figure {when}. {sentence}",
        "teams": "Teams hit {when} at {who}: {items}",
        "reason": "{who} cut jobs {when} {clause}",
        "cost": "{who} put the cost of its job cuts {when} {amount}",
        "decline_industry_cost": ("I can only say what a company's own job cuts cost it (severance, restructuring "
                                  "charges) when its reporting gives a figure: name the company."),
        "reason_free": "Reason reported for {who}'s cuts {when}: “{text}”",
        "in_their_words": " (in the source's words: “{text}”)",
        "context": "According to the source, the {who} cuts {when} are probably part of {text}",
        "headcount": "{who} had {what}{scope} {when}",
        "headcount_scope": " in its {scope}",
        "timeline_head_one": "{who}: 1 layoff round on record{span}:",
        "timeline_head_many": "{who}: {n} layoff rounds on record{span}, most recent first:",
        "timeline_more": "…and {n} earlier.",
        "share_of_staff": "{share} of staff",
        "no_figure": "layoffs, no figure given",
        "coverage": "The {publisher} data I hold run from {first} to {last}.",
        "running_total_too": "At the time of its report, {publisher} gave {what} {when}",
        "timeline_item": "{when}: {what}",
        "biggest": "The biggest layoff {when} in my records: {who} cut {what}{share} {day}",
        "biggest_next": "Next: {items}",
        "latest": "The most recent layoff {when} in my records: {round}",
        "latest_before": "Before it: {items}",
        "industry_stated": "{what} tech workers were laid off {when}, according to {publisher}",
        "industry_sum": ("The trackers in my knowledge base record {what} people laid off {scope} {when}, in {rounds} "
                         "at {companies}"),
        "industry_no_figure": ("The trackers in my knowledge base record {rounds} {scope} {when}, at {companies}, "
                               "none with a figure"),
        "rows_differ": ("; adding up every row of the tracker, where some rounds are listed twice, gives {rows} "
                        "people"),
        "vague_only": "{who}'s layoffs {when} have no precise figure: {items}",
        "unsized_only_one": "{who} announced 1 layoff round {when}, without a figure",
        "unsized_only_many": "{who} announced {n} layoff rounds {when}, without figures",
        "companies_rounds": ", in {rounds}",
        "shutdowns_sum": "The trackers in my knowledge base record {what} {scope} {when}",
        "n_shutdowns_one": "1 shutdown",
        "n_shutdowns_many": "{n} shutdowns",
        "company_rounds": ", in {rounds}",
        "shutdown_people": ", laying off {what} people",
        "named_companies": "{items}",
        "and_more_one": "and 1 more",
        "and_more_many": "and {n} more",
        "rank_first": "{first} {verb} {where} in my records: {figure}",
        "rank_verb_people": "had the most people laid off",
        "rank_verb_people_least": "had the fewest people laid off",
        "rank_verb_companies": "had the most companies cutting jobs",
        "rank_verb_companies_least": "had the fewest companies cutting jobs",
        "rank_verb_rounds": "had the most layoff rounds",
        "rank_verb_rounds_least": "had the fewest layoff rounds",
        "rank_verb_company": "laid off the most people",
        "rank_verb_company_least": "laid off the fewest people",
        "rank_next": "Next: {items}",
        "rank_head": "The {n} {groups} with the most people laid off {where} in my records:",
        "rank_head_least": "The {n} {groups} with the fewest people laid off {where} in my records:",
        "list_head": "{what} {where} in my records, most people laid off first:",
        "list_more_one": "…and 1 more.",
        "list_more_many": "…and {n} more.",
        "group_company": "companies",
        "group_industry": "industries",
        "group_country": "countries",
        "group_city": "cities",
        "group_stage": "funding stages",
        "group_year": "years",
        "group_month": "months",
        "with_layoffs_company": "companies with layoffs",
        "shut_down_companies": "companies that shut down",
        "unsized_rounds_one": "1 layoff round, no figure given",
        "unsized_rounds_many": "{n} layoff rounds, no figure given",
        "with_layoffs_industry": "industries with layoffs",
        "with_layoffs_country": "countries with layoffs",
        "with_layoffs_city": "cities with layoffs",
        "with_layoffs_stage": "funding stages with layoffs",
        "with_layoffs_year": "years with layoffs",
        "with_layoffs_month": "months with layoffs",
        "group_figure": "{what} people",
        "group_rounds": ", in {rounds} at {companies}",
        "rounds_only": "{rounds} at {companies}",
        "yes": "Yes",
        "no": "No",
        "verdict": "{verdict}: {sentence}",
        "compare_companies": "{a} laid off {fa} {when}, {relation} {b}'s {fb}",
        "compare_scopes": "{fa} were laid off {a} {when}, against {fb} {b}",
        "compare_periods": "{fa} were laid off {scope} {a}, against {fb} {b}",
        "compare_scopes_none_first": "I have no layoffs on record {a} {when}, against {fb} {b}",
        "compare_periods_none_first": "I have no layoffs on record {scope} {a}, against {fb} {b}",
        "compare_company_periods": "{who} laid off {fa} {a}, against {fb} {b}",
        "compare_company_periods_none_first": "I have no layoffs on record for {who} {a}, against {fb} {b}",
        "none_on_record": "none on record",
        "compare_number": "{a} laid off {fa} {when}, {relation} {b}",
        "compare_none": "{a} laid off {fa} {when}, and I have no layoffs on record for {b} {when}",
        "difference_more": " ({n} more)",
        "difference_fewer": " ({n} fewer)",
        "more_than": "more than",
        "fewer_than": "fewer than",
        "as_many_as": "as many as",
        "lower_bounds": "Some rounds gave no figure, so these totals are lower bounds.",
        "share_of_total": "{pct} of the people laid off {when} in my records were {scope}: {part} of {whole}",
        "decline_scope": "I have no layoffs on record {scope} {when}.",
        "known_scope_years": "I do have layoffs {scope} for {years}.",
        "decline_impossible_year": "I have no layoffs on record in {year}: my records run from {first} to {last}.",
        "decline_future": ("I can't say what will happen: I only know layoffs that have been reported, "
                           "up to {last}."),
        "decline_concept": ("I can't answer questions about {what}: I only know about layoffs (how many people, "
                            "which companies, industries, countries, cities and funding stages, when and why)."),
        "decline_unclear_words": ("I can only answer questions about layoffs in the tech industry (I don't know "
                                  "what “{words}” means here)."),
        "decline_compare": "I can't compare those: I have no layoffs on record for either {when}.",
        "industry_unsized_one": "; 1 of them gave no figure",
        "industry_unsized_many": "; {n} of them gave no figure",
        "layoff_rounds_one": "1 layoff round",
        "layoff_rounds_many": "{n} layoff rounds",
        "n_adjective_companies_one": "1 {adjective} company",
        "n_adjective_companies_many": "{n} {adjective} companies",
        "n_companies_one": "1 company",
        "n_companies_many": "{n} companies",
        "companies_stated": "{what} tech companies cut jobs {when}, according to {publisher}",
        "companies_sum": "The trackers in my knowledge base record layoffs at {what} {when}",
        "share_missing": "The sources give a head count for {who} {when} but no share of staff: {sentence}",
        "dispute": "Sources disagree on {who} {when}: {items}",
        "disputed_item": "{items} (sources disagree)",
        "decline_unknown_company": "I have no facts about {name} in my knowledge base, so I can't give a figure.",
        "decline_no_facts": "I know of {who}, but I have no facts about its layoffs.",
        "decline_period": "I have no facts about {who}'s layoffs {when}.",
        "decline_no_shutdown": "I have no record of {who} shutting down{when}.",
        "decline_kind": "I have no {what} for {who}{when}.",
        "decline_off_topic": "I can only answer questions about layoffs in the tech industry.",
        "decline_industry": "I have no industry-wide figures {when}.",
        "decline_unclear": "I couldn't tell which company you mean.",
        "decline_needs_company": "I can answer that about a particular company: name one in your question.",
        "known_years": "I do have facts about {who} for {years}.",
        "known_companies": "I have facts about {names}.",
        "did_you_mean": "Did you mean {names}?",
        "try": "Try asking, for example: “{example}”",
        "kind_share": "share of staff",
        "kind_teams": "information on the teams affected",
        "kind_reason": "reason given",
        "kind_headcount": "head count",
        "kind_cost": "figure for what the job cuts cost",
        "kind_dates": "dated layoff",
        "kind_figures": "layoff figure",
        "example_count": "How many people did {who} lay off in {year}?",
        "example_open": "{who} layoffs",
        "suggest_company": "{who}: layoffs on record for {years}",
        "note_weekday": ("Note: the source dates this “{stated_weekday} {stated_day}”, but {date} was a "
                         "{actual_weekday}; it may mean {likely}."),
        "note_machine": "Note: {publisher} is a machine translation; figures are as it states them.",
        "reference": "[{n}] {source}",
        "undated": "at a date the source does not give",
        "as_of": "(as of {day})",
        "published_unknown": "date unknown",
    },
    "fr": {
        "people": "personnes",
        "companies": "entreprises",
        "and": "et",
        "unknown_size": "une vague d'ampleur non précisée",
        "laid_off": "{who} a licencié {what} {when}",
        "laid_off_share": "{who} a licencié {what}, soit {share} de ses effectifs, {when}",
        "cut_share": "{who} a supprimé {share} de ses effectifs {when}",
        "started": "{who} a commencé à licencier le {day}",
        "round_on": "{who} a annoncé des licenciements {when}, sans chiffre",
        "total_rounds_one": "{who} a licencié {what} {when}, en 1 vague",
        "total_rounds_many": "{who} a licencié {what} {when}, en {n} vagues",
        "rounds_more_one": "1 autre vague",
        "rounds_more_many": "{n} autres vagues",
        "rounds_list": "les vagues : {items}",
        "plus_unsized_one": "plus 1 autre vague d'ampleur non précisée",
        "plus_unsized_many": "plus {n} autres vagues d'ampleur non précisée",
        "plus_vague": "plus {items}",
        "stated_total": "{who} a licencié {what} {when}",
        "running_total": "{who} avait licencié {what} au total au {day}",
        "running_total_includes": ", un total qui comprend {items}",
        "broader_only": "Je n'ai pas de chiffre distinct {when}. {sentence}",
        "teams": "Équipes touchées {when} chez {who} : {items}",
        "reason": "{who} a supprimé des emplois {when} {clause}",
        "cost": "{who} a chiffré le coût de ses suppressions d'emplois {when} {amount}",
        "decline_industry_cost": ("Je ne peux donner le coût des suppressions d'emplois (indemnités, charges de "
                                  "restructuration) que pour une entreprise dont les sources le chiffrent : "
                                  "nommez l'entreprise."),
        "reason_free": "Raison rapportée pour les suppressions chez {who} {when} : « {text} »",
        "in_their_words": " (selon la source : « {text} »)",
        "context": "Selon la source, les suppressions chez {who} {when} s'inscrivent probablement dans « {text} »",
        "headcount": "{who} comptait {what}{scope} {when}",
        "headcount_scope": " dans son organisation « {scope} »",
        "timeline_head_one": "{who} : 1 vague de licenciements connue{span} :",
        "timeline_head_many": ("{who} : {n} vagues de licenciements connues{span}, de la plus récente à la plus "
                               "ancienne :"),
        "timeline_more": "…et {n} plus anciennes.",
        "share_of_staff": "{share} des effectifs",
        "no_figure": "licenciements, sans chiffre",
        "coverage": "Les données {publisher} de ma base vont de {first} à {last}.",
        "running_total_too": "À la date de son article, {publisher} indiquait {what} {when}",
        "timeline_item": "{when} : {what}",
        "biggest": "Le plus grand licenciement {when} dans mes données : {who} a supprimé {what}{share} {day}",
        "biggest_next": "Ensuite : {items}",
        "latest": "Le licenciement le plus récent {when} dans mes données : {round}",
        "latest_before": "Avant : {items}",
        "industry_stated": "{what} salariés de la tech ont été licenciés {when}, selon {publisher}",
        "industry_sum": ("Les suivis de ma base recensent {what} personnes licenciées {scope} {when}, en {rounds} "
                         "dans {companies}"),
        "industry_no_figure": ("Les suivis de ma base recensent {rounds} {scope} {when}, dans {companies}, sans "
                               "chiffre"),
        "rows_differ": (" ; en additionnant chaque ligne du suivi, où certaines vagues figurent deux fois, on obtient "
                        "{rows} personnes"),
        "vague_only": "Les licenciements de {who} {when} n'ont pas de chiffre précis : {items}",
        "unsized_only_one": "{who} a annoncé 1 vague de licenciements {when}, sans chiffre",
        "unsized_only_many": "{who} a annoncé {n} vagues de licenciements {when}, sans chiffres",
        "companies_rounds": ", en {rounds}",
        "shutdowns_sum": "Les suivis de ma base recensent {what} {scope} {when}",
        "n_shutdowns_one": "1 fermeture d'entreprise",
        "n_shutdowns_many": "{n} fermetures d'entreprises",
        "company_rounds": ", en {rounds}",
        "shutdown_people": ", soit {what} personnes licenciées",
        "named_companies": "{items}",
        "and_more_one": "et 1 autre",
        "and_more_many": "et {n} autres",
        "rank_first": "{verb} {where} dans mes données : {first}, {figure}",
        "rank_verb_people": "le plus de personnes licenciées",
        "rank_verb_people_least": "le moins de personnes licenciées",
        "rank_verb_companies": "le plus d'entreprises ayant licencié",
        "rank_verb_companies_least": "le moins d'entreprises ayant licencié",
        "rank_verb_rounds": "le plus de vagues de licenciements",
        "rank_verb_rounds_least": "le moins de vagues de licenciements",
        "rank_verb_company": "l'entreprise qui a licencié le plus de personnes",
        "rank_verb_company_least": "l'entreprise qui a licencié le moins de personnes",
        "rank_next": "Ensuite : {items}",
        "rank_head": "Les {n} {groups} qui comptent le plus de personnes licenciées {where} dans mes données :",
        "rank_head_least": ("Les {n} {groups} qui comptent le moins de personnes licenciées {where} dans mes "
                            "données :"),
        "list_head": "{what} {where} dans mes données, du plus grand nombre de licenciés au plus petit :",
        "list_more_one": "…et 1 autre.",
        "list_more_many": "…et {n} autres.",
        "group_company": "entreprises",
        "group_industry": "secteurs",
        "group_country": "pays",
        "group_city": "villes",
        "group_stage": "stades de financement",
        "group_year": "années",
        "group_month": "mois",
        "with_layoffs_company": "entreprises ayant licencié",
        "shut_down_companies": "entreprises qui ont fermé",
        "unsized_rounds_one": "1 vague, sans chiffre",
        "unsized_rounds_many": "{n} vagues, sans chiffre",
        "with_layoffs_industry": "secteurs touchés par des licenciements",
        "with_layoffs_country": "pays touchés par des licenciements",
        "with_layoffs_city": "villes touchées par des licenciements",
        "with_layoffs_stage": "stades de financement touchés par des licenciements",
        "with_layoffs_year": "années avec des licenciements",
        "with_layoffs_month": "mois avec des licenciements",
        "group_figure": "{what} personnes",
        "group_rounds": ", en {rounds} dans {companies}",
        "rounds_only": "{rounds} dans {companies}",
        "yes": "Oui",
        "no": "Non",
        "verdict": "{verdict} : {sentence}",
        "compare_companies": "{a} a licencié {fa} {when}, {relation} {fb} pour {b}",
        "compare_scopes": "{fa} ont été licenciées {a} {when}, {relation} {fb} {b}",
        "compare_periods": "{fa} ont été licenciées {scope} {a}, {relation} {fb} {b}",
        "compare_scopes_none_first": "je n'ai aucun licenciement recensé {a} {when}, contre {fb} {b}",
        "compare_periods_none_first": "je n'ai aucun licenciement recensé {scope} {a}, contre {fb} {b}",
        "compare_company_periods": "{who} a licencié {fa} {a}, {relation} {fb} {b}",
        "compare_company_periods_none_first": "je n'ai aucun licenciement recensé pour {who} {a}, contre {fb} {b}",
        "none_on_record": "aucun recensé",
        "compare_number": "{a} a licencié {fa} {when}, {relation} {b}",
        "compare_none": "{a} a licencié {fa} {when}, et je n'ai aucun licenciement recensé pour {b} {when}",
        "difference_more": " ({n} de plus)",
        "difference_fewer": " ({n} de moins)",
        "more_than": "contre",
        "fewer_than": "contre",
        "as_many_as": "autant que",
        "lower_bounds": "Certaines vagues n'ont pas de chiffre : ces totaux sont des minimums.",
        "share_of_total": ("{pct} des personnes licenciées {when} dans mes données l'ont été {scope} : {part} sur "
                           "{whole}"),
        "decline_scope": "Je n'ai aucun licenciement recensé {scope} {when}.",
        "known_scope_years": "J'en ai en revanche {scope} pour {years}.",
        "decline_impossible_year": ("Je n'ai aucun licenciement recensé en {year} : mes données vont de {first} "
                                    "à {last}."),
        "decline_future": ("Je ne peux pas dire ce qui arrivera : je ne connais que les licenciements déjà "
                           "annoncés, jusqu'à {last}."),
        "decline_concept": ("Je ne peux pas répondre sur {what} : je ne connais que les licenciements (combien de "
                            "personnes, quelles entreprises, quels secteurs, pays, villes et stades de financement, "
                            "quand et pourquoi)."),
        "decline_unclear_words": ("Je ne réponds qu'aux questions sur les licenciements dans la tech (je ne sais pas "
                                  "ce que « {words} » veut dire ici)."),
        "decline_compare": ("Je ne peux pas comparer : je n'ai aucun licenciement recensé ni pour l'un ni pour "
                            "l'autre {when}."),
        "industry_unsized_one": " ; 1 d'entre elles n'a pas de chiffre",
        "industry_unsized_many": " ; {n} d'entre elles n'ont pas de chiffre",
        "layoff_rounds_one": "1 vague",
        "layoff_rounds_many": "{n} vagues",
        "n_adjective_companies_one": "1 entreprise {adjective}",
        "n_adjective_companies_many": "{n} entreprises {adjective}",
        "n_companies_one": "1 entreprise",
        "n_companies_many": "{n} entreprises",
        "companies_stated": "{what} entreprises de la tech ont licencié {when}, selon {publisher}",
        "companies_sum": "Les suivis de ma base recensent des licenciements dans {what} {when}",
        "share_missing": ("Les sources donnent un nombre de postes pour {who} {when}, mais pas de part des "
                          "effectifs : {sentence}"),
        "dispute": "Les sources divergent pour {who} {when} : {items}",
        "disputed_item": "{items} (les sources divergent)",
        "decline_unknown_company": ("Je n'ai aucun fait sur {name} dans ma base ; je ne peux donc pas donner "
                                    "de chiffre."),
        "decline_no_facts": "Je connais {who}, mais je n'ai aucun fait sur ses licenciements.",
        "decline_period": "Je n'ai aucun fait sur des licenciements chez {who} {when}.",
        "decline_no_shutdown": "Je n'ai aucune trace d'une fermeture de {who}{when}.",
        "decline_kind": "Je n'ai pas de {what} pour {who}{when}.",
        "decline_off_topic": "Je ne réponds qu'aux questions sur les licenciements dans la tech.",
        "decline_industry": "Je n'ai pas de chiffres pour l'ensemble du secteur {when}.",
        "decline_unclear": "Je n'ai pas compris de quelle entreprise il s'agit.",
        "decline_needs_company": "Je peux répondre à cela pour une entreprise donnée : nommez-la dans votre question.",
        "known_years": "J'ai en revanche des faits sur {who} pour {years}.",
        "known_companies": "J'ai des faits sur {names}.",
        "did_you_mean": "Vouliez-vous dire {names} ?",
        "try": "Essayez par exemple : « {example} »",
        "kind_share": "part des effectifs",
        "kind_teams": "information sur les équipes touchées",
        "kind_reason": "raison connue",
        "kind_headcount": "effectif connu",
        "kind_cost": "chiffre du coût des suppressions",
        "kind_dates": "licenciement daté",
        "kind_figures": "chiffre de licenciements",
        "example_count": "Combien de personnes {who} a-t-elle licenciées en {year} ?",
        "example_open": "licenciements {who}",
        "suggest_company": "{who} : licenciements connus pour {years}",
        "note_weekday": ("Remarque : la source date ceci du « {stated_weekday} {stated_day} », mais le {date} était "
                         "un {actual_weekday} ; il s'agit peut-être du {likely}."),
        "note_machine": "Remarque : {publisher} est une traduction automatique ; les chiffres sont ceux qu'elle donne.",
        "reference": "[{n}] {source}",
        "undated": "à une date que la source ne précise pas",
        "as_of": "(au {day})",
        "published_unknown": "date inconnue",
    },
}


def say(language: str, key: str, **values: object) -> str:
    return TEXT[language][key].format(**values)


def say_n(language: str, key: str, n: int, **values: object) -> str:
    """A phrase that agrees with a count: `key_one` for 1, `key_many` otherwise."""
    return say(language, f"{key}_{'one' if n == 1 else 'many'}", n=number(n, language), **values)


def number(value: float, language: str) -> str:
    text = f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"
    if language == "fr":
        text = text.replace(",", NARROW_SPACE).replace(".", ",")
    return text


def percent(value: float, language: str) -> str:
    shown = _share_digits(value)
    return f"{shown.replace('.', ',')}\u00a0%" if language == "fr" else f"{shown}%"


def _share_digits(value: float) -> str:
    """A share to one decimal, or more when one would round it to 0% or 100% (0.04% is not "0%")."""
    if value == int(value):
        return f"{value:.0f}"
    for decimals in range(1, 6):
        shown = f"{value:.{decimals}f}".rstrip("0").rstrip(".")
        if 0 < float(shown) < 100:
            return shown
    return f"{value:g}"


def qualified_percent(value: float, qualifier: str | None, language: str) -> str:
    """A share as the source qualified it: "about 13%", "environ 13 %", "nearly 5%"."""
    q = Qualifier(qualifier) if qualifier else Qualifier.EXACT
    if q.is_vague or q is Qualifier.RANGE:
        q = Qualifier.EXACT
    return _QUALIFIED[language][q].format(n=percent(value, language), m="")


def qualified(count_min: int | None, count_max: int | None, qualifier: str | None, language: str) -> str:
    """A figure as the source qualified it: "more than 27,000", "several hundred"."""
    q = Qualifier(qualifier) if qualifier else Qualifier.EXACT
    low = count_min if count_min is not None else count_max
    high = count_max if count_max is not None else count_min
    if q is Qualifier.RANGE and (low is None or high is None or low == high):
        q = Qualifier.EXACT
    if q is Qualifier.EXACT and low is not None and high is not None and low != high:
        q = Qualifier.RANGE
    if q in {Qualifier.FEWER_THAN, Qualifier.UP_TO, Qualifier.NEARLY}:
        low = high
    template = _QUALIFIED[language][q]
    return template.format(n=number(low or 0, language), m=number(high or 0, language))


def figure(count_min: int | None, count_max: int | None, qualifier: str | None, share: float | None,
           share_qualifier: str | None, language: str) -> str:
    """A fact's whole figure as a person writes it (and as the fact form reads it back): "more than 27,000
    (13%)", "about 6%", "several hundred"; "" when the fact gives none."""
    shown = qualified(count_min, count_max, qualifier, language) if count_min is not None or count_max is not None \
        else ""
    if share:
        part = qualified_percent(share, share_qualifier, language)
        shown = f"{shown} ({part})" if shown else part
    return shown


_CURRENCIES = {"USD": ("dollars", "de dollars"), "EUR": ("euros", "d'euros"), "GBP": ("pounds", "de livres sterling"),
               "CHF": ("Swiss francs", "de francs suisses"), "INR": ("rupees", "de roupies")}
_UNITS = {"million": ("million", "millions"), "thousand": ("thousand", "mille")}


def money(count_min: int | None, count_max: int | None, qualifier: str | None, unit: str | None,
          language: str) -> str:
    """A cost fact's figure: "about 800 million dollars", "entre 35 et 45 millions". `unit` is the fact's
    ("USD million"); the number shown is the fact's own, so a reader (and a checker) can find it there."""
    currency, _, scale = (unit or "million").rpartition(" ")
    shown = qualified(count_min, count_max, qualifier, language)
    size = _UNITS.get(scale, _UNITS["million"])
    names = _CURRENCIES.get(currency)
    if language == "fr":
        return f"{shown} {size[1]}" + (f" {names[1]}" if names else "")
    return f"{shown} {size[0]}" + (f" {names[0]}" if names else "")


def people(figure: str, language: str, noun: str = "people") -> str:
    """A figure with its noun: "more than 27,000 people", "plusieurs centaines de personnes"."""
    return f"{figure} {TEXT[language][noun]}"


def day(value: date, language: str) -> str:
    if language == "fr":
        first = "1er" if value.day == 1 else str(value.day)
        return f"{first} {_MONTHS_FR[value.month - 1]} {value.year}"
    return f"{value.day} {calendar.month_name[value.month]} {value.year}"


def month_name(year: int, month: int, language: str) -> str:
    name = _MONTHS_FR[month - 1] if language == "fr" else calendar.month_name[month]
    return f"{name} {year}"


def weekday(key: str, language: str) -> str:
    return _WEEKDAYS[language].get(key, key)


def _month_aligned(period: Period) -> bool:
    last = calendar.monthrange(period.end.year, period.end.month)[1]
    return period.start.day == 1 and period.end.day == last


def when(period: Period | None, language: str) -> str:
    """A period as a prepositional phrase: "in 2023", "across 2022 and 2023", "le 4 novembre 2022"."""
    fr = language == "fr"
    if period is None:
        return TEXT[language]["undated"]
    start, end = period.start, period.end
    if period.grain == "to_date":
        return f"depuis le début de {start.year}" if fr else f"so far in {start.year}"
    if period.grain == "since":
        since = month_name(start.year, start.month, language) if start.day == 1 else day(start, language)
        return f"depuis {since}" if fr else f"since {since}"
    if start == end:
        return f"le {day(start, language)}" if fr else f"on {day(start, language)}"
    if start == date(start.year, 1, 1) and end == date(end.year, 12, 31):
        if start.year == end.year:
            return f"en {start.year}" if fr else f"in {start.year}"
        if end.year == start.year + 1:
            return f"en {start.year} et {end.year}" if fr else f"across {start.year} and {end.year}"
        return f"de {start.year} à {end.year}" if fr else f"from {start.year} to {end.year}"
    if _month_aligned(period):
        if start.year == end.year and start.month == end.month:
            return f"en {month_name(start.year, start.month, language)}" if fr else \
                f"in {month_name(start.year, start.month, language)}"
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        if start.year == end.year and months in {3, 6} and (start.month - 1) % months == 0:
            index = (start.month - 1) // months
            if months == 3:
                return f"au {_ORDINAL['fr'][index]} trimestre {start.year}" if fr else \
                    f"in the {_ORDINAL['en'][index]} quarter of {start.year}"
            return f"au {_ORDINAL['fr'][index]} semestre {start.year}" if fr else \
                f"in the {_ORDINAL['en'][index]} half of {start.year}"
        first, last = month_name(start.year, start.month, language), month_name(end.year, end.month, language)
        return f"entre {first} et {last}" if fr else f"between {first} and {last}"
    return f"entre le {day(start, language)} et le {day(end, language)}" if fr else \
        f"between {day(start, language)} and {day(end, language)}"


def join(items: Sequence[str], language: str) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {TEXT[language]['and']} {items[-1]}"


def sentence(text: str) -> str:
    """Capitalise the first letter and end with a full stop (keeps citation markers after it)."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?:" else text + "."


def year_span(years: Sequence[int], language: str) -> str:
    """Years as a reader would write them: "2022", "2022–2024", "2020, 2022 and 2024"."""
    ordered = sorted(set(years))
    if not ordered:
        return ""
    if len(ordered) > 1 and ordered[-1] - ordered[0] == len(ordered) - 1:
        return f"{ordered[0]}–{ordered[-1]}"
    return join([str(y) for y in ordered], language)
