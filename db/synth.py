"""Synthetic stores for benchmarks: realistic claims, speakers, sources and dates, in bulk.

``synthesize(conn, claims, seed=...)`` fills an empty, migrated store (``db.store.open_store``)
with ``claims`` claims written straight into the real schema with ``executemany``, in one
transaction. The same seed and size always give the same content.

What the data looks like:

* about ``5 * sqrt(claims)`` actors of every kind (5,000 at a million claims), with aliases
  (surnames, transliterations, acronyms) and a skewed (Zipf-like) share of the claims: the
  four biggest speakers hold 9 %, 7 %, 6 % and 5 % of all claims, the long tail a handful
  each; about 30 % of events have no actor;
* ``claims / 25`` sources (40,000 at a million): articles mostly, from a list of publishers,
  published over two years (2023-01-06 to 2025-01-05), each with a short body; up to three
  claims per source rest on a span of that body (exact words, ``[start, end)``), the
  others have no span;
* dates as printed ("on Sunday", "in early March", "across Friday and Saturday", "in May
  2024", "late summer", "last year"...) resolved by ``db.dates.resolve`` against the
  source's publication day, so every precision occurs; about 4 % of claims are undated;
* quotes about 60 %, figures 25 %, events 15 %; figures on about 50 metrics with every
  bound kind (fraction_of figures point at an earlier figure, a few conversion figures
  have a ``per_unit``); some ``updates`` / ``contradicts`` links;
* review: 98.8 % accepted, 1 % proposed (with a confidence), 0.2 % rejected;
* text from word lists, so full-text search has very common words ("the"), a common one
  in about 20 % of claims ("troops", see ``COMMON_WORD``), medium ones ("drones") and
  rare ones (about 30,000 generated village names drawn with a long tail).

Loading: the FTS insert triggers are dropped during the load and both FTS indexes are
rebuilt at the end ('rebuild' of the external-content tables), and every index the
schema declares is created after the rows are in (both measured faster than keeping them
in place); triggers and indexes are re-created from their own SQL in ``sqlite_master``,
in the same transaction. The journal is switched from WAL to a rollback journal during the
load (an empty file journals almost nothing), ``synchronous`` is OFF, foreign keys are
not enforced row by row (every reference is made valid by construction and the store is
checked with ``PRAGMA foreign_key_check`` at the end); every pragma is restored.
"""

from __future__ import annotations

import bisect
import math
import random
import sqlite3
from collections.abc import Callable
from datetime import date, timedelta

from db.connection import transaction
from db.dates import resolve
from db.interchange import make_span
from db.schema import SCHEMA_VERSION, schema_version
from db.speakers import text_key

COMMON_WORD = "troops"          # in about COMMON_SHARE of all claims, as a whole word
COMMON_SHARE = 0.20
CLAIMS_PER_SOURCE = 25
SPANS_PER_SOURCE = 3
HEAD_SHARES = (0.09, 0.07, 0.06, 0.05)  # the biggest speakers' shares of all claims
TAIL_TOP_SHARE = 0.03                   # the most any other speaker holds
CHUNK_SOURCES = 2000            # sources generated and written per batch
FIRST_DAY, LAST_DAY = date(2023, 1, 6), date(2025, 1, 5)

# --- word lists ------------------------------------------------------------------------------------

FIRST_NAMES = (
    "Andriy", "Oleksandr", "Volodymyr", "Mykola", "Serhiy", "Yuriy", "Dmytro", "Vitaliy", "Oksana",
    "Iryna", "Olena", "Tetyana", "Natalia", "Kateryna", "Yulia", "Bohdan", "Taras", "Roman",
    "Vasyl", "Petro", "Ivan", "Sergei", "Dmitry", "Alexei", "Mikhail", "Nikolai", "Yevgeny",
    "Vladimir", "Anatoly", "Svetlana", "Maria", "Anna", "Elena", "Igor", "Pavel", "Grigory",
    "John", "Michael", "David", "James", "Robert", "Sarah", "Emily", "Laura", "Thomas", "Daniel",
    "Karen", "Lloyd", "Antony", "Matthew", "Min-jun", "Seo-yeon", "Ji-ho", "Hye-jin", "Kim",
    "Jae-won", "Sung-min", "Hans", "Katrin", "Piotr", "Agnieszka", "Tomas", "Giedre", "Mart",
    "Kaja", "Jens", "Lars", "Ingrid", "Pierre", "Camille", "Marco", "Giulia",
)
LAST_NAMES = (
    "Kovalenko", "Shevchenko", "Bondarenko", "Tkachenko", "Kravchenko", "Melnyk", "Oliynyk",
    "Moroz", "Lysenko", "Marchenko", "Rudenko", "Savchenko", "Petrenko", "Klymenko", "Pavlenko",
    "Hrytsenko", "Syrotenko", "Yaremchuk", "Kuzmenko", "Zinchenko", "Polishchuk", "Tkachuk",
    "Ivanov", "Smirnov", "Kuznetsov", "Popov", "Vasiliev", "Sokolov", "Mikhailov", "Novikov",
    "Fedorov", "Morozov", "Volkov", "Alekseev", "Lebedev", "Semenov", "Egorov", "Pavlov",
    "Kozlov", "Stepanov", "Nikolaev", "Orlov", "Andreev", "Makarov", "Zakharov", "Zaitsev",
    "Smith", "Johnson", "Miller", "Davis", "Walker", "Harris", "Clarke", "Bennett", "Hughes",
    "Foster", "Reed", "Cooper", "Park", "Lee", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang",
    "Lim", "Han", "Schmidt", "Weber", "Nowak", "Kowalski", "Kask", "Tamm", "Berzins", "Dubois",
    "Rossi", "Lindqvist", "Hansen",
)
PERSON_ROLES = (
    "Spokesperson of the General Staff", "Military analyst", "Regional governor", "Brigade commander",
    "Defence minister", "Foreign minister", "Deputy head of military intelligence", "Member of parliament",
    "Front-line correspondent", "Press secretary", "National security adviser", "Battalion commander",
    "Head of the regional military administration", "Senior researcher", "Ambassador", "Military blogger",
    "Chief of staff", "Human rights commissioner", "Border guard spokesperson", "Think-tank fellow",
)
COUNTRIES = (("Ukraine", "Ukrainian"), ("Russia", "Russian"), ("North Korea", "North Korean"),
             ("South Korea", "South Korean"), ("the United States", "U.S."), ("the United Kingdom", "British"),
             ("Poland", "Polish"), ("Estonia", "Estonian"), ("Lithuania", "Lithuanian"), ("Latvia", "Latvian"),
             ("Belarus", "Belarusian"), ("Germany", "German"), ("France", "French"), ("Japan", "Japanese"))
