"""The words that tell what a sentence says about jobs, in English and French.

Every pattern runs on a sentence's folded words (`Sentence.folded`): lower
case, no accents, numbers as digits, and commas or parentheses as words of
their own.  Machine-translated French is written the way translation engines
write it ("plus que 300", "autour de 500", "coupes d emploi"), so common
calques are listed beside the correct forms.
"""

from __future__ import annotations

import re


def words(expression: str) -> re.Pattern[str]:
    """A pattern that only matches whole words of a folded sentence."""
    return re.compile(rf"(?<![\w.])(?:{expression})(?![\w])")


# Who a figure counts.
PEOPLE = (
    r"employees?|workers?|jobs?|positions?|roles?|people|persons|staff(?:ers)?|personnel|team members|members"
    r"|engineers|contractors|redundancies|layoffs|job cuts|job losses|posts|heads|workplaces"
    r"|employes?|employees?|salaries|salariees?|salarie|postes?|emplois?|personnes|travailleurs|travailleuses"
    r"|collaborateurs|collaboratrices|agents|ingenieurs|licenciements|suppressions|departs|effectifs|karyawan"
    r"|developers|programmers|developpeurs|programmeurs|techniciens|technicians|ouvriers|cadres|managers"
    r"|prestataires|freelancers|freelances|interimaires|temporary workers|temps|sous - traitants|vendors staff"
)
COMPANIES = r"companies|firms|startups|start - ups|businesses|employers|entreprises|societes|firmes|employeurs|groupes"
# Words that may sit between a number and what it counts ("1,200 full-time employees").
FILLER = (
    r"(?:full - time|part - time|more|additional|other|of|its|de|d|ses|leurs|autres|nouveaux|nouvelles|supplementaires"
    r"|corporate|office|salaried|permanent|contract|temporary|tech|technology|technologiques|global|direct|current"
    r"|remaining|existing|local|french|american|us|uk|european|fewer|du|des|les|the|their|its|de plus|en plus"
    r"|internal|internes|software|sales|support|retail|warehouse|white - collar|company|net|more than|total)"
)

# A verb or noun whose object is people losing their jobs; a number may follow it directly.
LAYOFF_VERB = (
    r"lay(?:s|ing)? off|laid off|to lay off|cut(?:s|ting)?|eliminat(?:e|es|ed|ing)|ax(?:e|es|ed|ing)"
    r"|slash(?:es|ed|ing)?|shed(?:s|ding)?|fir(?:e|es|ed|ing)|dismiss(?:es|ed|ing)?|(?:let|lets|letting) go(?: of)?"
    r"|laying off"
    r"|trim(?:s|med|ming)?|shrink(?:s|ing)? (?:its |the )?(?:workforce|headcount|staff) by"
    r"|reduc(?:e|es|ed|ing) (?:its |the |their )?(?:workforce|headcount|staff|employees|team) by"
    r"|affect(?:s|ed|ing)?|impact(?:s|ed|ing)?|hit(?:s|ting)?|involv(?:es|ed|ing)"
    r"|licenci(?:er|e|es|ee|ees|era|eront|ent|ait|aient)|supprim(?:er|e|es|ee|ees|era|eront|ent|ait)"
    r"|se separ(?:er|e|era|ent) (?:de|d)|separant (?:de|d)|remerci(?:er|e|es)|touch(?:er|e|ant|era)|concern(?:er|e|ant)"
    r"|affect(?:er|ant)|(?:suppression|suppressions|licenciement|licenciements|depart|departs|reduction|coupe|coupes)"
    r" (?:de|d)|job cuts of|layoffs of|cuts of"
    r"|(?:redui(?:re|t|ra|sent|sait)|reduction|reduisant) (?:de )?(?:ses |les |son |leurs |l |la )?(?:effectifs|equipe"
    r"|personnel|masse salariale) (?:de|d)"
    r"|(?:mis|mettre|met|mettra|mettant) fin (?:aux|au) contrats? (?:de|d|des)"
    r"|terminat(?:e|ed|es|ing) (?:the )?contracts? (?:of|for)"
    # "entraînant la perte de ses 48 emplois", "the loss of all its 120 jobs": every job of a company that closes
    r"|(?:perte|pertes|disparition|suppression) (?:de|d) (?:tous |toutes |l ensemble de )?(?:ses|leurs)"
    r"|(?:loss|losses|elimination) of (?:all )?(?:its|their)(?: all)?|(?:la |the )?(?:perte|loss) (?:de|d|of)"
)

