"""Generate a large synthetic fact store, for measuring iomfacts at scale.

usage: python bench/generate_store.py --facts 100000 --out bench/out/store-100k [--seed 7]
                                       [--per-file 10000] [--single-file]

The store is valid (``iomfacts --data DIR check`` exits 0) and varied rather than one fact copied:
a dozen kinds of statement (launches, funding, office holders, offices, counts, agreements,
conferences, quotations, percentages, history, values over time) filled from pools of countries,
cities, people, organisations and invented programme names, each with paraphrased aliases, one or two
citations of a handful of synthetic sources, dates of every supported EDTF kind (year, month, day,
intervals, uncertain, approximate, both, decade, century) and series (``key`` + ``as_of``). The same
seed gives the same store, byte for byte.

By default the store is a directory with ``sources.yaml`` and one ``facts-NNNN.yaml`` per
``--per-file`` facts; ``--single-file`` writes one YAML file instead (``--out`` then names the file).
The content is synthetic: it says nothing true about IOM or Belgium.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

COUNTRIES = """Afghanistan Albania Algeria Angola Argentina Armenia Bangladesh Belarus Benin Bolivia Brazil Burundi
Cameroon Chad Chile Colombia Cuba Djibouti Ecuador Egypt Eritrea Ethiopia Gabon Gambia Georgia Ghana Guatemala
Guinea Haiti Honduras India Indonesia Iraq Jamaica Jordan Kazakhstan Kenya Kosovo Kyrgyzstan Laos Lebanon
Lesotho Liberia Libya Madagascar Malawi Mali Mauritania Mexico Moldova Mongolia Montenegro Morocco
Mozambique Myanmar Namibia Nepal Nicaragua Niger Nigeria Pakistan Panama Paraguay Peru Philippines Rwanda
Senegal Serbia Somalia Sudan Suriname Syria Tajikistan Tanzania Togo Tunisia Turkey Uganda Ukraine
Uzbekistan Venezuela Vietnam Yemen Zambia Zimbabwe""".split()
CITIES = """Antwerp Ghent Liege Namur Mons Leuven Bruges Charleroi Hasselt Arlon Kabul Tirana Algiers Luanda Yerevan
Dhaka Minsk Cotonou Bujumbura Douala Ndjamena Bogota Havana Quito Cairo Asmara Addis Libreville Banjul Tbilisi
Accra Conakry Kinshasa Nairobi Pristina Bishkek Vientiane Beirut Maseru Monrovia Tripoli Antananarivo
Lilongwe Bamako Nouakchott Chisinau Podgorica Rabat Tangier Maputo Yangon Windhoek Kathmandu Managua Niamey
Abuja Lagos Karachi Lima Manila Kigali Dakar Belgrade Mogadishu Khartoum Dushanbe Dodoma Lome Tunis Izmir
Kampala Odesa Tashkent Lusaka Harare Erbil Mosul Goma Bukavu Agadez Gao Kayes Tamale Kumasi Sylhet""".split()
FIRST = """Amina Bruno Claire Dirk Elif Fatou Georges Hanna Ines Jan Karim Lena Marc Nadia Omar Pieter Rania Sofie
Tomas Ursula Vincent Wout Yasmine Zeno Alice Bart Chloe David Emma Filip Griet Hugo Isabelle Jonas Katrien
Lucas Marie Nico Olivia Paul Quentin Rosa Samir Tine Ugo Vera Willem Xavier Youssef Zainab Adele Bram Celine
Daan Eva Frank Gilles Hilde Ivo Jolien""".split()
LAST = """Abdi Bakker Claes Dubois Emond Fofana Goossens Haddad Idrissi Janssens Kone Lambert Maes Nkosi Ouedraogo
Peeters Quispe Renard Smet Traore Urbain Verhoeven Wouters Yilmaz Zidane Achterberg Benali Coulibaly Desmet
Elkhatib Fontaine Gerard Hermans Ilunga Jacobs Kabila Leclercq Mertens Ndiaye Olivier Pauwels Rahimi
Simons Thys Uwimana Vandenberg Willems Yusuf Zeller Baert Cools Dewulf Engels Francois Geerts Hendrickx""".split()
SYLLABLES = """ka lo mi ren tas vel du ar bo ni sel tor qua li me so ra ven zo pa ki lu fe dor sa mo te gi
ru ba no vi ha le xo jo""".split()
PROGRAMME_WORDS = ("Initiative", "Programme", "Project", "Partnership", "Facility", "Platform", "Network", "Fund")
PURPOSES = ("support the sustainable reintegration of returning migrants", "train border officials in data protection",
            "strengthen labour migration pathways for young graduates", "improve health screening for migrants in transit",
            "help diaspora entrepreneurs invest in their home regions", "protect unaccompanied children on the move",
            "counter human trafficking along the central route", "map climate-induced displacement in rural areas",
            "lower the cost of sending remittances home", "offer counselling to people considering return",
            "collect better statistics on internal displacement", "give vocational training in agriculture and crafts",
            "set up community centres for displaced families", "digitise civil registration in border districts",
            "fund small businesses run by returnee women")
BENEFICIARIES = ("returnees", "young graduates", "border officials", "displaced families", "unaccompanied children",
                 "women entrepreneurs", "health workers", "farmers", "students", "local officials", "survivors of trafficking",
                 "diaspora members")
ROLES = ("Chief of Mission", "Director", "Programme Manager", "Deputy Director", "Head of Office", "Regional Coordinator",
         "Minister", "Ambassador", "Special Envoy", "Chairperson")
MINISTRIES = ("Interior", "Foreign Affairs", "Development Cooperation", "Labour", "Health", "Justice", "Social Affairs",
              "Education", "Agriculture", "Finance")
AGREEMENTS = ("memorandum of understanding", "framework agreement", "cooperation agreement", "host country agreement",
              "data sharing protocol", "readmission arrangement", "funding agreement")
CONFERENCES = ("Regional Dialogue on Labour Mobility", "Conference on Return and Reintegration", "Forum on Migration and Health",
               "Summit on Climate and Mobility", "Workshop on Migration Data", "Diaspora Investment Forum",
               "Round Table on Child Protection", "Meeting of Partner Agencies")
CLAIMS = ("no country can manage migration alone", "returns only last when people find work at home",
          "good data saves lives at sea and on land", "children must never be detained for their migration status",
          "remittances are a lifeline for millions of families", "climate change is already moving people",
          "regular pathways are the best answer to smuggling", "local authorities are the first responders",
          "diaspora skills are an untapped resource", "health is a right for every migrant")
TOPICS = ("funding", "returns", "reintegration", "health", "labour-migration", "training", "agreements", "history",
          "events", "people", "offices", "research", "counter-trafficking", "climate", "diaspora", "emergencies",
          "resettlement", "border-management", "remittances", "statistics", "children", "partnerships", "policy", "data")
SECTIONS = ("Introduction", "Background", "Programmes", "Funding", "Partnerships", "Results", "Annex", "Foreword",
            "Regional overview", "Lessons learned", None)
MEASURES = (("beneficiaries", "people reached"), ("returns", "assisted returns"), ("trainees", "people trained"),
            ("offices", "field offices"), ("partners", "partner organisations"), ("budget", "budget in euro"))
ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
SOURCES = [
    ("synth-annual-report-2019", "Annual Report on Migration Partnerships 2019", "Synthetic Publishing House", None, "2019", "report"),
    ("synth-news-2021", "Partners Renew Support for Return Programmes", "The Synthetic Courier", "Ana Ruiz", "2021-03-15", "news article"),
    ("synth-press-2017", "Press Release: New Offices Open", "Synthetic Agency for Mobility", None, "2017-06", "press release"),
    ("synth-web-page", "[Programmes overview page]", "Synthetic Agency for Mobility", None, "2022?", "web page"),
    ("synth-evaluation-2015", "Evaluation of Reintegration Projects", "Institute of Synthetic Studies", "Jan Peeters", "2015~", "report"),
    ("synth-history-1990s", "A Short History of Migration Cooperation", "Synthetic University Press", "Marie Lambert", "199X", "report"),
    ("synth-bulletin", "Migration Data Bulletin", "Synthetic Statistics Office", None, "2018-01/2018-12", "report"),
    ("synth-speech-2020", "Speech at the Partners Meeting", None, "Omar Haddad", "2020-11-26", "speech"),
]


def month_days(y: int, m: int) -> int:
    return MONTH_DAYS[m - 1] + (1 if m == 2 and y % 4 == 0 and (y % 100 or y % 400 == 0) else 0)


class Gen:
    """Draws the parts of facts from the pools with one seeded random generator."""

    def __init__(self, seed: int) -> None:
        self.r = random.Random(seed)
        self.programmes: list[str] = []
        self._prog_seen: set[str] = set()
        self.people = [f"{f} {l}" for f in FIRST for l in LAST]
        self.r.shuffle(self.people)

    def pick(self, seq):  # a few items are far more common than others, as in real text
        r = self.r.random()
        return seq[int(len(seq) * r * r)] if self.r.random() < 0.5 else seq[self.r.randrange(len(seq))]

    def programme(self) -> str:
        if self.programmes and self.r.random() < 0.7:
            return self.pick(self.programmes)
        while True:
            n = self.r.choice((2, 2, 3))
            word = "".join(self.r.choice(SYLLABLES) for _ in range(n)).capitalize()
            name = f"{word} {self.r.choice(PROGRAMME_WORDS)}"
            if self.r.random() < 0.3:
                name = f"{name} {self.r.choice(('II', 'III', 'Plus', 'Africa', 'Europe', 'Asia'))}"
            if name not in self._prog_seen:
                self._prog_seen.add(name)
                self.programmes.append(name)
                return name

    def org(self) -> str:
        k = self.r.randrange(5)
        if k == 0:
            return f"Ministry of {self.pick(MINISTRIES)} of {self.pick(COUNTRIES)}"
        if k == 1:
            return f"{self.pick(CITIES)} Migrant Resource Centre"
        if k == 2:
            return f"{self.pick(COUNTRIES)} Red Cross"
        if k == 3:
            return f"{self.pick(COUNTRIES)} Office for Mobility"
        return "Synthetic Agency for Mobility"

    def person(self) -> str:
        return self.pick(self.people)

    def year(self, lo: int = 1960, hi: int = 2025) -> int:
        return self.r.randint(lo, hi)

    def day(self, y: int | None = None) -> tuple[int, int, int]:
        y = y or self.year()
        m = self.r.randint(1, 12)
        return y, m, self.r.randint(1, month_days(y, m))

    def date(self) -> tuple[str, str]:
        """An EDTF date of a random supported kind, and how a person writes it."""
        k = self.r.randrange(12)
        y = self.year()
        if k in (0, 1):
            return str(y), str(y)
        if k == 2:
            m = self.r.randint(1, 12)
            return f"{y}-{m:02d}", f"{MONTHS[m - 1]} {y}"
        if k in (3, 4):
            y, m, d = self.day(y)
            return f"{y}-{m:02d}-{d:02d}", f"{d} {MONTHS[m - 1]} {y}"
        if k == 5:
            y, m, d = self.day(y)
            d2 = min(d + self.r.randint(1, 4), month_days(y, m))
            if d2 == d:
                return f"{y}-{m:02d}-{d:02d}", f"{d} {MONTHS[m - 1]} {y}"
            return f"{y}-{m:02d}-{d:02d}/{y}-{m:02d}-{d2:02d}", f"{d} to {d2} {MONTHS[m - 1]} {y}"
        if k == 6:
            y2 = y + self.r.randint(1, 5)
            return f"{y}/{y2}", f"{y} to {y2}"
        if k == 7:
            return f"{y}?", f"probably {y}"
        if k == 8:
            return f"{y}~", f"around {y}"
        if k == 9:
            return f"{y}%", f"possibly around {y}"
        if k == 10:
            return f"{str(y)[:3]}X", f"the {str(y)[:3]}0s"
        return "19XX" if y < 2000 else "20XX", "the twentieth century" if y < 2000 else "the twenty-first century"

    def amount(self) -> tuple[str, str]:
        n = self.r.choice((0.5, 1, 1.2, 2, 2.5, 3, 4.8, 5, 7.5, 10, 12, 15, 20, 25, 40))
        cur = self.r.choice(("EUR", "USD", "euro"))
        if self.r.random() < 0.5:
            n2 = self.r.randint(50, 950) * 1000
            return f"{n2:,} {cur}", f"{n2:,} {cur}"
        return f"{n:g} million {cur}", f"{n:g} million {cur}"

    def count(self) -> int:
        return self.r.choice((self.r.randint(10, 99), self.r.randint(100, 9999), self.r.randint(10000, 250000)))


def slug(text: str) -> str:
    out = "".join(ch.lower() if ch.isalnum() else "-" for ch in text)
    while "--" in out:
        out = out.replace("--", "-")
    return out.strip("-")[:48].strip("-")


def make_fact(g: Gen, i: int, series_state: dict[str, int]) -> dict:
    """One fact of a randomly drawn kind (about one in ten is a series value)."""
    r = g.r
    kind = r.randrange(12)
    src = r.choice(SOURCES)[0]
    section = r.choice(SECTIONS)
    fact: dict = {}
    if kind == 0:  # a launch
        p, o, c = g.programme(), g.org(), g.pick(COUNTRIES)
        purpose = r.choice(PURPOSES)
        date, said = g.date()
        fact = dict(statement=f"The {p} was launched in {said} by the {o} to {purpose} in {c}.", answer=said, date=date,
                    topics=[r.choice(TOPICS), "events"], entities=[p, o, c],
                    aliases=[f"When did the {p} start?", f"{p.lower()} launch date", f"Who set up the {p} in {c}?"],
                    quote=f"Launched in {said}, the {p} aims to {purpose}.")
    elif kind == 1:  # funding
        p, donor = g.programme(), r.choice((g.pick(COUNTRIES), g.org()))
        amount, said_amount = g.amount()
        y = g.year(1990, 2025)
        fact = dict(statement=f"{donor} contributed {said_amount} to the {p} in {y}.", answer=amount, date=str(y),
                    topics=["funding", r.choice(TOPICS)], entities=[donor, p],
                    aliases=[f"How much money did {donor} give the {p}?", f"{donor} funding {p.split()[0]} {y}"],
                    quote=f"In {y}, {donor} provided {said_amount} for the {p}.")
    elif kind == 2:  # an office holder
        person, role, o = g.person(), r.choice(ROLES), g.org()
        y1 = g.year(1970, 2020)
        y2 = y1 + r.randint(1, 8)
        fact = dict(statement=f"{person} served as {role} of the {o} from {y1} to {y2}.", answer=person, date=f"{y1}/{y2}",
                    topics=["people"], entities=[person, o],
                    aliases=[f"Who was the {role} of the {o}?", f"Who led the {o} in {y1}?"],
                    quote=f"{person} was {role} of the {o} between {y1} and {y2}.")
    elif kind == 3:  # an office
        o, city, c = g.org(), g.pick(CITIES), g.pick(COUNTRIES)
        date, said = g.date()
        fact = dict(statement=f"The {o} opened a field office in {city}, {c}, in {said}.", answer=city, date=date,
                    topics=["offices", r.choice(TOPICS)], entities=[o, city, c],
                    aliases=[f"Where did the {o} open an office in {c}?", f"{o} office location"],
                    quote=f"A new field office opened its doors in {city} ({c}) in {said}.")
    elif kind == 4:  # a count
        p, c, b = g.programme(), g.pick(COUNTRIES), r.choice(BENEFICIARIES)
        n, y = g.count(), g.year(1995, 2025)
        fact = dict(statement=f"The {p} assisted {n:,} {b} in {c} during {y}.", answer=f"{n:,} {b}", date=str(y),
                    topics=[r.choice(TOPICS), "statistics"], entities=[p, c],
                    aliases=[f"How many {b} did the {p} help in {c}?", f"number of {b} assisted {c} {y}"],
                    quote=f"During {y} the {p} reached {n:,} {b} across {c}.")
    elif kind == 5:  # an agreement
        c, o, a = g.pick(COUNTRIES), g.org(), r.choice(AGREEMENTS)
        y, m, d = g.day(g.year(1975, 2025))
        fact = dict(statement=f"{c} and the {o} signed a {a} on {d} {MONTHS[m - 1]} {y}.", answer=f"{d} {MONTHS[m - 1]} {y}",
                    date=f"{y}-{m:02d}-{d:02d}", topics=["agreements", "partnerships"], entities=[c, o],
                    aliases=[f"When did {c} sign the {a} with the {o}?", f"{c} {a} signing date"],
                    quote=f"The {a} between {c} and the {o} was signed on {d} {MONTHS[m - 1]} {y}.")
    elif kind == 6:  # a conference
        conf, city, o = r.choice(CONFERENCES), g.pick(CITIES), r.choice(ORDINALS)
        y, m, d = g.day(g.year(1980, 2025))
        d2 = min(d + r.randint(1, 3), month_days(y, m))
        date = f"{y}-{m:02d}-{d:02d}" if d2 == d else f"{y}-{m:02d}-{d:02d}/{y}-{m:02d}-{d2:02d}"
        said = f"{d} {MONTHS[m - 1]} {y}" if d2 == d else f"{d} to {d2} {MONTHS[m - 1]} {y}"
        fact = dict(statement=f"The {o} {conf} took place in {city} on {said}.", answer=city, date=date,
                    topics=["events"], entities=[conf, city],
                    aliases=[f"Where was the {o} {conf} held?", f"When did the {o} {conf} take place?"],
                    quote=f"{city} hosted the {o} {conf} ({said}).")
    elif kind == 7:  # a quotation
        person, role, claim = g.person(), r.choice(ROLES), r.choice(CLAIMS)
        o = g.org()
        fact = dict(statement=f"{person}, {role} of the {o}, said that {claim}.", answer=None, date=None,
                    topics=["people", "policy"], entities=[person, o],
                    aliases=[f"What did {person} say about {r.choice(TOPICS).replace('-', ' ')}?", f"{person.split()[1]} quote"],
                    quote=f"\u201c{claim[0].upper()}{claim[1:]},\u201d said {person}.")
    elif kind == 8:  # a percentage
        p, b = g.programme(), r.choice(BENEFICIARIES)
        pct, y = r.randint(3, 97), g.year(2000, 2025)
        group = r.choice(("women", "under 25", "from rural areas", "returning from Europe", "first-time applicants"))
        fact = dict(statement=f"In {y}, {pct}% of the {b} in the {p} were {group}.", answer=f"{pct}%", date=str(y),
                    topics=["statistics", r.choice(TOPICS)], entities=[p],
                    aliases=[f"What share of {b} in the {p} were {group}?", f"percentage {group} {p.split()[0]}"],
                    quote=f"{pct} per cent of {b} were {group} ({y}).")
    elif kind == 9:  # history, with the vaguer dates
        o, topic = g.org(), r.choice(TOPICS).replace("-", " ")
        date, said = g.date()
        fact = dict(statement=f"The {o} began its work on {topic} in {said}.", answer=said, date=date,
                    topics=["history", r.choice(TOPICS)], entities=[o],
                    aliases=[f"Since when has the {o} worked on {topic}?"],
                    quote=f"Its work on {topic} dates back to {said}.")
    else:  # a value over time
        p = g.programme()
        short, words = r.choice(MEASURES)
        key = f"{slug(p)}-{short}"
        step = series_state.get(key, r.randint(0, 30))
        series_state[key] = step + r.randint(1, 4)
        y, m = 1990 + step // 12, 1 + step % 12
        n = g.count()
        fact = dict(statement=f"As of {MONTHS[m - 1]} {y}, the {p} counted {n:,} {words}.", answer=f"{n:,}",
                    date=None, key=key, as_of=f"{y}-{m:02d}", topics=["statistics", r.choice(TOPICS)], entities=[p],
                    aliases=[f"How many {words} does the {p} have?", f"{p} {short} total"],
                    quote=f"By {MONTHS[m - 1]} {y} the {p} had {n:,} {words}.")
    fact["id"] = f"{slug(fact['statement'])[:40].strip('-')}-{i}"
    quote = fact.pop("quote")
    fact["citations"] = [{"source": src, "quote": quote, "section": section}]
    if r.random() < 0.3:
        other = r.choice(SOURCES)[0]
        fact["citations"].append({"source": other, "quote": fact["statement"], "section": r.choice(SECTIONS)})
    fact["topics"] = list(dict.fromkeys(fact["topics"]))
    fact["entities"] = list(dict.fromkeys(fact["entities"]))
    return fact


def q(value: object) -> str:
    """A YAML scalar: JSON strings are valid YAML double-quoted scalars."""
    return "null" if value is None else json.dumps(value, ensure_ascii=False)


def fact_yaml(f: dict) -> str:
    lines = [f"  - id: {f['id']}", f"    statement: {q(f['statement'])}"]
    if f.get("answer") is not None:
        lines.append(f"    answer: {q(f['answer'])}")
    if f.get("date"):
        lines.append(f"    date: {q(f['date'])}")
    if f.get("key"):
        lines.append(f"    key: {f['key']}")
        lines.append(f"    as_of: {q(f['as_of'])}")
    lines.append("    topics: [" + ", ".join(f["topics"]) + "]")
    lines.append("    entities:")
    lines.extend(f"      - {q(e)}" for e in f["entities"])
    lines.append("    aliases:")
    lines.extend(f"      - {q(a)}" for a in f["aliases"])
    lines.append("    citations:")
    for c in f["citations"]:
        lines.append(f"      - source: {c['source']}")
        lines.append(f"        quote: {q(c['quote'])}")
        lines.append(f"        section: {q(c['section'])}")
    return "\n".join(lines) + "\n"


def sources_yaml() -> str:
    out = ["sources:"]
    for sid, title, publisher, author, published, kind in SOURCES:
        out += [f"  - id: {sid}", f"    title: {q(title)}", f"    publisher: {q(publisher)}", f"    author: {q(author)}",
                f"    published: {q(published)}", f"    kind: {kind}", f"    file: {sid}.txt",
                "    note: \"Synthetic source generated for benchmarks; no such document exists.\""]
    return "\n".join(out) + "\n"


HEADER = "# Synthetic store generated by bench/generate_store.py (seed {seed}); its content is invented.\nschema: 1\n"


def generate(n: int, out: Path, seed: int = 7, per_file: int = 10000, single_file: bool = False) -> list[Path]:
    """Write a store of n facts; return the files written."""
    g = Gen(seed)
    series: dict[str, int] = {}
    written: list[Path] = []
    if single_file:
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("w", encoding="utf-8") as fh:
            fh.write(HEADER.format(seed=seed) + sources_yaml() + "facts:\n")
            for i in range(n):
                fh.write(fact_yaml(make_fact(g, i, series)))
        return [out]
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.yaml"):
        old.unlink()
    (out / "sources.yaml").write_text(HEADER.format(seed=seed) + sources_yaml(), encoding="utf-8")
    written.append(out / "sources.yaml")
    for start in range(0, n, per_file):
        path = out / f"facts-{start // per_file:04d}.yaml"
        with path.open("w", encoding="utf-8") as fh:
            fh.write(HEADER.format(seed=seed) + "facts:\n")
            for i in range(start, min(n, start + per_file)):
                fh.write(fact_yaml(make_fact(g, i, series)))
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--facts", type=int, default=100000, help="number of facts (default 100000)")
    ap.add_argument("--out", required=True, help="directory to write (or file, with --single-file)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--per-file", type=int, default=10000, help="facts per file in a directory store")
    ap.add_argument("--single-file", action="store_true", help="write one YAML file instead of a directory")
    args = ap.parse_args(argv)
    t = time.perf_counter()
    files = generate(args.facts, Path(args.out), args.seed, args.per_file, args.single_file)
    size = sum(f.stat().st_size for f in files)
    print(f"wrote {args.facts} facts in {len(files)} file(s), {size / 2**20:.1f} MiB, to {args.out} "
          f"in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