GOVERNMENT_BODIES = (
    "Ministry of Defence", "General Staff", "Foreign Ministry", "Military Intelligence Directorate",
    "National Security Council", "Border Guard Service", "Interior Ministry", "Presidential Office",
    "Emergency Service", "Prosecutor General's Office", "Security Service", "Air Force Command",
    "Navy Command", "Joint Forces Command", "Parliamentary Defence Committee",
)
ORG_FORMS = (
    "{place} Centre for Defence Studies", "{place} Conflict Monitor", "Institute for {topic} Studies",
    "{place} Open-Source Intelligence Group", "{topic} Research Network", "{place} Human Rights Watchdog",
    "{place} Press Agency", "{topic} Analysis Bureau", "{place} Casualty Tracking Project",
    "{place} Volunteer Coalition",
)
ORG_PLACES = ("Kyiv", "Kharkiv", "Warsaw", "Vilnius", "Tallinn", "Riga", "Berlin", "London", "Seoul",
              "Washington", "Brussels", "Helsinki", "Prague", "Odesa", "Dnipro", "Lviv", "Geneva", "Tokyo",
              "Paris", "Rome", "Vienna", "Oslo", "Stockholm", "Copenhagen", "Bucharest", "Chisinau", "Sumy",
              "Zaporizhzhia", "Kraków", "Gdańsk", "Toronto", "Canberra")
BRANCHES = ("press service", "in {city}", "{city} office", "regional branch", "field office")
ORG_TOPICS = ("War", "Security", "Eastern European", "Strategic", "Military Balance", "Conflict",
              "Arms Control", "Peninsula", "Black Sea", "Baltic", "Defence Policy", "Open Source",
              "Humanitarian", "Frontline", "Intelligence", "Regional Security", "Nordic", "Danube")
COLLECTIVES = (
    "{a} and {b} estimates", "{a} and {b} intelligence assessments", "Western officials",
    "{a} and {b} analysts", "Allied intelligence services", "{a}, {b} and NATO estimates",
)
ANONYMOUS_GROUPS = (
    "{adj} military sources", "{adj} officials", "{adj} military bloggers", "Unnamed {adj} officers",
    "{adj} intelligence officials", "Soldiers at the front", "Local residents", "{adj} volunteers",
    "Sources close to the {adj} command", "{adj} war correspondents",
)
ACTOR_KINDS = (("person", 0.55), ("organisation", 0.15), ("government_body", 0.15),
               ("collective", 0.08), ("anonymous_group", 0.07))

PUBLISHERS = (
    "Kyiv Ledger", "Eastern Front Monitor", "Baltic Wire", "The Daily Dispatch", "Korea Herald Review",
    "Warsaw Observer", "Atlantic Courier", "The Frontline Report", "Continental Press", "Seoul Times Weekly",
    "Dnipro Evening News", "The Global Sentinel", "Nordic Briefing", "Capital Gazette", "World Affairs Daily",
    "The Conflict Review", "Pacific Bulletin", "Danube Post", "Meridian News Agency", "The Morning Standard",
    "Steppe Telegraph", "Harbour Chronicle", "Independent Balkan Service", "The Evening Ledger",
    "Transatlantic Times", "Open Sources Weekly", "Black Sea Bulletin", "Northern Star Media",
    "Central European Herald", "The Policy Journal",
)
SOURCE_KINDS = (("article", 0.70), ("transcript", 0.08), ("statement", 0.08), ("report", 0.06),
                ("post", 0.06), ("other", 0.02))
TITLE_FORMS = (
    "{subject} {verb} near {village} as fighting intensifies",
    "What we know about the fighting around {village}",
    "{subject} reported near {village}, officials say",
    "Kursk offensive: {subject} under pressure",
    "Analysis: why {village} matters",
    "Live updates: fighting near {village}",
    "{subject} face {adjective} losses, {actor} says",
    "Officials dispute casualty figures after {village} battle",
    "Satellite images show damage in {village}",
    "Interview: {actor} on the war",
)
TITLE_ADJECTIVES = ("heavy", "mounting", "staggering", "disputed", "unverified", "significant")

OPENERS = ("", "", "", "We can confirm that", "It is clear that", "Our information shows that",
           "I can say that", "Frankly,", "As of today,", "According to our data,",
           "There is no doubt that", "We have seen that", "Let me be clear:", "Reports indicate that")
