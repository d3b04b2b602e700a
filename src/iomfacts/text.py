"""Text normalisation shared by the index and the questions put to it.

Both sides go through the same steps, so "Liège" finds "Liege", "10 000" finds "10,000", "FEDASIL"
finds "Fedasil", "money" finds "funding" and "founded" finds "created": fold accents and case, join
digit groups, split words, drop function words, map synonyms to one concept, and stem with the
Snowball (Porter2) English stemmer. The stemmer is imported only for words the index has not seen
(``Vocabulary`` holds the index's own word -> term table).
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable

# Function words and the words of a question's form: they say nothing about the subject.
STOPWORDS = frozenset(
    """a about above after again all also am an and any approximately are around as at be been before being
    between both but by can could currently current did do does doing done during each either else ever
    exactly for from further get gets give me had has have having he her here hers him his how i if in into
    is it its itself just know let like many may me might more most much must my nowadays now number of on
    once only or other our ours out over own please present recent recently roughly same shall she should
    so some such tell than that the their theirs them then there these they this those through to today too
    total under until up us very was we were what when where whether which while who whom whose why will
    with would you your yours latest newest moment list kind sort type thing things since ago
    according anyone someone something anything everything exist exists existed read""".split()
)

# Everyday words that say little about which fact is meant: they count, but weigh little, known or not,
# so that a paraphrase full of them is not mistaken for a question about something else.
GENERIC = frozenset(
    """able actual actually add added again ago already always amount another answer appear around ask asked
    let lets letting allow allows allowed enable enables enabled apart besides except aside
    away back bad based become becomes became best better big bring brought called came can't case
    certain clear come comes coming complete could current day days deal did different
    doing done down during early end ended enough entire even every exact example fact far few final find
    first follow following form full gave get getting give given go goes going gone good got great group
    half happen happened happens hand handed handing held help high hold holds important include included
    includes including keep kept key kind large last late later least left less level like likely little
    long look looked looking lot lots made main major make makes making many mean means meant more most much
    need needed needs new next nice often old order other others overall own page part parts
    particular past place places plan point possible put quite rather real really recent right said same saw
    say see seen set show showed shown shows side since small so some specific still such sure take
    taken takes taking talk talked tell term terms thing things think thought time times together told took
    top total tried true try turn turned type under up use used uses using usual various via want wanted way
    ways well went whole why within without word work worked works year years yet basis practice world
    future problem problems useful nearby mostly method methods getting copy copied close closely team cross
    hands carried carry due report reported describe described description exactly role roles idea
    people person persons folks ppl true write writes wrote written writing publication publications publish published
    article articles piece document documents text heard hear
    suppose supposed bring brings bringing see sees seeing example examples elsewhere push pushed pushing
    chose choose chosen choosing era behind inside soil
    basically essentially guy guys loads stuff kinda sorta instead essay homework presentation
    quality qualities characteristic characteristics trait traits attribute attributes attributed feature
    features aspect aspects element elements""".split()
)

# Words and phrases that mean the same to a person asking; each maps to one concept term.
_CONCEPTS: dict[str, tuple[str, ...]] = {
    "begin": ("found", "founded", "founding", "founder", "founders", "foundation", "create", "created",
              "creation", "creating", "establish", "established", "establishing", "establishment", "born",
              "birth", "inception", "start", "started", "starting", "starts", "begin", "began", "begun",
              "beginning", "launch", "launched", "launching", "launches", "commence", "commenced",
              "initiated", "initiate", "kick", "formed", "inaugurated", "setup"),
    "fund": ("fund", "funds", "funding", "funded", "funder", "funders", "finance", "financed", "financing",
             "money", "contribution", "contributions", "contribute", "contributes", "contributed",
             "contributor", "contributors", "donate", "donates", "donated", "donation", "donations", "donor",
             "donors", "pay", "pays", "paid", "paying", "pledge", "pledged", "pledges", "gives",
             "giving", "gave", "cash", "sponsor", "sponsored", "sponsorship", "bankroll", "bankrolled",
             "bankrolls", "chipin", "financial", "financially", "backed", "backs", "backer", "backers"),
    "annual": ("annual", "annually", "yearly", "perannum"),
    "end": ("end", "ends", "ended", "ending", "finish", "finishes", "finished", "conclude", "concludes",
            "concluded", "wound", "cometoanend", "resign", "resigns", "resigned", "resignation", "retire", "retires",
            "retired", "retirement", "stepdown"),
    "result": ("result", "results", "outcome", "outcomes", "comeoutof"),
    "die": ("die", "died", "dies", "dying", "death", "deaths", "dead", "deadly", "kill", "killed", "kills", "killing",
            "fatality", "fatalities", "mortality", "perish", "perished"),
    "benefit": ("benefit", "benefits", "benefited", "benefitted", "benefiting", "advantage", "advantages", "useful",
                "usefulness", "handy", "valuable", "upside", "upsides", "worthwhile"),
    "airport": ("airport", "airports", "airfield", "airfields", "airstrip", "aerodrome"),
    "report": ("report", "reports", "booklet", "booklets", "brochure", "brochures"),  # a publication, however bound
    "win": ("win", "wins", "won", "winner", "winners", "winning", "victory", "victor"),  # who came first, not who took part
    "lead": ("head", "heads", "headed", "heading", "chief", "leader", "leaders", "lead", "leads", "led", "leading",
             "boss", "director", "directors", "helm", "top", "running", "runs", "ran",
             "steer", "steers", "steered", "steering", "guide", "guided", "guides", "guiding", "manage", "manages",
             "managed", "managing", "management"),
    "migr": ("migrant", "migrants", "migration", "migrations", "immigrant", "immigrants", "immigration",
             "emigrant", "emigrants", "emigration", "migrate", "migrated", "migrating", "migratory", "emigrate",
             "emigrates", "emigrated", "emigrating", "immigrate", "immigrates", "immigrated", "immigrating", "newcomer", "newcomers"),
    "return": ("return", "returns", "returned", "returning", "returnee", "returnees", "repatriation",
               "repatriate", "repatriated", "gohome", "goback", "homecoming", "homecomings"),
    "support": ("help", "helps", "helped", "helping", "assist", "assists", "assisted", "assisting",
                "assistance", "support", "supports", "supported", "supporting", "aid", "aided", "backing"),
    "child": ("child", "children", "kid", "kids", "minor", "minors", "youngster", "youngsters", "juvenile",
              "juveniles"),
    "meet": ("meeting", "meetings", "meet", "meets", "met", "conference", "conferences", "summit",
             "summits", "gathering", "gatherings", "gather", "gathered", "convened", "convention",
             "talks", "gettogether", "gettogethers"),
    "global": ("global", "globally", "world", "worldwide"),
    "strand": ("strand", "stranded", "stuck", "trapped", "marooned"),
    "assess": ("assess", "assesses", "assessed", "assessing", "assessment", "assessments", "check", "checks",
               "checked", "checking", "checkup", "checkups", "screen", "screens", "screened", "screening",
               "examine", "examines", "examined", "examination", "examinations"),
    "web": ("web", "website", "websites", "webpage", "webpages", "online", "internet"),
    "socialmedia": ("socialmedia", "facebook", "twitter", "instagram"),
    "job": ("job", "jobs", "employment", "employ", "employed", "employer", "employers", "career",
            "careers", "vacancy", "vacancies", "placement", "placements", "hire", "hired", "hiring"),
    "remit": ("remittance", "remittances", "remit", "remitting", "sendmoney", "moneytransfer",
              "moneytransfers"),
    "cost": ("cost", "costs", "costly", "price", "prices", "fee", "fees", "cheap", "cheaper", "cheapest",
             "affordable", "affordably", "expensive", "charge", "charges", "cheaply", "inexpensive", "inexpensively",
             "affordability"),
    "double": ("double", "doubled", "doubling", "twice", "twofold"),
    "increase": ("increase", "increased", "increasing", "increases",  # not "grow": migrants grow vegetables too
                 "growth", "rise", "rose", "risen", "rising", "climb", "climbed", "expand", "expanded"),
    "name": ("name", "names", "named", "renamed", "rename", "renaming", "called", "known", "title", "titled"),
    "presence": ("presence", "present", "active", "operate", "operates", "operated", "operating"),
    "country": ("country", "countries", "nation", "nations", "national", "nationals"),
    "people": ("people", "persons", "person", "individuals", "individual", "humans", "folks"),
    "refugee": ("refugee", "refugees", "displaced", "uprooted"),
    "traffick": ("trafficking", "trafficked", "trafficker", "traffickers", "smuggling", "smuggled",
                 "smuggler", "smugglers", "counter-trafficking"),
    "health": ("health", "medical", "medicine", "healthcare", "doctor", "doctors", "sick", "illness",
               "clinical"),
    "say": ("said", "say", "says", "saying", "stated", "quote", "quoted", "quotes", "remark", "remarks",
            "declared", "told", "stressed", "stress", "commented", "comment", "noted", "words"),
    "desert": ("desert", "deserts", "sahara"),
    "percent": ("percent", "percentage", "pct", "share", "proportion", "procent", "pourcent", "prozent"),
    "train": ("train", "training", "trained", "trainings", "course", "courses", "teach", "taught",
              "coaching", "skills", "skill"),
    "climate": ("climate", "climatic", "environment", "environmental", "weather"),
    "photo": ("photo", "photos", "photograph", "photographs", "picture", "pictures", "pictured", "image",
              "images", "caption", "captions"),
    "member": ("member", "members", "membership", "memberstates"),
    "policy": ("policy", "policies", "rule", "rules", "law", "laws", "legislation", "regulation", "regulations"),
    "agree": ("agreement", "agreements", "deal", "deals", "accord", "accords", "treaty", "treaties",
              "mou", "arrangement"),
    "pledge": ("pledge", "pledged", "pledges", "pledging", "promise", "promised", "promises"),
    "sign": ("sign", "signed", "signing", "signature", "signs", "inked"),
    "invest": ("invest", "invests", "invested", "investment", "investments", "investor", "investors",
               "investing"),
    "agricultur": ("agriculture", "agricultural", "farm", "farms", "farming", "farmer", "farmers",
                   "gardening", "garden", "gardens", "crops", "livestock"),
    "belgium": ("belgium", "belgian", "belgians", "belgique"),
    "morocco": ("morocco", "moroccan", "moroccans", "maroc", "marocains"),
    "iraq": ("iraq", "iraqi", "iraqis", "irak"),
    "congo": ("congo", "congolese", "drc"),
    "guinea": ("guinea", "guinean", "guineans"),
    "burundi": ("burundi", "burundian", "burundians"),
    "rwanda": ("rwanda", "rwandan", "rwandans"),
    "mali": ("mali", "malian", "malians"),
    "mozambique": ("mozambique", "mozambican", "mozambicans"),
    "afghanistan": ("afghanistan", "afghan", "afghans"),
    "africa": ("africa", "african", "africans"),
    "vietnam": ("vietnam", "vietnamese"),
    "kurdistan": ("kurdistan", "kurdish", "kurds", "krg"),
    "city": ("city", "cities", "town", "towns", "urban"),
    "office": ("office", "offices", "bureau", "bureaus"),
    "car": ("car", "centralafricanrepublic"),
    "eu": ("eu", "europeanunion"),
    "un": ("un", "unitednations"),
    "minister": ("minister", "ministers", "ministerial", "portfolio", "secretary", "secretaries", "ministry", "ministries", "politician",
                 "politicians", "statesman", "statesmen"),
    "counsel": ("counsel", "counselling", "counseling", "counsellor", "counsellors", "counselor",
                "counselors", "advice", "advise", "advises", "advised", "advising", "adviser", "advisers", "advisor",
                "advisors", "advisory", "guidance"),
    "attend": ("attend", "attended", "attending", "attends", "attendance", "attendee", "attendees",
               "participant", "participants", "participate", "participated", "participating", "participation",
               "turnout"),
    "aim": ("aim", "aims", "aimed", "aiming", "goal", "goals", "objective", "objectives", "purpose", "purposes",
            "intend", "intends", "intended", "seek", "seeks", "sought", "setout", "meantto", "point"),
    "problem": ("problem", "problems", "downside", "downsides", "drawback", "drawbacks", "challenge",
                "challenges", "negative", "difficulty", "difficulties"),
    # the documents' "issues" are subjects ("key issues for the EU and IOM, including Afghanistan")
    "topic": ("topic", "topics", "issue", "issues", "theme", "themes", "focus", "focused", "focusing", "focuses",
              "focussed", "centred", "centered"),
    "include": ("include", "includes", "included", "including", "comprise", "comprises", "comprised",
                "consist", "consists", "consisted", "component", "components", "madeupof", "involve", "involves"),
    "budget": ("budget", "budgets", "budgetary"),  # an organisation's whole budget, not a gift to it ("fund")
    "nationality": ("nationality", "nationalities", "citizenship"),  # a person's, not a country ("nation")
    "directorate": ("directorate", "directorates"),
    "program": ("program", "programs", "programme", "programmes", "scheme", "schemes"),  # a department, not its director ("lead")
    "project": ("project", "projects", "projet", "projets"),  # the French word, and a common slip
    "author": ("author", "authors", "authored", "journalist", "journalists", "reporter", "reporters", "writer",
               "writers", "byline", "bylines", "bylined"),
    # who chairs a meeting or a body is not who directs an organisation
    "chair": ("chair", "chairs", "chaired", "chairing", "chairman", "chairwoman", "chairperson", "presided", "presiding"),
    "acronym": ("acronym", "acronyms", "abbreviation", "abbreviations", "abbreviated", "abbreviate"),
    "announce": ("announce", "announces", "announced", "announcing", "announcement", "announcements",
                 "unveil", "unveils", "unveiled", "unveiling"),
    "coheren": ("coherence", "coherent", "coherently", "incoherent", "align", "aligned", "aligning", "alignment",
                "inline", "insync"),
    "europ": ("europe", "european", "europeans"),
    "border": ("border", "borders", "frontier", "frontiers"),
    "pilot": ("pilot", "pilots", "trial", "trials"),  # a first, test run of a project
    "diaspora": ("diaspora", "diasporas", "expat", "expats", "expatriate", "expatriates"),
    "crisis": ("crisis", "crises", "conflict", "conflicts"),
    "entrepreneur": ("entrepreneur", "entrepreneurs", "entrepreneurial", "entrepreneurship", "businessman",
                     "businessmen", "businesswoman", "businesswomen", "businesspeople"),
}
ACRONYM_PREFIX = "acronym:"  # an index term of an acronym a fact spells out ("acronym:cgrs"), see index.py
SYNONYMS: dict[str, str] = {w: concept for concept, ws in _CONCEPTS.items() for w in ws}

# Concepts that say what a question asks about a subject (founded, funded, attended, led…), as
# opposed to naming the subject: a fact that lacks the question's predicate is about something else.
# (Not "aim": a fact on what a programme does answers what it is for, in whatever words.)
PREDICATES = frozenset({"begin", "fund", "annual", "lead", "return", "attend", "include", "name", "cost",
                        "double", "increase", "say", "sign", "agree", "invest", "train", "presence", "acronym", "budget", "nationality",
                        "member", "meet", "job", "remit", "problem", "counsel", "health", "child", "refugee", "win", "end", "die", "open", "birthplac"})

# Multi-word phrases folded to one token before splitting (applied to folded, lower-case text).
# (Compiled on first use: most texts hold none of most phrases, and a command reads few texts.)
_PHRASES: tuple[tuple[str, str], ...] = tuple(
    (p, r)
    for p, r in (
        (r"\b(each|every|per|a|an|one) year\b", " annual "),
        (r"\bper annum\b", " annual "),
        (r"\bset(?:s|ting)? up shop\b", " open office "),  # began working there
        (r"\bset(ting)? up\b", " setup "),
        (r"\b(?:get|gets|got|getting|gotten) off the ground\b|\b(?:came|come|comes|coming) into (?:being|existence)\b", " begin "),
        (r"\b(show|showed|shown|shows|turn|turned|turns) up\b", " attend "),
        (r"\bkick(ed|s|ing)? off\b", " open "),
        # "at the end of 2016": a time, not an end or a beginning that the question asks about
        (r"\b(?:at|by|towards?|until|till|from|in|since|before|after)\s+the\s+(?:very\s+)?(?:end|beginning|start|middle|close)\s+of\s+"
         r"(?=(?:19|20)\d\d\b|(?:january|february|march|april|may|june|july|august|september|october|november|december)\b)", " in "),
        (r"\b(?:the )?most (?=money\b|funding\b|funds\b|cash\b)", " largest "),  # "who gives IOM the most money"
        (r"\bin charge\b", " lead "),  # the head of something, not a fee
        (r"\b(?:came|come|comes|coming) to an end\b|\bwound up\b|\bwrap(?:ped)? up\b", " cometoanend "),
        (r"\bend(?:s|ed|ing)? up\b", " arrive "),  # where people end up is where they arrive, not an end
        (r"\bhead(?:s|ed|ing)? (?:to|for|towards?|off to)\b", " go to "),  # a journey, not a leader
        (r"\b(where\b.*?)\bheaded\W*$", r"\1 go to "),  # "Where were they headed?", not "By whom was it headed?"
        (r"\bhead(?:s|ed|ing)? (?:back )?home\b", " gohome "),
        (r"\bhead ?counts?\b", " count "),  # a number of people, not a leader
        (r"\bhead ?(?:office|quarters?)\b", " headquarters "),  # a place, not a leader
        (r"\bmanag(?:e|es|ed|ing) to\b", " "),  # "What did IOM manage to add": it did, not ran
        (r"\b(?:lead|leads|led|leading) (?=to\b)", " cause "),  # "What led to MAGNET II?": a cause, not a leader
        (r"\bhead(?:s|ed|ing)? back\b", " goback "),  # going home, not a leader
        (r"\btop (?=(?:priorit|donor|contributor|financial|funder|backer|the list|\d))", " main "),  # the first, not a leader
        (r"\brunning (?=(?:event|race))", " run "),  # a race, not a leader
        (r"\b(?:came|come|comes|coming) out of\b", " comeoutof "),  # "What came out of the conference?": its result
        (r"\b(who\s+(?:\w+\s+)?)(?:talk|talks|talked|spoke|speaks|has spoken|had spoken) (?=about\b)", r"\1 say "),  # the speaker, not a meeting's subject
        (r"\bof (?:its|their|his|her|our|my|your) own (?:free )?(?:will|accord|choice)\b|\bwillingly\b|\bby choice\b", " voluntarily "),
        (r"\bon (?:its|their|his|her|our|my|your) own\b|\bby (?:itself|themselves|himself|herself|ourselves)\b|\bsingle-?handedly\b", " alone "),
        (r"\b(?:dealt|dealing) with\b|\b(to|can|could|must|will|would|should|help|helps|helped|helping|they|we|you|nation|nations|country|countries|government|governments|states|people|it|he|she) deal with\b", r" \1 handle "),  # handling it, not an agreement
        (r"\bcash[- ]for[- ]work\b", " cashforwork "),  # the scheme's name, not money
        (r"\bchip(s|ped|ping)? in\b", " chipin "),
        (r"\bfoot(?:s|ed|ing)? the bill\b|\bpick(?:s|ed|ing)? up the (?:bill|tab)\b", " fund "),
        (r"\bpost ?offices?\b", " postal office "),  # the postal network, not a post held
        (r"\blong[- ]running\b", " longstanding "),  # long-lived, not led
        (r"\bwho (?:first )?(?:reported|wrote|penned|authored)\b", " who author "),  # the article's author, not its subject
        (r"\b(?:closer|close) together\b|\bin line\b|\bin sync\b|\binto (?:better )?sync\b", " inline "),  # coherence
        # work one finds is a job; "IOM's work" is what it does, not employment
        (r"\b((?:find|finds|found|finding|get|gets|got|getting|land|lands|landed|landing|seek|seeks|seeking|sought|"
         r"look(?:s|ed|ing)? for|search(?:es|ed|ing)? for|back (?:in|into|to)|into|out of|without|paid|decent) )work\b", r"\1 job "),
        (r"\bgather(?:s|ed|ing)? (?=(?:data|information|info|evidence|facts|figures|numbers|statistics|stats|details)\b)", " collect "),  # not a meeting
        (r"\bno[- ]strings(?:[- ]attached)?\b|\bstrings-free\b", " unearmarked flexible "),
        (r"\bset(s|ting)? out to\b|\btr(y|ies|ied|ying) to\b|\bmeant (to|for)\b|\bdesigned to\b", " aim "),
        (r"\b(take|takes|taking|took|taken) part\b", " participate "),
        (r"\b(sit|sits|sat|sitting) down (with|together)\b", " meet "),
        # "present in Belgium" and "where is IOM present?" are a presence, where "at present" is now
        (r"\bpresent (?=(?:in|at|on|across)\b)|(?<!\bat )\bpresent(?=\W*$)", " presence "),
        # "since when has IOM been in Belgium": being somewhere is a presence there
        (r"\bbeen (?=in (?!(?:charge|place|force|touch|contact|decline|operation|existence|use|power|office)\b))"
         r"|\bbeen (?:working|operating|active|based) (?=in\b)|\b(?:has|have|had)(?: had)? (?:a|its|their) base (?=in\b)", " presence "),
        # "found jobs" is the past of 'find', not 'founded'
        (r"\bfound (?=(?:a |an |the |their |his |her |new |decent |good |paid )?(?:jobs?|work|employment|positions?|places?|homes?|housing)\b)", " find "),
        (r"\bcall(?:s|ing)? (?=(?:itself|themselves|herself|himself)\b)", " name "),  # what it is called, not a call for something
        (r"\bst(?:ep|eps|epped|epping) (?:down|aside)\b|\b(?:left|leave|leaves|leaving) office\b", " stepdown "),  # a post ended
        (r"\bmade up of\b", " include "),
        (r"\b(stand|stands|stood) for\b|\bshort for\b|\bfull name\b|\bthe letters\b|\bmeaning\b|\bmean\W*$", " acronym "),
        (r"\b(go|going|went|gone|goes) (back )?home\b", " gohome "),
        (r"\b(go|going|went|gone|goes|come|comes|came|coming) back\b", " goback "),
        (r"\bsend(ing|s)? money\b", " sendmoney "),
        (r"\bmoney transfers?\b", " moneytransfer "),
        (r"\biom (?:country )?(?:office )?(?:in |for |of )?belgium\b", " iombelgiumoffice iom belgium "),  # the office, not IOM
        (r"\bsocial (?:media|networks?|networking)\b", " socialmedia "),
        (r"\beuropean union\b", " europeanunion "),
        (r"\bunited nations\b", " unitednations "),
        # "the UN migration agency" is IOM: a question on "the UN" itself is not about it
        (r"\b(?:un|unitednations)\s+migration(?:\s+(?:agency|body|organization|organisation))?\b"
         r"|\bthe agency(?:'s|’s)?(?!\s+(?:for|of|in)\b)"
         r"|\bthe (?:(?:global|international|world|worldwide|intergovernmental|main|leading)\s+)?migration (?:agency|body)\b", " iom "),  # (a Belgian agency is named: "the Belgian asylum agency")
        (r"\bcentral african republic\b", " centralafricanrepublic "),
        (r"\b(?:government|cabinet) members?\b|\bmembers? of (?:the )?(?:\w+ )?(?:government|cabinet)\b", " minister "),  # a post, not a membership
        (r"\bmember states?\b", " member memberstates "),
        (r"\b(?:staff|team|crew) members?\b", " staff "),  # people on a payroll, not members of a body
        (r"\bviet nam\b", " vietnam "),
        (r"\bper ?cent\b|%", " percent "),
        (r"\bu\.s\.a?\.?\b", " usa "),
        (r"\be\.u\.", " eu "),
        (r"\bu\.n\.", " un "),
        (r"€|\beur\b|\beuros?\b", " euro "),
        (r"\$|\busd\b|\bdollars?\b", " usd "),
        # "IOM's DG" is its Director General; "DG HOME", a Directorate-General of the European Commission
        (r"\b(iom(?:'s|’s)?\s+)dg\b|\bdg(\s+(?:of|at)\s+(?:the\s+)?(?:iom|international organi[sz]ation)\b)", r" \1 director general \2 "),
        (r"\bdirectorates?[- ]generals?\b", " dg "),  # "DG SANTE" is the Directorate-General for Health
        (r"\bprime ministers?\b|\bpremier\b", " primeminister "),  # the head of government, not any minister
        (r"\bavrr\b", " avrr assisted voluntary return reintegration "),  # the acronym asks what its words ask
        (r"\bone of\b|\b(?:which|the|this|that|no|any|every|each) one\b", " of "),  # a pronoun, not the number 1
        (r"\bwon't\b", " will not "),  # not the past of 'win'
        (r"\bcan't\b", " can not "),
        (r"n't\b", " not "),
    )
)

# For each of _PHRASES, in order: literal strings of which every match holds at least one. Scanning
# a text for a literal is far quicker than for a pattern; most texts hold none of these.
_PHRASE_CLUES: tuple[tuple[str, ...], ...] = (
    ("year",), ("annum",), ("shop",), ("up",), ("ground", "being", "existence"), ("up",), ("off",), ("end of", "beginning of", "start of", "middle of", "close of"), ("most",), ("charge",), ("an end", "wound up", "wrap"), ("up",), ("head",), ("headed",), ("home",), ("head",), ("head",), ("manag",), ("led to", "lead to", "leads to", "leading to"), ("back",), ("top",), ("running",), ("out of",), ("about",), ("own", "willingly", "by choice"), ("own", "by ", "single"), ("deal",), ("cash",), ("chip",), ("foot", "pick"), ("post",), ("running",), ("reported", "wrote", "penned", "authored"), ("together", "line", "sync"), ("work",), ("gather",), ("strings",), ("to", "for"), ("part",), ("down",), ("present",), ("been ", "base "), ("found",), ("call",), ("step", "office"), ("made",),
    ("for", "full", "letters", "mean"), ("home",), ("back",), ("send",), ("transfer",), ("belgium",), ("social",), ("union",), ("nations",), ("un migration", "nations migration", "the agency", "migration agency", "migration body"), ("republic",),
    ("member",), ("member",), ("member",), ("viet",), ("cent", "%"), ("u.s",), ("e.u.",), ("u.n.",), ("€", "eur"), ("$", "usd", "dollar"),
    ("dg",), ("directorate",), ("prime", "premier"), ("avrr",), ("one",), ("won't",), ("can't",), ("n't",),
)
assert len(_PHRASE_CLUES) == len(_PHRASES), "one tuple of clues per phrase pattern"
_ALL_CLUES = frozenset(c for clues in _PHRASE_CLUES for c in clues)
_PHRASE_RES: list[re.Pattern[str] | None] = [None] * len(_PHRASES)


def _compile_phrase(i: int) -> re.Pattern[str]:
    pattern = _PHRASE_RES[i] = re.compile(_PHRASES[i][0])
    return pattern

_NUMBER_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "twenty": "20",
    "fifty": "50", "hundred": "100", "thousand": "1000", "ii": "2", "iii": "3", "first": "1st",
    "second": "2nd", "third": "3rd", "fifth": "5th", "eighth": "8th", "thirty": "30", "sixth": "6th",
    "fourth": "4th", "seventh": "7th", "ninth": "9th", "tenth": "10th", "forty": "40", "sixty": "60",
    "seventy": "70", "eighty": "80", "ninety": "90",
}

_BRITISH = ((re.compile(r"isation"), "ization"), (re.compile(r"^labour"), "labor"),
            (re.compile(r"^programme"), "program"), (re.compile(r"centre"), "center"),
            (re.compile(r"neighbour"), "neighbor"), (re.compile(r"ise(d|s)?$"), r"ize\1"))

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_DIGIT_GROUP = re.compile(r"(?<=\d)[,\u202f\u00a0 .](?=\d{3}\b)")
_SPLIT = re.compile(r"[^a-z0-9]+")
_HYPHENATED = re.compile(r"\b([a-z0-9]+(?:-[a-z0-9]+)+)\b")
MAX_QUERY_CHARS = 2000  # longer questions are cut: nobody asks that much, and time must stay bounded


def fold(text: str) -> str:
    """Lower-case, accent-free, control-free text: 'Liège' and 'LIEGE' fold alike; NFC and NFD too."""
    text = _CONTROL.sub(" ", text)
    if text.isascii():  # (speed) ASCII has nothing to decompose and no accents: the same result
        return _CAMEL.sub(" ", text).lower()
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = _CAMEL.sub(" ", stripped)  # after decomposing, so NFC and NFD split alike
    return stripped.casefold().replace("’", "'").replace("‘", "'")


# A unit written onto a number: "20km" is the 20 of "20 km", and "€1m", "$50k", "EUR 2.5bn" are the
# sums the store writes out ("€1 million").
_UNIT = re.compile(r"\b(\d+)(km|kms|kg|kgs|m|mn|mln|bn|bln|k)\b")
_UNIT_WORDS = {"m": "million", "mn": "million", "mln": "million", "bn": "billion", "bln": "billion"}


def _unit(m: re.Match[str]) -> str:
    number, unit = m.groups()
    if unit == "k":
        return f" {number}000 "
    return f" {number} {_UNIT_WORDS.get(unit, unit)} "


def words(text: str) -> list[str]:
    """The folded words of a text, phrases joined and digit groups merged ('10,000' -> '10000').

    A hyphenated word also yields its parts joined ('O-REMIT' -> 'oremit', listed before the parts),
    since people write it either way; ``joined_forms`` tells which words those are.
    """
    t = fold(text[:MAX_QUERY_CHARS] if len(text) > MAX_QUERY_CHARS else text)
    t = _DIGIT_GROUP.sub("", t)
    t = t.replace("'s ", " ").replace("s' ", "s ")
    t = _UNIT.sub(_unit, t)
    present = {c for c in _ALL_CLUES if c in t}
    if present:
        for i, clues in enumerate(_PHRASE_CLUES):
            if not present.isdisjoint(clues):  # (speed) a phrase is looked for only where it can be
                t = (_PHRASE_RES[i] or _compile_phrase(i)).sub(_PHRASES[i][1], t)
    out: list[str] = []
    if "-" in t:
        for m in _HYPHENATED.finditer(t):  # 'O-REMIT' is also asked as 'oremit'
            out.append(m.group(1).replace("-", ""))
    out.extend(w for w in _SPLIT.split(t) if w)
    return out


def joined_forms(text: str) -> dict[str, list[str]]:
    """The words that ``words`` made by joining the parts of a hyphenated word, with those parts."""
    t = fold(text[:MAX_QUERY_CHARS])
    return {m.group(1).replace("-", ""): m.group(1).split("-") for m in _HYPHENATED.finditer(t)}


def _british(word: str) -> str:
    for pattern, repl in _BRITISH:
        word = pattern.sub(repl, word)
    return word


_stem_fn: Callable[[str], str] | None = None


def stem(word: str) -> str:
    global _stem_fn
    if _stem_fn is None:
        from snowballstemmer import stemmer  # imported on first unseen word only

        _stem_fn = stemmer("english").stemWord
    return _stem_fn(word)


def is_word_of_its_own(word: str) -> bool:
    """A number word or a synonym text.py knows ('fifty', 'bankrolled'): never a slip for another word."""
    return word in _NUMBER_WORDS or word in SYNONYMS


def term_of(word: str) -> str | None:
    """The index term of one folded word, or None for a word that carries no meaning here."""
    if word in STOPWORDS:
        return None
    if word in _NUMBER_WORDS:
        return _NUMBER_WORDS[word]
    if word in SYNONYMS:
        return SYNONYMS[word]
    if word.isdigit():
        return word  # 'magnet 2' keeps its 2
    if len(word) < 3:
        return None
    base = _british(word)
    if base in SYNONYMS:
        return SYNONYMS[base]
    if base.endswith("arily"):
        base = base[:-5] + "ary"  # 'voluntarily' is 'voluntary', which the stemmer does not see
    stemmed = stem(base)
    if stemmed.endswith("f") and base.startswith(stemmed + "f"):
        stemmed += "f"  # 'staffing' and 'staff' are one term: a word in -ff keeps it ('staf' is none)
    return SYNONYMS.get(stemmed, stemmed)


def terms(text: str, lookup: Callable[[str], str | None] = term_of) -> list[str]:
    """The distinct terms of a text, in order of first appearance."""
    seen: dict[str, None] = {}
    for w in words(text):
        t = lookup(w)
        if t is not None and t not in seen:
            seen[t] = None
    return list(seen)


def vocabulary(texts: Iterable[str]) -> dict[str, str | None]:
    """Map every word of the texts to its term: saved in the index so questions rarely need the stemmer."""
    table: dict[str, str | None] = {}
    for text in texts:
        for w in words(text):
            if w not in table:
                table[w] = term_of(w)
    return table