# Any mention of job losses: a sentence without one is not about a layoff round.
LAYOFF = words(
    r"lay(?:s|ing)? off|laid off|layoffs?|lay - offs?|job cuts?|job losses|jobs? (?:will be |were |are )?(?:cut|lost)"
    r"|(?:cut|cuts|cutting|eliminat\w+|slash\w*|shed\w*|ax\w*|reduc\w+|trim\w*|shrink\w*|shrank|downsiz\w*)"
    r" (?:\w+ ){0,4}?(?:jobs|staff|workforce|positions|roles|employees|headcount|workers|people|posts"
    r"|size of (?:the |its |our )?(?:team|company|organi[sz]ation))"
    r"|(?:jobs|positions|roles|posts|postes|emplois) (?:\w+ ){0,3}(?:cut|eliminated|axed|slashed|affected|go|disappear"
    r"|vanish|disparaitre|disparaitront|disparaissent)"
    r"|fir(?:e|ed|es|ing) (?:\w+ ){0,3}(?:employees|workers|staff|people)|fired|firing|dismiss\w*"
    r"|(?:let|lets|letting) go"
    r"|redundanc\w+|downsiz\w+|workforce reduction|reduction in force|reductions? in (?:its )?workforce"
    r"|(?:lost|lose|losing) (?:their|his|her) jobs?|the cuts|these cuts|job reductions|headcount reductions?"
    r"|(?:mis|mettre|met|mettra|mettant) fin (?:aux|au) contrats?|terminat\w+ (?:the )?contracts?"
    r"|perdu (?:\w+ ){0,3}(?:emplois|postes|salaries)|lost (?:\w+ ){0,3}(?:jobs|positions|roles)"
    r"|licenci\w+|suppressions? (?:de |d )?(?:\w+ ){0,3}(?:postes?|emplois?)"
    r"|supprim\w+ (?:\w+ ){0,5}(?:postes?|emplois?)"
    r"|(?:postes?|emplois?) (?:\w+ ){0,3}supprim\w+|coupes? (?:d |dans |de )(?:\w+ ){0,2}(?:emplois?|effectifs|postes?)"
    r"|redui\w* (?:ses |les |son |l |leurs? |la )?(?:effectifs?|equipes?|personnel|voilure)"
    r"|reduction (?:des |de ses |d )?effectifs?"
    r"|plan (?:social|de departs?)|se separ\w+ (?:de|d)|separant (?:de|d)|perdu leur emploi|perdre leur emploi"
    r"|destructions? d emplois|(?:ces|les) (?:\d+ )?(?:suppressions|departs|licenciements)|ces coupes|remercie\w*"
    r"|reduit (?:ses |son )?effectifs|cut|cuts|cutting|slashes|slashed|axed|eliminated|eliminates"
    r"|affected (?:employees|staff|workers|roles|people|persons)|(?:persons|people|employees|staff|workers) affected"
    r"|(?:personnes|salaries|employes|postes) (?:touche|affecte|concerne)e?s|departs contraints|departs volontaires"
    r"|(?:seront|sont|ont ete|will be|were|are) (?:les plus |most )?(?:touche|affecte|concerne)e?s"
    r"|(?:most|hardest) (?:affected|hit)|(?:latest|these|the|job|workforce) reductions"
    r"|(?:les |ces )?departs (?:\w+ ){0,2}(?:concern\w*|touch\w*)"
)

