"""Ordinary words of English and French questions.

Trackers list companies called Paper, Unit, ON, Loop, Wise or Article.  A word
in this list is only read as a company name when it is written like one
(capitalised inside a sentence), and typos are only corrected towards a
company when they are not closer to an ordinary word.  The list is ours: the
words people use when asking about jobs, time and companies, plus the common
words of both languages that could otherwise be mistaken for names.
"""

from __future__ import annotations

_ENGLISH = """
a about above according across actually add added affect affected affecting after afterwards again against ago
all allow almost alone along already also although always am among amount an and announce announced announcement
another answer any anyone anything apart are area areas around article articles as ask asked at average away axe
axed back bad based basically be became because become been before began begin beginning behind being below
best better between big bigger biggest bit both bottom brief briefly bring brought business businesses but by
call called came can cannot case cause caused certain change changed check city close closed come coming
companies company compare compared confirm confirmed could count counted counting country cut cuts cutting
data date day days deal did different do does doing done down drop during each early earlier eliminate
eliminated employ employed employee employees employer end ended enough entire entirely era especially even
event events ever every everyone exact exactly example except expect expected fact facts far few fewer figure
figures final finally find fire fired firing firm firms first five following for former four from full further
gave general get gets getting give given go going gone good got great group had half happen happened happening
has have having head headcount held help her here high him his hit hits hold how however huge i if in include
included including industry info information into is it its itself job jobs just keep kind know known large
largest last late later latest lay laying layoff layoffs laid least less let level like likely list little
long look lose losing loss losses lost lot lots low made main major make many march may me mean meant might
million more most mostly much must my name named near nearly need new news next no none nor not nothing now
number numbers of off often old on once one ones only or order other others our out over overall own part past
people per percent percentage period person personnel place plan planned plans please point position positions
possible previous previously probably put quarter question quite rate rather reach read real really reason
reasons recent recently record reduce reduced reduction reductions remove removed report reported reports
result right role roles round rounds said same sack sacked say says season second see seen set several shed
share should show shown side since single size slash slashed small so some someone something sometimes soon
source sources specific staff staffers start started state stated still stop such sum summary sure take taken
team teams tech technology tell than that the their them then there these they thing things this those though
three through time times to today told too top total totals toward towards tracker two under unit units until
up upon us use used very via want was way we week weeks well went were what whatever when where whether which
while who whole whom whose why will with within without word work worked worker workers workforce working
world worst would year years yes yet you your
hundred hundreds thousand thousands dozen dozens
january february april june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
monday tuesday wednesday thursday friday saturday sunday
q1 q2 q3 q4 h1 h2 ytd
paper loop wise stem beam wish bird bolt compass convoy lime flip pipe icon silo hike clear fast better
home rent cash care path scale form space star sun light fresh bench level plus pitch chime nova ample
spring summer autumn winter fall cloud health video prime voice sales marketing services service store stores
physical global division divisions department departments organisation organization reorganisation
reorganization unit engineering recruiting support operations product design research hiring hired pandemic
economy economic cost costs growth restructuring efficiency
wipe wiped drop dropped furlough furloughed redundant redundancies redundancy shutdown shut closing closure
"""

_FRENCH = """
a afin ai ainsi alors an ans annee annees annonce annonces annoncee apres au aucun aucune aujourd aupres aussi
autre autres aux avait avant avec avez avoir avons beaucoup bien ce ceci cela celle celles celui cent cents
centaines certain certains ces cet cette chaque chez chiffre chiffres coupe coupes combien comme comment
compte compter concerne concernes cote dans de debut dernier derniere derniers dernieres des depuis deja
deux dire direction divisions donc dont du durant elle elles emploi emplois employe employes en encore entre
entreprise entreprises environ equipe equipes est et etait ete etre eu fait faire fin fois groupe grand
grande grandes grands il ils jusqu jusque l la le les leur leurs licencie licenciee licenciees licencies
licenciement licenciements licencier lors lui ma mais me meme mes mille mois moins mon ne ni non nos notre
nous nombre on ont ou par parce pas pendant personne personnes peu plus plusieurs pour pourcentage pourquoi
premier premiere presque qu quand quatre que quel quelle quelles quels qui quoi raison raisons salarie salaries
sans se selon ses si son sont source sources sous suppression suppressions supprime supprimes supprimee sur
ta te tes toi ton total touche touchees touches tous tout toute toutes travail travailleurs trimestre trois
tu un une vers vos votre vous y annee semestre effectif effectifs poste postes part proportion secteur
janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre
lundi mardi mercredi jeudi vendredi samedi dimanche
t1 t2 t3 t4 s1 s2
"""

WORDS: frozenset[str] = frozenset(_ENGLISH.split()) | frozenset(_FRENCH.split())


def is_ordinary(word: str) -> bool:
    """Whether a folded word is an ordinary word rather than a name."""
    return word in WORDS
