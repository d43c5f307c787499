"""What a tracker says about a round beyond its figures, and the words people use for it (English and French).

layoffs.fyi files every round under an industry, a country, the city of the
company's headquarters and the company's funding stage.  People name these
their own way ("fintech" for Finance, "the US" for United States, "Bangalore"
for "Bengaluru, Non-U.S.", "publicly listed" for Post-IPO), so each value has
the phrases that designate it and the words answers name it with.  Values the
vocabulary does not know (a new industry in a later export, every city) are
recognised by their own names, read from the data (see `Terms.build`).

Everything here works on folded words (`knowledge.language.text.fold`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from knowledge.language.lexicon import is_ordinary
from knowledge.language.text import fold


class Dimension(StrEnum):
    INDUSTRY = "industry"
    COUNTRY = "country"
    CITY = "city"
    STAGE = "stage"


@dataclass(frozen=True, slots=True)
class Value:
    """One value of a dimension: its key (as the tracker writes it) and how answers name it."""

    dimension: Dimension
    key: str
    name_en: str  # "healthcare", "the United States", "Bengaluru", "Series B"
    name_fr: str
    scope_en: str  # "in healthcare", "in the United States", "at companies based in Bengaluru"
    scope_fr: str

    def name(self, language: str) -> str:
        return self.name_fr if language == "fr" else self.name_en

    def scope(self, language: str) -> str:
        return self.scope_fr if language == "fr" else self.scope_en


def _industry(key: str, en: str, fr: str, scope_fr: str, terms: str) -> tuple[Value, str]:
    return Value(Dimension.INDUSTRY, key, en, fr, f"in {en}", scope_fr), terms


def _country(key: str, en: str, fr: str, scope_fr: str, terms: str) -> tuple[Value, str]:
    scope_en = f"in {en}"
    return Value(Dimension.COUNTRY, key, en, fr, scope_en, scope_fr), terms


def _stage(key: str, en: str, fr: str, scope_en: str, scope_fr: str, terms: str) -> tuple[Value, str]:
    return Value(Dimension.STAGE, key, en, fr, scope_en, scope_fr), terms


# Terms are separated by "|"; each is a phrase of folded words ("health tech"). A hyphen or an apostrophe
# in a question does not matter ("health-tech", "l'IA"): those marks are not words.
_INDUSTRIES: tuple[tuple[Value, str], ...] = (
    _industry("Finance", "finance", "la finance", "dans la finance",
              "finance|financial|fintech|fin tech|financial services|financial technology|banking|banks|neobank"
              "|neobanks|payments|lending|insurtech|insurance|wealthtech|la finance|fintechs|secteur financier"
              "|services financiers|banque|banques|assurance|assurances|neobanques|paiement|paiements|financier"
              "|financiere|financieres|financiers|technologies financieres|tech financiere"),
    _industry("Healthcare", "healthcare", "la santé", "dans la santé",
              "healthcare|health care|health|healthtech|health tech|medtech|med tech|medical|digital health"
              "|telehealth|biotech|pharma|sante|la sante|e sante|sante numerique|medical|medicale|medicales"
              "|medicaux|pharmaceutique|biotechs"),
    _industry("Crypto", "crypto", "la crypto", "dans la crypto",
              "crypto|cryptocurrency|cryptocurrencies|crypto currency|crypto currencies|web3|web 3|blockchain"
              "|bitcoin|defi|nft|nfts|cryptomonnaie|cryptomonnaies|crypto monnaie|crypto monnaies|cryptos"
              "|cryptoactifs|crypto actifs"),
    _industry("Transportation", "transportation", "les transports", "dans les transports",
              "transportation|transport|transports|mobility|ride hailing|ridesharing|ride sharing|automotive"
              "|electric vehicles|ev|evs|autonomous vehicles|mobilite|la mobilite|automobile|vehicules electriques"),
    _industry("Retail", "retail", "le commerce de détail", "dans le commerce de détail",
              "retail|retailers|retailer|e commerce|ecommerce|online retail|commerce de detail|vente au detail"
              "|detaillants|distribution|commerce en ligne|e commercants"),
    _industry("Consumer", "consumer tech", "la consommation", "dans les produits grand public",
              "consumer|consumer tech|consumer internet|consumer apps|grand public|consommation"),
    _industry("Food", "food", "l'alimentation", "dans l'alimentation",
              "food|foodtech|food tech|food delivery|grocery|groceries|meal kits|alimentation|alimentaire"
              "|agroalimentaire|livraison de repas|restauration"),
    _industry("Marketing", "marketing", "le marketing", "dans le marketing",
              "marketing|adtech|ad tech|advertising|martech|publicite"),
    _industry("Real Estate", "real estate", "l'immobilier", "dans l'immobilier",
              "real estate|proptech|prop tech|property|housing|immobilier|l immobilier"),
    _industry("Education", "education", "l'éducation", "dans l'éducation",
              "education|edtech|ed tech|edtechs|e learning|elearning|online learning|education|enseignement"
              "|formation en ligne"),
    _industry("Media", "media", "les médias", "dans les médias",
              "media|news media|publishing|entertainment|journalism|medias|presse|divertissement"),
    _industry("Security", "security", "la sécurité", "dans la sécurité",
              "security|cybersecurity|cyber security|cyber|securite|cybersecurite|cyber securite"),
    _industry("Data", "data and analytics", "les données", "dans les données",
              "data|analytics|big data|donnees|la data"),
    _industry("HR", "HR tech", "les ressources humaines", "dans les ressources humaines",
              "hr|hr tech|hrtech|human resources|payroll|ressources humaines|rh"),
    _industry("Travel", "travel", "le voyage", "dans le voyage",
              "travel|tourism|travel tech|traveltech|hospitality|voyage|voyages|le voyage|tourisme"),
    _industry("Infrastructure", "infrastructure", "l'infrastructure", "dans l'infrastructure",
              "infrastructure|cloud infrastructure|devops|infrastructures"),
    _industry("Hardware", "hardware", "le matériel", "dans le matériel",
              "hardware|semiconductors|semiconductor|chipmakers|chip makers|chips|electronics|materiel"
              "|semi conducteurs|semiconducteurs|electronique|puces"),
    _industry("Sales", "sales tech", "la vente", "dans la vente", "sales|sales tech|salestech|vente|ventes"),
    _industry("Logistics", "logistics", "la logistique", "dans la logistique",
              "logistics|supply chain|freight|shipping|logistique|fret"),
    _industry("Support", "customer support", "le support client", "dans le support client",
              "support|customer support|customer service|service client|support client"),
    _industry("Recruiting", "recruiting", "le recrutement", "dans le recrutement",
              "recruiting|recruitment|staffing|recrutement"),
    _industry("Product", "product tools", "les outils produit", "dans les outils produit", "product|produit"),
    _industry("Energy", "energy", "l'énergie", "dans l'énergie",
              "energy|cleantech|clean tech|climate tech|climatetech|solar|renewables|renewable energy|energie"
              "|energies renouvelables"),
    _industry("Fitness", "fitness", "le fitness", "dans le fitness",
              "fitness|wellness|gyms|remise en forme|bien etre"),
    _industry("AI", "AI", "l'IA", "dans l'IA",
              "ai|artificial intelligence|genai|generative ai|machine learning|ia|intelligence artificielle"),
    _industry("Manufacturing", "manufacturing", "l'industrie manufacturière", "dans l'industrie manufacturière",
              "manufacturing|manufacturers|manufacturer|industrial|industrie manufacturiere|fabrication"),
    _industry("Construction", "construction", "la construction", "dans la construction",
              "construction|contech|construction tech|btp|batiment"),
    _industry("Aerospace", "aerospace", "l'aérospatiale", "dans l'aérospatiale",
              "aerospace|spacetech|space tech|space companies|aviation|aerospatiale|spatial|aeronautique"),
    _industry("Legal", "legal tech", "le juridique", "dans le juridique",
              "legal|legaltech|legal tech|juridique"),
    _industry("Other", "other industries", "les autres secteurs", "dans les autres secteurs",
              "other industries|other industry|other sectors|autres secteurs|autre secteur"),
)

_COUNTRIES: tuple[tuple[Value, str], ...] = (
    _country("United States", "the United States", "les États-Unis", "aux États-Unis",
             "united states|united states of america|us|usa|u.s|u.s.a|america|american|americans|us based|etats unis"
             "|etats unis d amerique|amerique|americain|americaine|americains|americaines"),
    _country("India", "India", "l'Inde", "en Inde", "india|indian|inde|indien|indienne|indiens|indiennes"),
    _country("Canada", "Canada", "le Canada", "au Canada", "canada|canadian|canadien|canadienne|canadiens|canadiennes"),
    _country("Israel", "Israel", "Israël", "en Israël", "israel|israeli|israelien|israelienne|israeliens|israeliennes"),
    _country("United Kingdom", "the United Kingdom", "le Royaume-Uni", "au Royaume-Uni",
             "united kingdom|uk|u.k|britain|great britain|british|england|royaume uni|grande bretagne|britannique"
             "|britanniques|angleterre"),
    _country("Germany", "Germany", "l'Allemagne", "en Allemagne",
             "germany|german|allemagne|allemand|allemande|allemands|allemandes"),
    _country("Brazil", "Brazil", "le Brésil", "au Brésil", "brazil|brazilian|bresil|bresilien|bresilienne|bresiliens"),
    _country("Australia", "Australia", "l'Australie", "en Australie",
             "australia|australian|australie|australien|australienne|australiens"),
    _country("Singapore", "Singapore", "Singapour", "à Singapour", "singapore|singaporean|singapour|singapourien"),
    _country("Sweden", "Sweden", "la Suède", "en Suède", "sweden|swedish|suede|suedois|suedoise|suedoises"),
    _country("Indonesia", "Indonesia", "l'Indonésie", "en Indonésie",
             "indonesia|indonesian|indonesie|indonesien|indonesienne|indonesiens"),
    _country("Nigeria", "Nigeria", "le Nigeria", "au Nigeria", "nigeria|nigerian|nigerians|nigerian|nigeriane"),
    _country("China", "China", "la Chine", "en Chine", "china|chinese|chine|chinois|chinoise|chinoises"),
    _country("Netherlands", "the Netherlands", "les Pays-Bas", "aux Pays-Bas",
             "netherlands|the netherlands|holland|dutch|pays bas|neerlandais|neerlandaise|hollande"),
    _country("France", "France", "la France", "en France", "france|french|francais|francaise|francaises"),
    _country("Kenya", "Kenya", "le Kenya", "au Kenya", "kenya|kenyan|kenyane"),
    _country("Ireland", "Ireland", "l'Irlande", "en Irlande", "ireland|irish|irlande|irlandais|irlandaise"),
    _country("Norway", "Norway", "la Norvège", "en Norvège", "norway|norwegian|norvege|norvegien|norvegienne"),
    _country("Spain", "Spain", "l'Espagne", "en Espagne", "spain|spanish|espagne|espagnol|espagnole|espagnols"),
    _country("Estonia", "Estonia", "l'Estonie", "en Estonie", "estonia|estonian|estonie|estonien|estonienne"),
    _country("New Zealand", "New Zealand", "la Nouvelle-Zélande", "en Nouvelle-Zélande",
             "new zealand|nouvelle zelande|neo zelandais|neo zelandaise"),
    _country("Denmark", "Denmark", "le Danemark", "au Danemark", "denmark|danish|danemark|danois|danoise"),
    _country("Japan", "Japan", "le Japon", "au Japon", "japan|japanese|japon|japonais|japonaise"),
    _country("Switzerland", "Switzerland", "la Suisse", "en Suisse", "switzerland|swiss|suisse|suisses"),
    _country("Austria", "Austria", "l'Autriche", "en Autriche", "austria|austrian|autriche|autrichien|autrichienne"),
    _country("Mexico", "Mexico", "le Mexique", "au Mexique", "mexico|mexican|mexique|mexicain|mexicaine"),
    _country("United Arab Emirates", "the United Arab Emirates", "les Émirats arabes unis", "aux Émirats arabes unis",
             "united arab emirates|uae|emirates|emirati|emirats arabes unis|emirats"),
    _country("Poland", "Poland", "la Pologne", "en Pologne", "poland|pologne|polonais|polonaise"),
    _country("Finland", "Finland", "la Finlande", "en Finlande", "finland|finnish|finlande|finlandais|finlandaise"),
    _country("Chile", "Chile", "le Chili", "au Chili", "chile|chilean|chili|chilien|chilienne"),
    _country("Hong Kong", "Hong Kong", "Hong Kong", "à Hong Kong", "hong kong"),
    _country("Argentina", "Argentina", "l'Argentine", "en Argentine",
             "argentina|argentinian|argentine|argentin|argentins|argentines"),
    _country("Czech Republic", "the Czech Republic", "la République tchèque", "en République tchèque",
             "czech republic|czechia|czech|republique tcheque|tchequie|tcheque|tcheques"),
    _country("Pakistan", "Pakistan", "le Pakistan", "au Pakistan", "pakistan|pakistani|pakistanais|pakistanaise"),
    _country("Colombia", "Colombia", "la Colombie", "en Colombie", "colombia|colombian|colombie|colombien|colombienne"),
    _country("Uruguay", "Uruguay", "l'Uruguay", "en Uruguay", "uruguay|uruguayan|uruguayen|uruguayenne"),
    _country("Portugal", "Portugal", "le Portugal", "au Portugal", "portugal|portuguese|portugais|portugaise"),
    _country("Luxembourg", "Luxembourg", "le Luxembourg", "au Luxembourg", "luxembourg|luxembourgeois"),
    _country("Seychelles", "the Seychelles", "les Seychelles", "aux Seychelles", "seychelles"),
    _country("Malaysia", "Malaysia", "la Malaisie", "en Malaisie", "malaysia|malaysian|malaisie|malaisien|malaisienne"),
    _country("Egypt", "Egypt", "l'Égypte", "en Égypte", "egypt|egyptian|egypte|egyptien|egyptienne"),
    _country("Cyprus", "Cyprus", "Chypre", "à Chypre", "cyprus|cypriot|chypre|chypriote"),
    _country("Cayman Islands", "the Cayman Islands", "les îles Caïmans", "aux îles Caïmans",
             "cayman islands|caymans|cayman|iles caimans|iles cayman"),
    _country("Lithuania", "Lithuania", "la Lituanie", "en Lituanie", "lithuania|lithuanian|lituanie|lituanien"),
    _country("Romania", "Romania", "la Roumanie", "en Roumanie", "romania|romanian|roumanie|roumain|roumaine"),
    _country("South Korea", "South Korea", "la Corée du Sud", "en Corée du Sud",
             "south korea|korea|korean|south korean|coree du sud|coree|coreen|coreenne|sud coreen|sud coreenne"),
    _country("Vietnam", "Vietnam", "le Vietnam", "au Vietnam", "vietnam|viet nam|vietnamese|vietnamien|vietnamienne"),
    _country("Belgium", "Belgium", "la Belgique", "en Belgique", "belgium|belgian|belgique|belge|belges"),
    _country("Ghana", "Ghana", "le Ghana", "au Ghana", "ghana|ghanaian|ghaneen|ghaneenne"),
    _country("Malta", "Malta", "Malte", "à Malte", "malta|maltese|malte|maltais"),
    _country("Saudi Arabia", "Saudi Arabia", "l'Arabie saoudite", "en Arabie saoudite",
             "saudi arabia|saudi|arabie saoudite|saoudien|saoudienne"),
    _country("Philippines", "the Philippines", "les Philippines", "aux Philippines", "philippines|filipino"),
    _country("Ukraine", "Ukraine", "l'Ukraine", "en Ukraine", "ukraine|ukrainian|ukrainien|ukrainienne"),
    _country("Italy", "Italy", "l'Italie", "en Italie", "italy|italian|italie|italien|italienne"),
    _country("Greece", "Greece", "la Grèce", "en Grèce", "greece|greek|grece|grec|grecque"),
    _country("Hungary", "Hungary", "la Hongrie", "en Hongrie", "hungary|hungarian|hongrie|hongrois|hongroise"),
    _country("Thailand", "Thailand", "la Thaïlande", "en Thaïlande", "thailand|thai|thailande|thailandais"),
    _country("Senegal", "Senegal", "le Sénégal", "au Sénégal", "senegal|senegalese|senegalais|senegalaise"),
    _country("Peru", "Peru", "le Pérou", "au Pérou", "peru|peruvian|perou|peruvien|peruvienne"),
    _country("Bahrain", "Bahrain", "Bahreïn", "à Bahreïn", "bahrain|bahrein"),
    _country("Turkey", "Turkey", "la Turquie", "en Turquie", "turkey|turkish|turkiye|turquie|turc|turque"),
    _country("Russia", "Russia", "la Russie", "en Russie", "russia|russian|russie|russe|russes"),
    _country("Bulgaria", "Bulgaria", "la Bulgarie", "en Bulgarie", "bulgaria|bulgarian|bulgarie|bulgare"),
    _country("South Africa", "South Africa", "l'Afrique du Sud", "en Afrique du Sud",
             "south africa|south african|afrique du sud|sud africain|sud africaine"),
    _country("Myanmar", "Myanmar", "la Birmanie", "en Birmanie", "myanmar|burma|birmanie"),
    # Countries the trackers have not listed yet: named, so a question about them is declined for what it is.
    _country("Iceland", "Iceland", "l'Islande", "en Islande", "iceland|icelandic|islande"),
    _country("Morocco", "Morocco", "le Maroc", "au Maroc", "morocco|moroccan|maroc|marocain|marocaine"),
    _country("Tunisia", "Tunisia", "la Tunisie", "en Tunisie", "tunisia|tunisian|tunisie|tunisien"),
    _country("Algeria", "Algeria", "l'Algérie", "en Algérie", "algeria|algerian|algerie|algerien"),
    _country("Qatar", "Qatar", "le Qatar", "au Qatar", "qatar|qatari"),
    _country("Taiwan", "Taiwan", "Taïwan", "à Taïwan", "taiwan|taiwanese|taiwanais"),
    _country("Bangladesh", "Bangladesh", "le Bangladesh", "au Bangladesh", "bangladesh|bangladeshi"),
    _country("Sri Lanka", "Sri Lanka", "le Sri Lanka", "au Sri Lanka", "sri lanka|sri lankan"),
    _country("Croatia", "Croatia", "la Croatie", "en Croatie", "croatia|croatian|croatie"),
    _country("Serbia", "Serbia", "la Serbie", "en Serbie", "serbia|serbian|serbie"),
    _country("Slovakia", "Slovakia", "la Slovaquie", "en Slovaquie", "slovakia|slovak|slovaquie"),
    _country("Slovenia", "Slovenia", "la Slovénie", "en Slovénie", "slovenia|slovenian|slovenie"),
    _country("Latvia", "Latvia", "la Lettonie", "en Lettonie", "latvia|latvian|lettonie"),
    _country("Ecuador", "Ecuador", "l'Équateur", "en Équateur", "ecuador|equateur"),
    _country("Venezuela", "Venezuela", "le Venezuela", "au Venezuela", "venezuela|venezuelan"),
    _country("Costa Rica", "Costa Rica", "le Costa Rica", "au Costa Rica", "costa rica"),
    _country("Ethiopia", "Ethiopia", "l'Éthiopie", "en Éthiopie", "ethiopia|ethiopian|ethiopie"),
    _country("Rwanda", "Rwanda", "le Rwanda", "au Rwanda", "rwanda|rwandan"),
    _country("Uganda", "Uganda", "l'Ouganda", "en Ouganda", "uganda|ugandan|ouganda"),
    _country("Tanzania", "Tanzania", "la Tanzanie", "en Tanzanie", "tanzania|tanzanian|tanzanie"),
    _country("Ivory Coast", "Ivory Coast", "la Côte d'Ivoire", "en Côte d'Ivoire", "ivory coast|cote d ivoire"),
    _country("Cameroon", "Cameroon", "le Cameroun", "au Cameroun", "cameroon|cameroun"),
    _country("Monaco", "Monaco", "Monaco", "à Monaco", "monaco"),
    _country("Kuwait", "Kuwait", "le Koweït", "au Koweït", "kuwait|koweit"),
    _country("Lebanon", "Lebanon", "le Liban", "au Liban", "lebanon|lebanese|liban|libanais"),
    _country("Nepal", "Nepal", "le Népal", "au Népal", "nepal"),
    _country("Cambodia", "Cambodia", "le Cambodge", "au Cambodge", "cambodia|cambodge"),
    _country("Belarus", "Belarus", "la Biélorussie", "en Biélorussie", "belarus|bielorussie"),
)

# Regions people ask about, as the countries the trackers file rounds under.
_EU = ("Germany", "Sweden", "Netherlands", "France", "Ireland", "Spain", "Estonia", "Denmark", "Austria", "Poland",
       "Finland", "Czech Republic", "Portugal", "Luxembourg", "Cyprus", "Lithuania", "Romania", "Belgium", "Malta",
       "Italy", "Greece", "Hungary", "Bulgaria", "Croatia", "Slovakia", "Slovenia", "Latvia")
_EUROPE = (*_EU, "United Kingdom", "Norway", "Switzerland", "Ukraine", "Russia", "Iceland", "Serbia", "Monaco",
           "Belarus")
_SOUTHEAST_ASIA = ("Singapore", "Indonesia", "Malaysia", "Vietnam", "Philippines", "Thailand", "Myanmar", "Cambodia")
_ASIA = (*_SOUTHEAST_ASIA, "India", "China", "Japan", "Hong Kong", "Pakistan", "South Korea", "Taiwan", "Bangladesh",
         "Sri Lanka", "Nepal")
_MIDDLE_EAST = ("Israel", "United Arab Emirates", "Saudi Arabia", "Bahrain", "Turkey", "Qatar", "Kuwait", "Lebanon")
_AFRICA = ("Nigeria", "Kenya", "Egypt", "Ghana", "Senegal", "South Africa", "Seychelles", "Morocco", "Tunisia",
           "Algeria", "Ethiopia", "Rwanda", "Uganda", "Tanzania", "Ivory Coast", "Cameroon")
_SOUTH_AMERICA = ("Brazil", "Chile", "Argentina", "Colombia", "Uruguay", "Peru", "Ecuador", "Venezuela")
_OCEANIA = ("Australia", "New Zealand")


@dataclass(frozen=True, slots=True)
class Region:
    name_en: str
    name_fr: str
    scope_en: str
    scope_fr: str
    countries: tuple[str, ...]
    terms: str


REGIONS: tuple[Region, ...] = (
    Region("Europe", "l'Europe", "in Europe", "en Europe", _EUROPE,
           "europe|european|europeans|europeen|europeenne|europeens|europeennes"),
    Region("the European Union", "l'Union européenne", "in the European Union", "dans l'Union européenne", _EU,
           "eu|european union|union europeenne|ue"),
    Region("Asia", "l'Asie", "in Asia", "en Asie", _ASIA, "asia|asian|asie|asiatique|asiatiques"),
    Region("Southeast Asia", "l'Asie du Sud-Est", "in Southeast Asia", "en Asie du Sud-Est", _SOUTHEAST_ASIA,
           "southeast asia|south east asia|sea|asie du sud est"),
    Region("Asia-Pacific", "l'Asie-Pacifique", "in Asia-Pacific", "en Asie-Pacifique", (*_ASIA, *_OCEANIA),
           "asia pacific|apac|asie pacifique"),
    Region("the Middle East", "le Moyen-Orient", "in the Middle East", "au Moyen-Orient", _MIDDLE_EAST,
           "middle east|moyen orient"),
    Region("Africa", "l'Afrique", "in Africa", "en Afrique", _AFRICA,
           "africa|african|afrique|africain|africaine|africains|africaines"),
    Region("Latin America", "l'Amérique latine", "in Latin America", "en Amérique latine",
           (*_SOUTH_AMERICA, "Mexico", "Costa Rica"), "latin america|latam|amerique latine"),
    Region("South America", "l'Amérique du Sud", "in South America", "en Amérique du Sud", _SOUTH_AMERICA,
           "south america|amerique du sud"),
    Region("North America", "l'Amérique du Nord", "in North America", "en Amérique du Nord",
           ("United States", "Canada", "Mexico"), "north america|amerique du nord"),
    Region("Oceania", "l'Océanie", "in Oceania", "en Océanie", _OCEANIA, "oceania|oceanie|australasia"),
    Region("the Nordics", "les pays nordiques", "in the Nordics", "dans les pays nordiques",
           ("Sweden", "Norway", "Denmark", "Finland", "Iceland"),
           "nordics|nordic|nordic countries|scandinavia|scandinavian|pays nordiques|scandinavie|scandinaves"),
)


_SERIES = "abcdefghij"
_STAGES: tuple[tuple[Value, str], ...] = (
    *(_stage(f"Series {letter.upper()}", f"Series {letter.upper()}", f"en série {letter.upper()}",
             f"at Series {letter.upper()} companies", f"dans les entreprises en série {letter.upper()}",
             f"series {letter}|serie {letter}|series {letter} funded|series {letter} stage|round {letter}")
      for letter in _SERIES),
    _stage("Seed", "seed-stage", "en amorçage", "at seed-stage companies", "dans les jeunes pousses en amorçage",
           "seed|seed stage|seed funded|seed round|pre seed|amorcage|en amorcage|stade d amorcage"),
    _stage("Post-IPO", "publicly listed", "cotées en bourse", "at publicly listed companies",
           "dans les entreprises cotées en bourse",
           "post ipo|public companies|public company|public firms|public tech companies|publicly traded"
           "|publicly listed|listed companies|listed firms|stock market listed|cotee|cotees"
           "|cotee en bourse|cotees en bourse|cotes en bourse|cote en bourse"),
    _stage("Acquired", "acquired", "rachetées", "at companies that had been acquired",
           "dans les entreprises rachetées",
           "acquired companies|acquired startups|acquired firms|entreprises rachetees|start ups rachetees"),
    _stage("Private Equity", "private-equity-owned", "détenues par un fonds", "at private-equity-owned companies",
           "dans les entreprises détenues par un fonds d'investissement",
           "private equity|pe backed|private equity backed|private equity owned|capital investissement"),
    _stage("Subsidiary", "subsidiary", "filiales", "at subsidiaries", "dans les filiales",
           "subsidiary|subsidiaries|filiale|filiales"),
)
# Funding-stage groups people name: every venture round, seed to the last series.
_STAGE_GROUPS: dict[str, tuple[str, ...]] = {
    "venture backed|vc backed|venture funded|vc funded|financees par du capital risque":
        ("Seed", *(f"Series {letter.upper()}" for letter in _SERIES)),
}

# Industry words that name a team when a team noun follows ("sales team", "product managers"), and words that
# make "data" the data rather than an industry ("the data", "layoffs.fyi data").
_TEAM_NOUNS = frozenset(
    "team teams department departments division divisions unit units org orgs organisation organization roles "
    "role staff function functions managers manager engineers equipe equipes service services departement "
    "departements pole direction".split())
_NOT_AN_INDUSTRY_AFTER = frozenset("the this that your my our their its these those tracker les ces vos tes mes "
                                   "nos leurs ses fyi".split())

# A place or an industry preceded by one of these is excluded rather than asked about ("outside the US").
EXCLUDERS: tuple[tuple[str, ...], ...] = tuple(tuple(p.split()) for p in (
    "outside|outside of|excluding|except|except for|other than|apart from|besides|not in|non"
    "|en dehors|en dehors de|en dehors des|en dehors du|hors|hors de|hors des|hors du|a l exception de"
    "|a l exception des|a l exception du|sauf|excepte|autres que|autre que|ailleurs qu"
).split("|"))

# Words that say a round is a shutdown (the whole staff laid off).
SHUTDOWN = re.compile(
    r"(?<!\w)(?:shut(?:s|ting)? down|shutdowns?|(?:has |have |had )?closed(?: down)?(?! (?:a|an|its|their|the|some|"
    r"offices?|studios?|stores?|teams?|sites?|locations?|plants?|units?)\b)|clos(?:e|es|ing) down|closures?"
    r"|went (?:out of business|bust|under|belly up)|out of business|going out of business|ceased (?:operations|"
    r"trading)|cease operations|fold(?:ed|s)|wound down|winding down|wind down|went bankrupt|bankrupt\w*"
    r"|shutter(?:ed|s)?|defunct|dead startups?"
    r"|a ferme|ont ferme|fermee?s?|fermetures?|ferment|fermer|faillite|mis la cle sous la porte"
    r"|cesse (?:leur|son|ses) activites?|cessation d activite|disparu(?:e|es|s)?)(?!\w)")

_SCOPE_ALL = {"en": "across all industries", "fr": "dans tous les secteurs"}
_SCOPE_SHUTDOWN = {"en": "at companies that shut down", "fr": "dans les entreprises qui ont fermé"}


def all_industries(language: str) -> str:
    return _SCOPE_ALL[language]


def shutdown_scope(language: str) -> str:
    return _SCOPE_SHUTDOWN[language]


@dataclass(frozen=True, slots=True)
class Filter:
    """Rounds whose tag for `dimension` is one of `keys` (or, excluding, is none of them)."""

    dimension: Dimension
    keys: frozenset[str]
    exclude: bool = False
    region: str = ""  # the countries are a region the question named ("Europe"): answers name it so


@dataclass(frozen=True, slots=True)
class Filters:
    items: tuple[Filter, ...] = ()
    shutdown: bool = False  # rounds that laid off the whole staff

    def __bool__(self) -> bool:
        return bool(self.items) or self.shutdown

    def on(self, dimension: Dimension) -> Filter | None:
        return next((f for f in self.items if f.dimension is dimension), None)

    def without(self, dimension: Dimension) -> Filters:
        return Filters(tuple(f for f in self.items if f.dimension is not dimension), self.shutdown)

    def replaced(self, item: Filter) -> Filters:
        """These filters with `item` in place of any other on its dimension."""
        kept = tuple(f for f in self.items if f.dimension is not item.dimension)
        return Filters((*kept, item), self.shutdown)


@dataclass(frozen=True, slots=True)
class Mention:
    """Words of a question that name values of one dimension (token positions `start` to `end`)."""

    dimension: Dimension
    keys: frozenset[str]
    start: int
    end: int
    exclude: bool = False
    region: str = ""


@dataclass
class Terms:
    """The phrases that designate dimension values, and the values themselves (the data's included)."""

    values: dict[tuple[Dimension, str], Value] = field(default_factory=dict)
    phrases: dict[tuple[str, ...], list[tuple[Dimension, tuple[str, ...]]]] = field(default_factory=dict)
    longest: int = 1
    cue_only: set[tuple[str, ...]] = field(default_factory=set)  # city names that are ordinary words
    regions: dict[str, Region] = field(default_factory=dict)

    def value(self, dimension: Dimension, key: str) -> Value:
        found = self.values.get((dimension, key))
        if found is not None:
            return found
        return _plain_value(dimension, key)

    def add(self, phrase: str, dimension: Dimension, keys: Sequence[str]) -> None:
        words = tuple(w for w in re.split(r"[\s'\-.]+", fold(phrase)) if w)
        if not words:
            return
        entries = self.phrases.setdefault(words, [])
        entry = (dimension, tuple(keys))
        if entry not in entries:
            entries.append(entry)
        self.longest = max(self.longest, len(words))

    @classmethod
    def build(cls, tags: Iterable[tuple[Dimension, str]] = ()) -> Terms:
        """The vocabulary, plus every value the data holds under its own name (`tags`: normalised keys)."""
        terms = cls()
        for table in (_INDUSTRIES, _COUNTRIES, _STAGES):
            for value, phrases in table:
                terms.values[(value.dimension, value.key)] = value
                terms.add(value.key, value.dimension, (value.key,))
                for phrase in phrases.split("|"):
                    terms.add(phrase, value.dimension, (value.key,))
                    if value.dimension is not Dimension.STAGE and " " not in phrase and not phrase.endswith("s"):
                        terms.add(phrase + "s", value.dimension, (value.key,))  # "fintechs", "retailers"
        for phrases, keys in _STAGE_GROUPS.items():
            for phrase in phrases.split("|"):
                terms.add(phrase, Dimension.STAGE, keys)
        for region in REGIONS:
            terms.regions[region.name_en] = region
            for phrase in region.terms.split("|"):
                terms.add(phrase, Dimension.COUNTRY, (_REGION + region.name_en,))
        for city, aliases in CITY_ALIASES.items():
            for alias in aliases.split("|"):
                terms.add(alias, Dimension.CITY, (city,))
        for dimension, key in tags:
            if (dimension, key) not in terms.values:
                terms.values[(dimension, key)] = _plain_value(dimension, key)
            words = tuple(w for w in re.split(r"[\s'\-.]+", fold(key)) if w)
            if dimension is Dimension.CITY and words not in terms.phrases:
                terms.add(key, dimension, (key,))
                if len(words) == 1 and (is_ordinary(words[0]) or len(words[0]) <= 3):
                    terms.cue_only.add(words)  # "Bend", "Reno": only after "in", "based in"
            elif words not in terms.phrases:
                terms.add(key, dimension, (key,))
        return terms

    def find(self, words: Sequence[str], capitals: frozenset[int] = frozenset()) -> list[Mention]:
        """Every dimension named in a question's folded words (hyphens and apostrophes left out), longest first;
        `capitals` are the positions of words written in capitals ("US")."""
        found: list[Mention] = []
        i = 0
        while i < len(words):
            hit = self._at(words, i, capitals)
            if hit is None:
                i += 1
                continue
            length, entries = hit
            for dimension, keys in _preferred(entries):
                if dimension is Dimension.INDUSTRY and not _industry_reading(words, i, length):
                    continue
                excluder = _excluder(words, i)
                region = keys[0][len(_REGION):] if keys and keys[0].startswith(_REGION) else ""
                if region:
                    keys = self.regions[region].countries
                found.append(Mention(dimension, frozenset(keys), i if excluder is None else excluder, i + length,
                                     excluder is not None, region))
            i += length
        return found

    def _at(self, words: Sequence[str], i: int,
            capitals: frozenset[int]) -> tuple[int, list[tuple[Dimension, tuple[str, ...]]]] | None:
        for length in range(min(self.longest, len(words) - i), 0, -1):
            phrase = tuple(words[i:i + length])
            entries = self.phrases.get(phrase)
            if not entries:
                continue
            if phrase in self.cue_only and not _after_place_cue(words, i):
                continue
            if phrase in _PRONOUNS and i not in capitals and not _the_us(words, i):
                continue  # "tell us", "sea" and "eu" as words, unless written "US", "SEA", "EU"
            if phrase == ("ai",) and i > 0 and words[i - 1] == "j":
                continue  # French "j'ai"
            if len(phrase) == 1 and phrase[0] in _DEMONYM_LANGUAGES and i > 0 and words[i - 1] in {"in", "en"}:
                continue  # "answer in French"
            return length, entries
        return None


_PRONOUNS = frozenset({("us",), ("sea",), ("eu",), ("ue",)})
_REGION = "region:"  # a phrase's key naming a region rather than a country
_DEMONYM_LANGUAGES = frozenset({"french", "francais", "english", "german", "allemand", "spanish", "espagnol"})
_PLACE_CUES = frozenset({"in", "at", "from", "based", "headquartered", "a", "en", "de", "near", "around"})


def _after_place_cue(words: Sequence[str], i: int) -> bool:
    return i > 0 and words[i - 1] in _PLACE_CUES


def _the_us(words: Sequence[str], i: int) -> bool:
    """ "us" is the country after "the" or "non" ("in the US", "non-US"), not the pronoun ("tell us")."""
    return i > 0 and words[i - 1] in {"the", "non"}


def _preferred(entries: list[tuple[Dimension, tuple[str, ...]]]) -> list[tuple[Dimension, tuple[str, ...]]]:
    """A name that is a country and a city ("Singapore", "Luxembourg") is the country: the answers agree."""
    dimensions = {d for d, _ in entries}
    if Dimension.COUNTRY in dimensions and Dimension.CITY in dimensions:
        return [e for e in entries if e[0] is not Dimension.CITY]
    return entries


def _industry_reading(words: Sequence[str], i: int, length: int) -> bool:
    """Whether an industry word names the industry here, not a team ("the sales team") nor the data."""
    after = words[i + length] if i + length < len(words) else ""
    before = words[i - 1] if i else ""
    if after in _TEAM_NOUNS:
        return False
    return not (words[i] == "data" and (before in _NOT_AN_INDUSTRY_AFTER or after in {"i", "you", "we", "they"}))


def _excluder(words: Sequence[str], i: int) -> int | None:
    """Where the words excluding the value at `i` start ("outside the US"), or None when it is not excluded."""
    for excluder in EXCLUDERS:
        for skip in (0, 1):  # "outside the US", "hors des États-Unis"
            start = i - skip - len(excluder)
            if start < 0:
                continue
            if tuple(words[start:start + len(excluder)]) == excluder and (
                    skip == 0 or words[i - 1] in {"the", "la", "le", "les", "l", "of"}):
                return start
    return None


def _plain_value(dimension: Dimension, key: str) -> Value:
    """A value the vocabulary does not describe, named as the tracker writes it."""
    if dimension is Dimension.CITY:
        return Value(dimension, key, key, key, f"at companies based in {key}", f"dans les entreprises basées à {key}")
    if dimension is Dimension.STAGE:
        return Value(dimension, key, key, key, f"at {key} companies", f"dans les entreprises au stade « {key} »")
    if dimension is Dimension.COUNTRY:
        return Value(dimension, key, key, key, f"in {key}", f"en {key}")
    return Value(dimension, key, key, key, f"in {key}", f"dans le secteur « {key} »")


# The tracker's city names and the other names people use for them.
CITY_ALIASES: dict[str, str] = {
    "Bengaluru": "bengaluru|bangalore|bengalooru",
    "Gurugram": "gurugram|gurgaon",
    "New Delhi": "new delhi|delhi|delhi ncr",
    "Mumbai": "mumbai|bombay",
    "Chennai": "chennai|madras",
    "SF Bay Area": "sf bay area|bay area|san francisco|san francisco bay area|sf|silicon valley|palo alto"
                   "|mountain view|menlo park|san jose|oakland|sunnyvale|cupertino|santa clara|redwood city"
                   "|san mateo|baie de san francisco|la silicon valley",
    "New York City": "new york city|new york|nyc|manhattan|brooklyn",
    "Washington D.C.": "washington d.c|washington dc|washington d c",
    "Sao Paulo": "sao paulo",
    "Shenzen": "shenzen|shenzhen",
    "Tel Aviv": "tel aviv|tel aviv yafo",
    "Los Angeles": "los angeles",
    "Montreal": "montreal",
    "Quebec": "quebec city|quebec",
    "Zurich": "zurich",
    "Munich": "munich|munchen|muenchen",
    "Cologne": "cologne|koln",
    "Vienna": "vienna|vienne|wien",
    "Lisbon": "lisbon|lisbonne",
    "Copenhagen": "copenhagen|copenhague",
    "London": "london|londres",
    "Beijing": "beijing|pekin",
    "Moscow": "moscow|moscou",
    "Warsaw": "warsaw|varsovie",
    "Brussels": "brussels|bruxelles",
    "Geneva": "geneva|geneve",
    "The Hague": "the hague|la haye",
    "Cairo": "cairo|le caire",
    "Edinburgh": "edinburgh|edimbourg",
    "Barcelona": "barcelona|barcelone",
    "Athens": "athens|athenes",
    "Ho Chi Minh City": "ho chi minh city|ho chi minh|saigon",
    "Kuala Lumpur": "kuala lumpur",
    "Hyderabad": "hyderabad",
    "Seoul": "seoul",
    "Malmo": "malmo",
    "Dusseldorf": "dusseldorf|duesseldorf",
}


_NON_US = re.compile(r"\bnon-u\.?s\.?$", re.IGNORECASE)
_BLANK = frozenset({"", "unknown", "null", "none", "n/a", "na", "nan", "-", "non-u.s.", "non-us"})


def tag_keys(terms: Terms, dimension: Dimension, raw: str | None) -> tuple[str, ...]:
    """The keys a tracker's value stands for: "Fin-Tech" is Finance, "UAE" the United Arab Emirates,
    "Bengaluru, Non-U.S." Bengaluru, "Luxembourg, Raleigh" both cities; blanks none."""
    if raw is None:
        return ()
    parts = [raw] if dimension is not Dimension.CITY else raw.split(",")
    keys: list[str] = []
    for part in parts:
        part = part.strip().rstrip(".").strip()
        if part.casefold() in _BLANK or _NON_US.fullmatch(part):
            continue
        words = tuple(w for w in re.split(r"[\s'\-.]+", fold(part)) if w)
        entries = [keys_ for d, keys_ in terms.phrases.get(words, ()) if d is dimension] if words else []
        if entries and len(entries[0]) == 1:
            keys.append(entries[0][0])
        else:
            keys.append(part)
    return tuple(dict.fromkeys(keys))


def describe(terms: Terms, filters: Filters, language: str, shutdown: bool = True) -> str:
    """The scope of an answer in words: "in healthcare in India", "outside the United States", or, with no
    filter, "across all industries"; `shutdown=False` leaves the shutdown out (the sentence says it)."""
    parts = []
    order = (Dimension.INDUSTRY, Dimension.COUNTRY, Dimension.CITY, Dimension.STAGE)
    for dimension in order:
        for item in filters.items:
            if item.dimension is not dimension:
                continue
            values = [terms.value(dimension, key) for key in sorted(item.keys)]
            if item.region:
                region = terms.regions[item.region]
                values = [Value(dimension, item.region, region.name_en, region.name_fr, region.scope_en,
                                region.scope_fr)]
            if item.exclude and language == "fr":
                scope = _joined_scopes(values, language) if len(values) > 1 else values[0].scope(language)
                parts.append(f"ailleurs qu'{scope}" if scope[:1] in "aeiouàé" else f"ailleurs que {scope}")
            elif item.exclude:
                parts.append(f"outside {_join([v.name(language) for v in values], language, 'or')}")
            elif len(values) == 1:
                parts.append(values[0].scope(language))
            else:
                parts.append(_joined_scopes(values, language))
    if filters.shutdown and shutdown:
        parts.append(shutdown_scope(language))
    if not any(item.dimension is Dimension.INDUSTRY and not item.exclude for item in filters.items) and \
            not parts:
        return all_industries(language)
    return " ".join(parts)


def _joined_scopes(values: list[Value], language: str) -> str:
    """ "in finance or crypto": one preposition for several values of a dimension."""
    first = values[0].scope(language)
    head = first[: len(first) - len(values[0].name(language))] if first.endswith(values[0].name(language)) else ""
    if head:
        return head + _join([v.name(language) for v in values], language, "or")
    return _join([v.scope(language) for v in values], language, "or")


def _join(items: list[str], language: str, word: str) -> str:
    joiner = {"en": {"or": "or", "and": "and"}, "fr": {"or": "ou", "and": "et"}}[language][word]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {joiner} {items[-1]}"