# Said of something planned rather than done: still a fact about an announced plan.
PLAN = words(
    r"plans? to|planned|planning to|will|would|is set to|are set to|to cut|to lay off|intends? to|expects? to"
    r"|is expected to|aims? to|is going to|announced plans|prevoit|prevoyait|va|vont|compte|entend|projette"
    r"|a l intention"
    r"|devrait|devraient"
)
# Said of something only considered, not decided: "could cut half", "is weighing", "pourrait".
# Within the words that lead to a figure, it makes the figure speculation, never a fact.
SPECULATION = words(
    r"could|may|might|considering|consider|is weighing|weighs|weighing|mulling|exploring|explore|rumou?rs?"
    r"|rumored|would not rule out|does not rule out|possibly|potentially|pourrait|pourraient|envisag\w+|rumeurs?"
    r"|speculat\w+|n exclut pas|n exclut|(?:no|aucune) decision"
    r"|(?:discuss|discusses|discussed|discussing|debated|debating) (?:\w+ )?(?:cutting|eliminating|laying off|reducing"
    r"|shedding|plans? to|options?)|in talks (?:to|about)"
    r"|(?:fears?|feared|fearing|worries|worried|warns?|warned) (?:that )?(?:the (?:company|group|firm|management) )?"
    r"(?:could|might|may|would|will)|(?:redout\w+|crai(?:nt|gnent|gnait|ndre)) (?:que|qu)"
)
# Reported by others, not (yet) confirmed by the company: still reporting, with less certainty.
ATTRIBUTION = words(
    r"reportedly|people familiar|person familiar|people with knowledge|person with knowledge|sources? (?:said|say|told"
    r"|close|familiar)|according to (?:sources|people|a person|two people|three people|several people|reports|media"
    r"|a report|an? (?:internal )?(?:memo|document|email)|documents?)|people briefed|person briefed"
    r"|selon des sources|selon nos informations|selon la presse|selon des medias|selon plusieurs medias"
    r"|selon des sources (?:proches|syndicales|internes)|d apres (?:des sources|nos informations|un document)"
    r"|serait|seraient|aurait|auraient|rumou?rs?|according to (?:bloomberg|reuters|the information|business insider)"
)
# A figure someone else puts forward and the company does not confirm, or denies.
DENIAL = words(
    r"denied|denies|deny|denying|dismissed (?:the |those )?reports|no plans?|not planning|has no plan|won t"
    r"|will not (?:cut|lay off)|rejected (?:the )?reports|dement\w*|a nie|ont nie|n envisage pas|aucun plan"
    r"|pas de plan|neither confirmed|ni confirme|did not confirm|would not confirm|declined to confirm|unconfirmed"
    r"|refused to confirm|asked (?:\w+ ){0,3}(?:how|whether|if)|a demande (?:\w+ ){0,3}(?:combien|si)|false|faux"
    r"|inexact|would not comment on the (?:number|figure)|did not say how many|sans preciser|n a pas confirme"
)
# A sentence that rules layoffs out.
NO_LAYOFFS = words(
    r"no layoffs|no job cuts|not lay off|not cut (?:any )?jobs|without layoffs|ruled out layoffs|pas de licenciements?"
    r"|aucun licenciement|aucune suppression|sans licenciements?|exclu (?:tout|les) licenciements?"
    r"|ecart\w* (?:toute?s?|les|des) (?:suppressions?|licenciements?)|rul\w* out (?:any )?(?:layoffs|job cuts)"
    r"|never (?:\w+ ){0,2}?(?:cut|laid off|lays off|had (?:\w+ )?layoffs|shed)"
    r"|n a jamais (?:\w+ )?(?:licencie|supprime)"
    r"|has not cut|have not cut|did not cut|didn t cut|hasn t cut|n a pas (?:licencie|supprime)"
)
# Just before a figure: a stated running total.
TOTAL_BEFORE = words(
    r"(?:brings?|bringing|brought|takes?|taking|raises?|raising|lifts?|lifting|pushes|pushing) (?:\w+ ){0,6}?"
    r"(?:total|tally|count|number) (?:\w+ ){0,10}?(?:to|at)|totall?(?:ing|ed|s)|a total of|in total|total of"
    r"|cumulative|cumul\w*|altogether|all told|au total|en tout|un total (?:de|d)|total (?:de|d)"
    r"|port(?:e|ant|ait|era) (?:le|ce|son|leur) (?:total|nombre|bilan|chiffre) (?:\w+ ){0,6}?(?:a|au)"
    r"|total (?:\w+ ){0,6}?(?:to|at|a)|so far|to date|since then|jusqu ici|jusqu a present"
)
# Just after a figure: "27,000 in total", "30 000 au total".
TOTAL_AFTER = words(r"in total|in all|au total|en tout|altogether|all told|so far|to date|jusqu ici|jusqu a present"
                    r"|overall|including the|y compris (?:les|la|le|l)|dont les")