TROOP_SUBJECTS = ("North Korean troops", "Russian troops", "Ukrainian troops", "the troops", "our troops",
                  "enemy troops", "fresh troops", "allied troops", "reserve troops", "foreign troops")
OTHER_SUBJECTS = ("the enemy", "Russian forces", "Ukrainian forces", "North Korean soldiers",
                  "the assault units", "our defenders", "the paratroopers", "mechanised brigades",
                  "artillery crews", "drone operators", "the marines", "special forces", "the infantry",
                  "airborne units", "the reserves", "border guards", "volunteer battalions",
                  "the attackers", "armoured columns", "the garrison")
VERBS = ("have advanced toward", "were pushed back from", "launched an assault on", "are dug in around",
         "suffered heavy losses near", "withdrew from", "shelled positions near", "regrouped outside",
         "attempted to storm", "captured positions near", "are holding the line at",
         "lost contact with units near", "mined the roads around", "evacuated the wounded from",
         "repelled an attack on", "encircled", "probed the defences of", "brought reinforcements to",
         "abandoned equipment near", "dug new trenches around")
QUALIFIERS = ("", "", "", "over the past week", "despite the weather", "under constant drone attack",
              "with heavy armour", "in small groups", "at night", "without air cover",
              "for the third day running", "after massive shelling", "with artillery support",
              "in massed, dismounted assaults", "across open fields", "since the weekend",
              "in freezing temperatures", "along the river", "near the border", "before dawn")
CLOSERS = ("The situation remains difficult.", "Losses are significant.", "We will not give up an inch.",
           "Supplies are running low.", "The front is stable.", "Drones are everywhere.",
           "Casualties are mounting.", "This is a war of attrition.", "Nobody expected this.",
           "The numbers speak for themselves.", "Our drones spotted them first.",
           "They treat their soldiers as expendable.", "Morale is low.", "The weather makes it worse.",
           "We need more air defence.", "Logistics are the real problem.")
REGIONS = ("Kursk", "Belgorod", "Kharkiv", "Donetsk", "Zaporizhzhia", "Sumy", "Luhansk", "Kherson", "Bryansk")

EVENT_FORMS = ("{subject} enter {village}", "Counterattack near {village}", "Drone strike hits depot near {village}",
               "Prisoner exchange near {village}", "{subject} withdraw from {village}",
               "Shelling of {village} reported", "Bridge destroyed near {village}",
               "Evacuation of {village} announced", "{subject} arrive in the {region} region",
               "Offensive launched in the {region} region", "Ammunition depot explodes near {village}",
               "Ceasefire talks stall", "Air raid alert across the {region} region",
               "{subject} repel assault on {village}")

# (metric, unit, magnitude): figures cite values around 10**magnitude of unit.
METRICS = (
    ("North Korean soldiers sent to Russia", "persons", 4),
    ("North Korean casualties (killed or wounded)", "persons", 3),
    ("North Korean soldiers killed", "persons", 3), ("North Korean soldiers captured", "persons", 1),
    ("Russian casualties (killed or wounded)", "persons", 5), ("Russian soldiers killed", "persons", 4),
    ("Ukrainian casualties (killed or wounded)", "persons", 4), ("Ukrainian soldiers killed", "persons", 4),
    ("Civilians killed", "persons", 3), ("Civilians wounded", "persons", 3), ("Civilians evacuated", "persons", 4),
    ("Prisoners exchanged", "persons", 2), ("Soldiers missing in action", "persons", 3),
    ("Territory captured", "square kilometres", 3), ("Territory retaken", "square kilometres", 2),
    ("Villages captured", "villages", 1), ("Villages retaken", "villages", 1),
    ("Drones shot down overnight", "drones", 2), ("Drones launched overnight", "drones", 2),
    ("Missiles fired", "missiles", 1), ("Missiles intercepted", "missiles", 1),
    ("Artillery shells fired per day", "shells", 4), ("Artillery shells delivered", "shells", 6),
    ("Tanks destroyed", "tanks", 2), ("Armoured vehicles destroyed", "vehicles", 2),
    ("Artillery systems destroyed", "systems", 2), ("Aircraft shot down", "aircraft", 1),
    ("Helicopters shot down", "helicopters", 1), ("Air defence systems delivered", "systems", 1),
    ("Soldiers mobilised", "persons", 5), ("Recruits trained abroad", "persons", 4),
    ("Foreign fighters", "persons", 3), ("Mercenaries killed", "persons", 2),
    ("Assaults repelled per day", "assaults", 2), ("Combat clashes per day", "clashes", 2),
    ("Front line length", "kilometres", 3), ("Advance per day", "kilometres", 0),
    ("Military aid pledged", "USD", 9), ("Military aid delivered", "USD", 9),
    ("Refugees", "persons", 6), ("Internally displaced people", "persons", 6),
    ("Power outages", "households", 5), ("Energy infrastructure attacks", "attacks", 1),
    ("Bridges destroyed", "bridges", 1), ("Ammunition depots hit", "depots", 1),
    ("Share of Kursk land still held", "fraction", None), ("Share of losses from drones", "fraction", None),
    ("Share of recruits from abroad", "fraction", None), ("Battalions deployed", "battalions", 1),
    ("Brigades deployed", "brigades", 1),
)
# Conversion figures: how many unit make one per_unit (rare, as in real reporting).
CONVERSIONS = (("Soldiers in a battalion", "persons", "battalion", 3),
               ("Soldiers in a brigade", "persons", "brigade", 3))