# Just before a figure: an earlier or comparable round.
EARLIER = words(
    r"after|following|on top of|in addition to|adding to|follows|comes after|previously|earlier|already|last year"
    r"|apres|en plus (?:de|des|d)|fait suite|suite a|deja|precedemment|auparavant|s ajoutent|s ajoute"
    r"|including the|y compris (?:les|la|le|l)"
)
# Before a figure: the size of a workforce, not people losing their jobs.
HEADCOUNT_BEFORE = words(
    r"(?:had|has|have|employs|employed|employing|employ|with|counts|counted|numbers|numbered|totals|staff of"
    r"|workforce of|headcount of|head count of|employee base of|team of|comptait|compte|comptent|comptaient"
    r"|emploie|emploient|employait|employaient|rassemble|rassemblait|effectifs? (?:de|d)|une capacite (?:de|d)"
    r"|capacite (?:de|d)|une equipe (?:de|d)|fort (?:de|d)|forte (?:de|d)|sur (?:ses|les|un total de)|of its|out of"
    r"|among its|parmi (?:ses|les)|de ses|on its payroll|workforce (?:stood|stands) at|qui compte|qui comptait"
    r"|workforce (?:was|is) (?:\w+ )?at|totalling|a capacity of|compte avec|counts with|headcount to|workforce to"
    r"|effectifs a|staff to|revendique|revendiquait|claims|claimed|compte aujourd hui"
    r"|of (?:the )?(?:company|firm|group|[\w-]+) s)"
)
# Before a second figure of the same kind: "up from about 48,000 three years earlier".
COMPARED = words(
    r"up from|down from|compared with|compared to|compares? (?:with|to)|from|versus|vs|contre|par rapport a"
    r"|alors qu il y en avait"
)
# The figure is the whole industry's.
INDUSTRY = words(
    r"tech workers|tech employees|tech jobs|technology workers|tech sector|tech industry|the industry|industry - wide"
    r"|across the (?:sector|industry)|layoffs . fyi|layoffs.fyi|\w+ . fyi|\w+.fyi|fyi|tracker|trackers|trueup"
    r"|crunchbase|site de suivi|secteur|travailleurs de la tech|salaries de la tech|l industrie|industrie"
    r"|tech companies|(?:in|across|throughout) the (?:sector|industry)|the sector|le secteur|dans la (?:tech|fintech)"
    r"|in (?:fintech|tech|gaming|the games industry)|la tech (?:francaise|europeenne|americaine|mondiale)"
    r"|entreprises (?:de la )?tech|entreprises technologiques|du numerique|start - ups|startups|companies|entreprises"
    r"|travailleurs (?:de la tech|du secteur|du numerique)|challenger"
)
# Reported speech, a memo, a blog post: how companies explain cuts.
SAID = words(
    r"said|says|told|wrote|write|note|memo|blog|statement|letter|email|e - mail|announced|explained|cited|citing"
    r"|blamed|attributed|a declare|a indique|a explique|a affirme|a annonce|selon|message|courriel|communique|lettre"
    r"|note interne|justifie|invoque|expliquant|a precise|reconnu|reconnait|admet|acknowledged|admitted"
    r"|accepted responsibility|informed|informe|a informe|annonce|annoncee|annonces|a fait savoir|reported|confirmed"
    r"|a confirme|described|decrit|according to|d apres|filing|filed|filings|a - t - (?:il|elle) \w+|a dit|ont dit"
)
# The cuts given a purpose: "as it tries to", "in order to", "dans le cadre de".
PURPOSE = words(
    r"as it|as the company|in order to|to become|as part of|in an effort to|in a bid to"
    r"|after (?:it|the company|hiring|having)|afin de|pour devenir|pour reduire|dans le cadre|pour faire face"
    r"|pour gagner"
)
# The cuts explained by a cause: "because", "blamed", "justifie ... par".
BECAUSE = words(
    r"because|due to|amid|citing|blamed|en raison|a cause|face a|sur fond de|alors que|a la suite|du fait|consequence"
    r"|reason|raison|driven by|responsibility|responsabilite|blames|blaming|cited|cites|attributed|attributes"
    r"|pointed to|points to|explained|explains|explaining|justified|justifies|invoqu\w*|justifi\w*|evoqu\w*"
    r"|expliqu\w*|met en avant|mettant en avant|called for|calls for|forced|forcing|prompted|pushed|led to"
    r"|oblig\w*|contraint\w*|pousse\w*|after (?:a|an|the) (?:\w+ ){0,2}(?:drop|fall|decline|slump|slowdown|plunge"
    r"|loss|losses|collapse)|apres (?:un|une|la|le) (?:\w+ ){0,2}(?:baisse|chute|recul|ralentissement|perte|pertes)"
)
# Analysts or investors speaking: their view, not the company's reason.
OUTSIDE_VIEW = words(
    r"(?:analysts?|investors?|economists?|experts?|strategists?|observers|analystes?|investisseurs?|economistes?"
    r"|experts?|observateurs) (?:\w+ ){0,6}?(?:said|say|says|had hoped|hoped|expect\w*|estimate\w*|think|believe"
    r"|noted|argue\w*|estim\w+|jug\w+|pens\w+|esper\w+|s attend\w*)"
)
# A sentence that goes on about cuts the previous one reported: "That amounts to about 320 jobs",
# "The decision is related to ...", "Most of them work in sales", "Ces départs concernent ...".
REFERS_BACK = re.compile(
    r"^(?:\W+ )?(?:(?:and|but|et|mais|so|ainsi) )?(?:that|this|these|those|it|they|cela|ceci|ce qui|ca|la plupart"
    r"|most of (?:them|those)|many of them|about half of them|(?:the )?majority of them|nearly all of them)\b"
    r"|(?:^|(?<= ))(?:the|this|that|these|those|la|le|les|ce|cette|ces) (?:latest |planned |announced |new )?"
    r"(?:move|decision|plan|restructuring|reorganisation|reorganization|reductions?|layoffs|cuts|job cuts|changes"
    r"|those affected|affected (?:employees|staff|workers|roles|positions)|mesure|decision|restructuration"
    r"|reorganisation|departs|suppressions|licenciements|coupes|plan social|salaries concernes|postes concernes"
    r"|employes concernes)\b"
)
# A company's chief (or management) explaining: "chief executive X said", "la direction explique".
EXECUTIVE_SAYS = words(
    r"(?:ceo|chief executive|chief \w+ officer|founder|co - founder|cofounder|president|chairman|chairwoman|pdg"
    r"|directeur general|directrice generale|patron|patronne|fondateur|fondatrice|dirigeant|dirigeante|la direction"
    r"|management|executives) (?:[\w-]+ |, ){0,6}?(?:said|says|wrote|writes|told|explained|added|a dit|a declare"
    r"|a indique|a explique|explique|a ajoute|a ecrit|ecrit|estime|a estime|reconnait|a reconnu)"
)
# Despite something: not a reason for the cuts.
DESPITE = words(r"despite|although|even though|malgre|bien que|en depit")
# Before a team: where the cuts fell.
TEAM_CONTEXT = words(
    r"in|across|within|from|at|among|including|notably|such as|like|dans|au sein (?:de|d|des|du)|parmi|de|des|du|d"
    r"|dont|notamment|comme|chez|affected|hit|touchees?|touches|concernes?|its|ses|sa|son|leurs|the|la|les|l"
)
# Words that make a capitalised word a person rather than a company.
PERSON_TITLES = words(
    r"ceo|chief executive|co - chief executive|co - ceo|chief \w+ officer|executive|executives|founder|co - founder"
    r"|cofounder|president|chairman|chairwoman|chair|spokesperson|spokesman|spokeswoman|analyst|investor|owner"
    r"|new owner|billionaire|boss|head|director|manager|minister|secretary|senator|mr|mrs|ms|dr|pdg|patron|patronne"
    r"|directeur|directrice|fondateur|fondatrice|cofondateur|president|presidente|porte - parole|analyste|investisseur"
    r"|proprietaire|nouveau proprietaire|ministre|m|mme|dirigeant|dirigeante|vice - president|vp|cto|cfo|coo|svp"
    r"|chief|leader|officer|lead|economist|professor|researcher|engineer|employee|worker|union representative"
    r"|representative|delegue|delegue syndical|syndicaliste|salarie|employe|ingenieur|economiste|chercheur|journalist"
    r"|reporter|writer|author|journaliste|auteur|le president|la presidente|executive chairman|general manager"
    r"|managing director|directeur general|directrice generale|dg|ceo and co - founder|co - founder and ceo"
)
# Before a date: a deadline or a founding year, not when the cuts happened.
NOT_WHEN = words(
    r"by|until|through|till|d ici(?: a)?|jusqu a|jusqu au|jusqu en|avant|before|founded|fondee?|creee?|established"
    r"|created|formed"
    r"|launched|lancee?|incorporated|over the course of|round|rounds|wave|vague|salve|round of cuts|round of layoffs"
    r"|vague de (?:licenciements|suppressions)|by the end of|d ici (?:a )?la fin (?:de|d|du)|avant la fin (?:de|d|du)"
    r"|by the end of the|next|prochain|prochaine"
)
# A little before a date: another event of the company's life, which the date belongs to
# ("which went public in 2006", "the podcast network Amazon bought in 2020", "valued at $2 billion in 2021").
OTHER_EVENT = words(
    r"founded|founding|fondee?|fondation|creee?|creation|created|formed|set up|established|incorporated|went public"
    r"|listed|ipo|debut\w*"
    r"|introduite? en bourse|cotee?|bought|acquired|purchased|rachetee?|acquise?|reprise?|took over|merged|fusionn\w*"
    r"|rachat|takeover|acquisition|buyout|merger|fusion"
    r"|raised|valued|valuation|levee?|leve|valorisee?|launched|lancee?|opened|ouvert\w*|spun off|spinoff|spin - off"
    r"|born|nee|started|born in|history|histoire|released|sorti\w*|reported revenue|posted|revenues?|chiffre d affaires"
    r"|profits?|loss|losses|benefices?|pertes?|sales|earnings|results|shares|stock|ventes|resultats|fell|rose|dropped"
    r"|declined|plunged|jumped|slumped|a chute|chute|recule|a recule|bondi|a bondi"
)
# Around a number of people: who said it, not who lost their jobs ("two people familiar with the matter").
ATTRIBUTION_BEFORE = words(r"according to|selon|d apres|told|said|citing")
ATTRIBUTION_AFTER = words(
    r"familiar|close to|with knowledge|briefed|proches|au fait|who spoke|who asked|qui ont requis|said|told|ont indique"
    r"|ont declare|ont affirme|interviewed|interroges"
)
# After a sentence with figures: the company did not confirm them ("n'a pas confirmé ces chiffres").
UNCONFIRMED = words(
    r"(?:did not|has not|have not|would not|declined to|refused to) confirm (?:the |these |those )?(?:figures?|numbers?"
    r"|reports?)|n a pas (?:souhaite )?confirme (?:ces|les) (?:chiffres|informations)"
    r"|ne confirme pas (?:ces|les) chiffres"
)
# After a sentence with figures: nothing is decided yet, so they were only considered.
UNDECIDED = words(
    r"no (?:final )?decision (?:has|had) (?:yet )?been (?:made|taken)|aucune decision (?:n a|n avait) (?:encore )?ete"
    r" prise|plans? (?:could|may|might) (?:still )?change|rien n est (?:encore )?decide|nothing (?:has been|is) decided"
)