CONVERSION_SHARE = 0.002
FIGURE_NOUNS = {"persons": ("soldiers", "people", "personnel"), "fraction": ("",)}
BOUNDS = (("exact", 0.30), ("approx", 0.25), ("range", 0.15), ("at_least", 0.12), ("at_most", 0.12),
          ("fraction_of", 0.06))
HEDGES = {"approx": ("about", "roughly", "approximately", "nearly", "almost", "some", "around"),
          "range": ("between", "somewhere between"), "at_least": ("more than", "at least", "over"),
          "at_most": ("up to", "as many as", "no more than")}
FRACTIONS = (("a third", 1 / 3), ("half", 0.5), ("a quarter", 0.25), ("two thirds", 2 / 3),
             ("a fifth", 0.2), ("a tenth", 0.1), ("40 percent", 0.4), ("15 percent", 0.15))
STATUSES = (("unverified", 0.70), ("publisher_unverified", 0.12), ("corroborated", 0.10),
            ("disputed", 0.05), ("superseded", 0.03))
KINDS = (("quote", 0.60), ("figure", 0.25), ("event", 0.15))
NOTES = ("Could not be independently verified.", "The figure could not be confirmed.",
         "Disputed by the other side.", "Repeated in several outlets.", "Said in a televised address.")
PLACE_SUFFIXES = (", {region} region", ", {region} region, Russia", "", " area")

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")

# Village names: generated, so the vocabulary has a long tail of rare words.
_V_PREFIXES = ("", "Novo", "Staro", "Velyko", "Krasno", "Bilo", "Zoloto", "Chorno", "Verkhnyo", "Nyzhnyo",
               "Mala", "Sukho", "Kamyano", "Pere")
_V_ROOTS = ("hrad", "pil", "dar", "lyn", "mar", "ser", "kov", "piv", "zhyt", "bor", "dub", "les", "vod",
            "hor", "yar", "bil", "sok", "ozer", "myr", "slav", "tsar", "kur", "rich", "lug", "sad",
            "stav", "kamen", "pol", "vys", "hlyn", "dol", "kut", "ber", "vil", "sosn")
_V_SUFFIXES = ("ivka", "ove", "ske", "ino", "yanka", "ivske", "ets", "ychi", "enka", "ynivka", "oye",
               "ivtsi", "any", "yshche", "ky", "ne", "ovo", "a", "ivka Druha", "ske Pershe")


def village_names() -> list[str]:
    """About 30,000 distinct village names, in a fixed order (the same for every seed)."""
    names: dict[str, None] = {}
    for suffix in _V_SUFFIXES:
        for root in _V_ROOTS:
            for prefix in _V_PREFIXES:
                for second in ("", *_V_ROOTS[:4]):
                    stem = prefix + root + second
                    names[stem[0].upper() + stem[1:] + suffix] = None
    return list(names)


# --- helpers ---------------------------------------------------------------------------------------

class _Picker:
    """Weighted choice by cumulative weights (``random.choices`` one at a time is slow)."""

    def __init__(self, rng: random.Random, pairs):
        self.values = [value for value, _ in pairs]
        total, self.cum = 0.0, []
        for _, weight in pairs:
            total += weight
            self.cum.append(total)
        self.total, self.rng = total, rng

    def __call__(self):
        return self.values[min(bisect.bisect_right(self.cum, self.rng.random() * self.total), len(self.values) - 1)]


def _long_tail(rng: random.Random, size: int, power: float = 3.0) -> int:
    """An index in [0, size): low indexes often, the last ones rarely (density ~ x**(1/power - 1))."""
    return min(size - 1, int(size * rng.random() ** power))


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _lapfigure(rng: random.Random, magnitude: int) -> float:
    value = 10 ** (magnitude + rng.uniform(-0.7, 0.7))
    digits = max(0, int(math.log10(value)) - 1)
    return float(max(1, round(value / 10 ** digits) * 10 ** digits))


def _date_phrase(rng: random.Random, published: date) -> str:
    """A date as news prose prints it, for something said or done before ``published``."""
    roll = rng.random()
    day = published - timedelta(days=int(rng.expovariate(1 / 12)))
    if roll < 0.22:
        return f"on {WEEKDAYS[(published - timedelta(days=rng.randrange(7))).weekday()]}"
    if roll < 0.40:
        return f"on {day.day} {MONTH_NAMES[day.month - 1]}"
    if roll < 0.48:
        return f"on {MONTH_NAMES[day.month - 1]} {day.day}, {day.year}"
    if roll < 0.55:
        last = published - timedelta(days=rng.randrange(1, 7))
        first = last - timedelta(days=rng.randrange(1, 3))
        return f"across {WEEKDAYS[first.weekday()]} and {WEEKDAYS[last.weekday()]}"
    if roll < 0.62:
        first = day - timedelta(days=rng.randrange(1, 4))
        if first.month != day.month:
            first = day.replace(day=1) if day.day > 1 else day
        return (f"{first.day}-{day.day} {MONTH_NAMES[day.month - 1]}" if first != day
                else f"on {day.day} {MONTH_NAMES[day.month - 1]}")
    if roll < 0.80:
        part = rng.choice(("early", "mid", "late"))
        month = (published - timedelta(days=rng.randrange(0, 90))).month
        return f"in {part} {MONTH_NAMES[month - 1]}"
    if roll < 0.88:
        back = published - timedelta(days=rng.randrange(0, 300))
        return f"in {MONTH_NAMES[back.month - 1]} {back.year}"
    if roll < 0.93:
        return "last month"
    if roll < 0.97:
        part, season = rng.choice(("early", "mid", "late", "")), rng.choice(("summer", "autumn", "winter", "spring"))
        return f"in the {part} {season}".replace("  ", " ")
    return rng.choice(("last year", f"in {published.year - 1}"))


# --- the generator ---------------------------------------------------------------------------------

class _Generator:
    def __init__(self, claims: int, seed: int):
        self.rng = rng = random.Random(f"kursk-synth:{seed}")
        self.seed, self.claims = seed, claims
        self.prefix = f"synth{seed}"
        self.villages = village_names()
        rng.shuffle(self.villages)
        self.kind = _Picker(rng, KINDS)
        self.status = _Picker(rng, STATUSES)
        self.bound = _Picker(rng, BOUNDS)
        self.source_kind = _Picker(rng, SOURCE_KINDS)

    # actors -----------------------------------------------------------------------------------

    def actors(self) -> tuple[list[tuple], list[tuple]]:
        rng = self.rng
        count = max(12, round(5 * math.sqrt(self.claims)))
        kind_of = _Picker(rng, ACTOR_KINDS)
        kinds = [kind_of() for _ in range(count)]
        kinds[:4] = ["person", "government_body", "person", "organisation"][:len(kinds)]
        seen: set[str] = set()
        actors, aliases = [], []
        for index, kind in enumerate(kinds):
            pk = index + 1
            for _ in range(8):  # a few more draws before making a taken name distinct
                name, role, alias_list = self._actor(kind)
                if name not in seen:
                    break
            base, serial = name, 0
            while name in seen:
                if kind == "person":
                    first, last = base.split(" ", 1)
                    name = f"{first} {chr(65 + serial % 26)}.{'' if serial < 26 else serial // 26} {last}"
                else:
                    city = ORG_PLACES[serial // len(BRANCHES) % len(ORG_PLACES)]
                    branch = BRANCHES[serial % len(BRANCHES)].format(city=city)
                    lap = serial // (len(BRANCHES) * len(ORG_PLACES))
                    name = f"{base} {branch}" + (f" {lap + 2}" if lap else "")
                serial += 1
            seen.add(name)
            actors.append((pk, f"{self.prefix}-actor-{pk:05d}", name, text_key(name), kind, role))
            unique = dict.fromkeys(alias for alias in alias_list if alias and alias != name)
            aliases += [(pk, alias, text_key(alias)) for alias in unique]
        # Who speaks how often: a few speakers hold HEAD_SHARES, the rest a Zipf-like tail.
        head = HEAD_SHARES[:max(1, count // 3)]
        order = list(range(len(head)))  # the head: the first actors (a person, a ministry...)
        tail_order = list(range(len(head), count))
        rng.shuffle(tail_order)
        order += tail_order
        offset = 1.0  # flatten the tail's top until its biggest speaker is below the head
        while True:
            tail = [1 / (rank + offset) ** 1.1 for rank in range(count - len(head))]
            scale = (1 - sum(head)) / sum(tail)
            if tail[0] * scale <= TAIL_TOP_SHARE:
                break
            offset *= 1.5
        weights = [0.0] * count
        for rank, actor_index in enumerate(order):
            weights[actor_index] = head[rank] if rank < len(head) else tail[rank - len(head)] * scale
        self.actor_names = [row[2] for row in actors]
        self.speaker = _Picker(rng, [(pk + 1, weight) for pk, weight in enumerate(weights)])
        return actors, aliases

    def _actor(self, kind: str) -> tuple[str, str | None, list[str]]:
        rng = self.rng
        if kind == "person":
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            aliases = [last]
            variant = first.replace("iy", "ii").replace("y", "i")
            if variant != first:
                aliases.append(f"{variant} {last}")
            if last.endswith("y"):
                aliases.append(last + "y")
            if rng.random() < 0.3:
                aliases.append(f"{rng.choice(('General', 'Colonel', 'Minister', 'Dr', 'Admiral'))} {last}")
            return f"{first} {last}", rng.choice(PERSON_ROLES), aliases
        if kind == "government_body":
            country, adjective = rng.choice(COUNTRIES)
            body = rng.choice(GOVERNMENT_BODIES)
            name = f"{adjective} {body}"
            acronym = "".join(word[0] for word in body.split() if word[0].isupper())
            return name, f"{body} of {country}", [f"{body} of {country}", f"{adjective} {acronym}"]
        if kind == "organisation":
            name = rng.choice(ORG_FORMS).format(place=rng.choice(ORG_PLACES), topic=rng.choice(ORG_TOPICS))
            acronym = "".join(word[0] for word in name.replace("-", " ").split() if word[0].isupper())
            return name, rng.choice(("Think tank", "Monitoring group", "News agency", "NGO")), [acronym]
        (_, one_adjective), (_, other_adjective) = rng.sample(COUNTRIES, 2)
        if kind == "collective":
            name = rng.choice(COLLECTIVES).format(a=one_adjective, b=other_adjective)
            return name, None, [name.replace("U.S.", "US")] if "U.S." in name else []
        name = rng.choice(ANONYMOUS_GROUPS).format(adj=one_adjective)
        return name[0].upper() + name[1:], "Unnamed sources", []

    # sources, dates, claims ----------------------------------------------------------------------

    def claims_per_source(self) -> list[int]:
        rng = self.rng
        sources = max(5, self.claims // CLAIMS_PER_SOURCE)
        weights = [rng.lognormvariate(0, 0.9) for _ in range(sources)]
        total = sum(weights)
        counts = [int(self.claims * weight / total) for weight in weights]
        for _ in range(self.claims - sum(counts)):
            counts[rng.randrange(sources)] += 1
        return counts

    def village(self) -> str:
        return self.villages[_long_tail(self.rng, len(self.villages))]

    def subject(self, troops: bool) -> str:
        return self.rng.choice(TROOP_SUBJECTS if troops else OTHER_SUBJECTS)

    def quote_text(self, troops: bool) -> str:
        rng = self.rng
        words = [rng.choice(OPENERS), self.subject(troops), rng.choice(VERBS), self.village()]
        if rng.random() < 0.3:
            words.append(f"in the {rng.choice(REGIONS)} region")
        words.append(rng.choice(QUALIFIERS))
        text = " ".join(word for word in words if word)
        text = text[0].upper() + text[1:] + "."
        if rng.random() < 0.4:
            text += " " + rng.choice(CLOSERS)
        return text

    def event_text(self, troops: bool) -> str:
        rng = self.rng
        forms = [form for form in EVENT_FORMS if "{subject}" in form] if troops else EVENT_FORMS
        text = rng.choice(forms).format(subject=self.subject(troops), village=self.village(),
                                        region=rng.choice(REGIONS))
        return text[0].upper() + text[1:]

    def conversion(self, troops: bool) -> tuple[str, dict]:
        """A conversion figure's text as printed and its figures-row values."""
        rng = self.rng
        metric, unit, per_unit, magnitude = rng.choice(CONVERSIONS)
        value = _lapfigure(rng, magnitude)
        hedge = rng.choice(HEDGES["at_most"])
        return (f"{hedge} {_number(value)} {'troops' if troops else 'soldiers'} per {per_unit}",
                {"metric": metric, "value": None, "low": None, "high": value, "bound": "at_most",
                 "hedge": hedge, "unit": unit, "per_unit": per_unit, "base_pk": None})

    def figure(self, troops: bool, last_base: int | None) -> tuple[str, dict]:
        """The figure's text as printed and its figures-row values."""
        rng = self.rng
        if rng.random() < CONVERSION_SHARE:
            return self.conversion(troops)
        metric, unit, magnitude = METRICS[_long_tail(rng, len(METRICS), 1.6)]
        bound = self.bound()
        if bound == "fraction_of" and last_base is None:
            bound = "approx"
        if magnitude is None or bound == "fraction_of":  # only fraction metrics have no magnitude
            words, value = rng.choice(FRACTIONS)
            hedge = rng.choice(("nearly", "about", "roughly", "almost", None))
            noun = " of the troops" if troops else ""
            text = f"{hedge + ' ' if hedge else ''}{words}{noun}"
            return text[0].upper() + text[1:], {
                "metric": metric, "value": value, "low": None, "high": None,
                "bound": "fraction_of" if bound == "fraction_of" else "approx", "hedge": hedge, "unit": "fraction",
                "per_unit": None, "base_pk": last_base if bound == "fraction_of" else None}
        noun = "troops" if troops else rng.choice(FIGURE_NOUNS.get(unit, (unit,)))
        value = _lapfigure(rng, magnitude)
        row = {"metric": metric, "value": None, "low": None, "high": None, "bound": bound, "hedge": None,
               "unit": unit, "per_unit": None, "base_pk": None}
        if bound == "exact":
            row["value"] = value
            text = f"{_number(value)} {noun}"
        elif bound == "range":
            high = _lapfigure(rng, magnitude) + value
            row.update(low=value, high=high, hedge=rng.choice(HEDGES["range"]))
            text = f"{row['hedge']} {_number(value)} and {_number(high)} {noun}"
        else:
            row["hedge"] = hedge = rng.choice(HEDGES[bound])
            row[{"approx": "value", "at_least": "low", "at_most": "high"}[bound]] = value
            text = f"{hedge} {_number(value)} {noun}"
        return text.strip(), row

    def source(self) -> tuple[date, str, str]:
        """A source's publication day, publisher and title."""
        rng = self.rng
        published = FIRST_DAY + timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days + 1))
        publisher = rng.choice(PUBLISHERS)
        title = rng.choice(TITLE_FORMS).format(
            subject=self.subject(rng.random() < COMMON_SHARE).capitalize(),
            verb=rng.choice(("advance", "retreat", "regroup")),
            village=self.village(), adjective=rng.choice(TITLE_ADJECTIVES),
            actor=self.actor_names[self.speaker() - 1])
        return published, publisher, title


def synthesize(conn: sqlite3.Connection, claims: int, *, seed: int = 0,
               progress: Callable[[int], None] | None = None) -> dict[str, int]:
    """Fill an empty, migrated store with ``claims`` synthetic claims; return the row counts.

    Reproducible: the same ``seed`` and ``claims`` give the same content. ``progress`` is
    called with the number of claims written so far after each batch. Raises ValueError
    if the store is not empty or not at the current schema version.
    """
    if claims < 1:
        raise ValueError("claims must be at least 1")
    if schema_version(conn) != SCHEMA_VERSION:
        raise ValueError(f"the store is at schema version {schema_version(conn)}, not "
                         f"{SCHEMA_VERSION}: open it with db.store.open_store")
    for table in ("sources", "actors", "claims", "dates"):
        if conn.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone():
            raise ValueError(f"the store is not empty (table {table} has rows): synthesize fills empty stores")
    saved = {name: conn.execute(f"PRAGMA {name}").fetchone()[0]
             for name in ("journal_mode", "synchronous", "foreign_keys", "cache_size", "temp_store")}
    try:
        if saved["journal_mode"].lower() == "wal":
            conn.execute("PRAGMA journal_mode = DELETE")  # fails quietly (stays WAL) if others have it open
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("PRAGMA cache_size = -262144")  # 256 MiB while loading and indexing
        conn.execute("PRAGMA temp_store = MEMORY")
        with transaction(conn):
            counts = _load(conn, _Generator(claims, seed), progress)
        problems = conn.execute("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise RuntimeError(f"synthetic data broke {len(problems)} foreign keys, e.g. {problems[:3]}")
    finally:
        conn.execute(f"PRAGMA journal_mode = {saved['journal_mode']}")
        for name in ("synchronous", "foreign_keys", "cache_size", "temp_store"):
            conn.execute(f"PRAGMA {name} = {saved[name]}")
    return counts


# The rows carry their dates; the speakers' name keys and the days their dates were resolved
# against are copied in one statement after the load.
DEFERRED_TRIGGERS = ("claims_fts_insert", "sources_fts_insert", "figures_date_insert", "claims_actor_key_insert",
                     "claims_resolved_key_insert")

_INSERTS = {
    "sources": "INSERT INTO sources (pk, id, kind, title, publisher, url, published, published_lower, "
               "published_upper, published_basis, note, text) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
    "spans": "INSERT INTO spans (pk, source_pk, char_start, char_end, exact, prefix, suffix) VALUES (?,?,?,?,?,?,?)",
    "dates": "INSERT INTO dates (pk, id, source_pk, span_pk, text, edtf, lower, upper, precision, "
             "resolved_against) VALUES (?,?,?,?,?,?,?,?,?,?)",
    "claims": "INSERT INTO claims (pk, id, kind, source_pk, span_pk, actor_pk, date_pk, date_lower, date_upper, "
              "text, status, note, review, reviewed_by, reviewed_at, confidence) "
              "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    "figures": "INSERT INTO figures (claim_pk, metric, value, low, high, bound, hedge, unit, base_pk, per_unit, "
               "date_lower) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
    "events": "INSERT INTO events (claim_pk, place) VALUES (?, ?)",
    "claim_links": "INSERT OR IGNORE INTO claim_links (from_pk, to_pk, kind, note) VALUES (?, ?, ?, ?)",
}


def _load(conn: sqlite3.Connection, gen: _Generator, progress) -> dict[str, int]:
    # Every index the schema declares (the ones SQLite makes for UNIQUE and PRIMARY KEY
    # constraints have no SQL and stay) and the FTS insert triggers.
    deferred = conn.execute(
        f"""SELECT type, name, sql FROM sqlite_master
            WHERE (type = 'index' AND sql IS NOT NULL)
               OR (type = 'trigger' AND name IN ({','.join('?' * len(DEFERRED_TRIGGERS))}))""",
        DEFERRED_TRIGGERS).fetchall()
    for kind, name, _ in deferred:
        conn.execute(f'DROP {kind.upper()} "{name}"')

    actors, aliases = gen.actors()
    conn.executemany("INSERT INTO actors (pk, id, name, name_key, kind, role) VALUES (?,?,?,?,?,?)", actors)
    conn.executemany("INSERT INTO actor_aliases (actor_pk, alias, alias_key) VALUES (?,?,?)", aliases)
    counts = {"actors": len(actors), "actor_aliases": len(aliases), "sources": 0, "spans": 0, "dates": 0,
              "claims": 0, "quotes": 0, "figures": 0, "events": 0, "claim_links": 0}
    rows: dict[str, list] = {table: [] for table in _INSERTS}
    rng, prefix = gen.rng, gen.prefix
    claim_pk = span_pk = date_pk = 0
    last_base: int | None = None               # the latest figure a fraction_of can point at
    last_figure_of: dict[int, int] = {}        # per actor: their latest figure (for "updates" links)
    per_source = gen.claims_per_source()

    for source_index, claim_count in enumerate(per_source):
        source_pk = source_index + 1
        published, publisher, title = gen.source()
        # The source's dates: a few expressions resolved against its publication day.
        dates = []
        for _ in range(min(6, 1 + claim_count // 5) if claim_count else rng.randrange(2)):
            phrase = _date_phrase(rng, published)
            resolved = resolve(phrase, published)
            date_pk += 1
            dates.append((date_pk, resolved.lower.isoformat(), resolved.upper.isoformat(), phrase))
            rows["dates"].append((
                date_pk, f"{prefix}-date-{date_pk:07d}", source_pk, None, phrase, resolved.edtf,
                resolved.lower.isoformat(), resolved.upper.isoformat(), resolved.precision,
                resolved.resolved_against.isoformat() if resolved.resolved_against else None))
        body = [f"{title}.", _filler(gen)]
        for position in range(claim_count):
            claim_pk += 1
            kind = gen.kind()
            troops = rng.random() < COMMON_SHARE
            actor_pk = gen.speaker() if kind != "event" or rng.random() < 0.7 else None
            dated = dates and rng.random() < (0.98 if kind == "event" else 0.955)
            date = rng.choice(dates) if dated else (None, None, None, None)
            if kind == "quote":
                text = gen.quote_text(troops)
            elif kind == "event":
                text = gen.event_text(troops)
            else:
                text, figure = gen.figure(troops, last_base)
            roll = rng.random()
            review = "accepted" if roll < 0.988 else "proposed" if roll < 0.998 else "rejected"
            confidence = round(rng.uniform(0.35, 0.97), 2) if review == "proposed" else None
            reviewed = (review == "rejected" or (review == "accepted" and rng.random() < 0.05))
            note = rng.choice(NOTES) if rng.random() < 0.03 else None
            claim_span = None
            if position < SPANS_PER_SOURCE:
                who = gen.actor_names[actor_pk - 1] if actor_pk else "Officials"
                if kind == "quote":
                    lead = f"{who} said{' ' + date[3] if date[3] else ''}: \u201c"
                    tail = "\u201d"
                elif kind == "figure":
                    lead = f"According to {who}, the number stood at "
                    tail = "."
                else:
                    lead, tail = "", f", {who} reported."
                start = sum(len(part) + 1 for part in body) + len(lead)
                body.append(lead + text + tail)
                claim_span = (start, start + len(text))
            if claim_span:
                span_pk += 1
                rows["spans"].append((span_pk, source_pk, claim_span[0], claim_span[1], text))
            rows["claims"].append([
                claim_pk, f"{prefix}-{kind}-{claim_pk:07d}", kind, source_pk, span_pk if claim_span else None,
                actor_pk, date[0], date[1], date[2], text, gen.status(), note, review,
                f"synth{gen.seed}" if reviewed else None,
                f"{published + timedelta(days=rng.randrange(1, 30))}T12:00:00+00:00" if reviewed else None,
                confidence])
            counts[kind + "s"] += 1
            if kind == "figure":
                rows["figures"].append((claim_pk, figure["metric"], figure["value"], figure["low"], figure["high"],
                                        figure["bound"], figure["hedge"], figure["unit"], figure["base_pk"],
                                        figure["per_unit"], date[1]))
                if figure["unit"] != "fraction" and figure["per_unit"] is None:
                    last_base = claim_pk
                if actor_pk is not None:
                    earlier = last_figure_of.get(actor_pk)
                    if earlier is not None and rng.random() < 0.02:
                        rows["claim_links"].append((claim_pk, earlier, "updates", None))
                    last_figure_of[actor_pk] = claim_pk
            elif kind == "event":
                place = None if rng.random() < 0.2 else gen.village() + rng.choice(PLACE_SUFFIXES).format(
                    region=rng.choice(REGIONS))
                rows["events"].append((claim_pk, place))
            elif kind == "quote" and claim_pk > 50 and rng.random() < 0.003:
                rows["claim_links"].append((claim_pk, claim_pk - rng.randrange(1, 50),
                                            rng.choice(("contradicts", "corroborates")), None))
        body.append(_filler(gen))
        text = "\n".join(body)  # span offsets above count one "\n" after each part
        kind = gen.source_kind()
        month_only = rng.random() < 0.02
        published_edtf = published.isoformat()[:7] if month_only else published.isoformat()
        lower = published.replace(day=1) if month_only else published
        upper = (published.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1) \
            if month_only else published
        slug = "-".join(title.lower().replace(",", "").replace(":", "").split()[:6])
        rows["sources"].append((
            source_pk, f"{prefix}-source-{source_pk:06d}", kind, title, publisher,
            f"https://{publisher.lower().replace(' ', '-')}.example/{published:%Y/%m}/{slug}-{source_pk}",
            published_edtf, lower.isoformat(), upper.isoformat(),
            "Dated from the page's archive listing." if month_only else None,
            "Publisher has yet to verify these figures." if rng.random() < 0.05 else None, text))
        # Spans: now that the body is final, their exact words and affixes.
        for index in range(len(rows["spans"]) - 1, -1, -1):
            span = rows["spans"][index]
            if span[1] != source_pk or len(span) == 7:
                break
            made = make_span(text, span[2], span[3])
            assert made["exact"] == span[4], (made["exact"], span[4])
            rows["spans"][index] = (span[0], source_pk, span[2], span[3], made["exact"], made["prefix"], made["suffix"])
        counts["sources"] += 1
        if source_pk % CHUNK_SOURCES == 0:
            _count_and_flush(conn, rows, counts, progress, claim_pk)
    _count_and_flush(conn, rows, counts, progress, claim_pk)
    conn.execute("""UPDATE claims
                    SET actor_key = coalesce((SELECT name_key FROM actors WHERE pk = claims.actor_pk), ''),
                        resolved_key = coalesce((SELECT resolved_against FROM dates WHERE pk = claims.date_pk), '~')""")

    for kind, _, sql in deferred:
        if kind == "index":
            conn.execute(sql)
    conn.execute("INSERT INTO claims_fts (claims_fts) VALUES ('rebuild')")
    conn.execute("INSERT INTO sources_fts (sources_fts) VALUES ('rebuild')")
    for kind, _, sql in deferred:
        if kind == "trigger":
            conn.execute(sql)
    counts["claims"] = claim_pk
    counts["spans"] = span_pk
    counts["dates"] = date_pk
    return counts


def _count_and_flush(conn, rows, counts, progress, claims_done) -> None:
    for table, sql in _INSERTS.items():
        if rows[table]:
            conn.executemany(sql, rows[table])
            if table == "claim_links":
                counts["claim_links"] += len(rows[table])
            rows[table].clear()
    if progress is not None:
        progress(claims_done)


def _filler(gen: _Generator) -> str:
    rng = gen.rng
    sentences = [
        f"Fighting continued around {gen.village()} in the {rng.choice(REGIONS)} region.",
        f"{gen.subject(False).capitalize()} were reported near {gen.village()}.",
        rng.choice(CLOSERS),
        f"The claims could not be independently verified by {rng.choice(PUBLISHERS)}.",
        f"Satellite images taken {rng.choice(('last week', 'on Monday', 'in recent days'))} "
        f"show damage in {gen.village()}.",
    ]
    return " ".join(rng.sample(sentences, rng.randrange(2, 5)))
