"""The words the extractor's rules are made of: verbs of speaking, titles, roles, bodies,
countable nouns, number words, hedges (from the shared table in ``db.hedges``)."""

from __future__ import annotations

from db.hedges import HEDGE_BOUNDS


def word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


SPEECH_VERBS = word_set("""
said says say told tells added adds stated states wrote writes posted announced announces
declared declares claimed claims insisted insists warned warns argued argues noted notes
explained explains asked asks replied replies responded responds continued remarked acknowledged
acknowledges admitted admits confirmed confirms denied denies alleged alleges reported reports
tweeted urged urges vowed vows cautioned emphasized emphasised stressed stresses suggested
predicted described called calls conceded recalled observed concluded mentioned promised
pledged boasted complained countered charged accused quipped estimate estimated estimates assessed
assesses testified saying write dismissed dismisses calling thanked praised praises hailed hails
condemned condemns""")
# Verbs of a figure claim ("estimates have put the number at"; "the UN puts the toll at").
CLAIM_VERBS = word_set("put puts placed places show shows showed suggest suggests indicate indicates indicated "
                       "found finds")
# Verbs that claim a figure only with "a figure of N" as their object ("X gave a toll of N", "X cited a
# figure of N"; "the ministry gave no new figure" and "a guard gave me" claim nothing).
FIGURE_OBJECT_VERBS = word_set("gave gives give cited cites cite offered offers")
# "the NSO now believed that ...": whoever believes owns the figure that follows (never a quote's speaker).
BELIEF_VERBS = word_set("believe believes believed reckon reckons reckoned")
CLAIM_OBJECTS = word_set("number toll figure figures total tally count estimate losses casualties death")
# "said X" with the speaker after the verb, after a quote.
INVERTING_VERBS = word_set("""said says added adds asked wrote continued explained noted stated declared
replied warned insisted argued concluded claimed recalled remarked told""")

FILLERS = word_set("""had has have also later earlier previously then again separately further repeatedly
reportedly publicly privately subsequently once recently simply only just would will
already however still meanwhile initially originally now""")
DETERMINERS = word_set("the a an")
QUANTIFIER_WORDS = word_set("two three four five six seven eight nine ten several some many multiple few")
PARTITIVES = word_set("one each both all most none either neither")
CONNECTORS = word_set("and of for on at from in & de da del der van von bin al la le du y")
NP_PREPOSITIONS = word_set("of for on at from in with")

TITLE_WORDS = word_set("""president vice prime minister secretary chancellor premier king queen prince
princess emperor sultan emir sheikh ayatollah pope patriarch chairman chairwoman chair speaker senator
sen representative rep congressman congresswoman governor gov mayor ambassador envoy commander
commander-in-chief chief general gen lieutenant lt colonel col major maj captain capt sergeant sgt
admiral adm marshal brigadier brig corporal cpl private pvt officer director spokesman spokeswoman
spokesperson adviser advisor aide dr mr mrs ms sir dame lord lady judge justice prosecutor attorney
deputy head commissioner coordinator rapporteur lt.-gen maj.-gen lt.-col""")
ROLE_NOUNS = word_set("""official officials person spokesman spokeswoman spokesperson spokespeople leader leaders
minister ministers president commander commanders general aide aides adviser advisers advisor
advisors chief head director officer officers source sources diplomat diplomats analyst analysts
expert experts envoy ambassador secretary governor mayor lawmaker lawmakers legislator legislators
senator administration blogger bloggers correspondent reporter reporters podcaster journalist
journalists witness witnesses resident residents people soldier soldiers troops member members
representative representatives negotiator negotiators investigator investigators prosecutor
prosecutors monitor monitors observer observers researcher researchers ally allies deputy
chairman chairwoman premier chancellor king staffer staffers strategist strategists
colonel lieutenant captain sergeant admiral marshal veteran veterans activist activists volunteer
volunteers doctor doctors medic medics worker workers estimates estimate assessments assessment
figures data intelligence reports report statement statements tallies tally
ministry ministries government military army navy forces command staff office council agency
service services department police guard authorities authority embassy institute group commissioner
ombudsman governments militaries author authors""")
MODIFIERS = word_set("""senior top former deputy chief acting military defense defence foreign interior
security intelligence press regional local national presidential western eastern unnamed anonymous
other army air naval border health emergency energy state federal city district government police
army's top-ranking high-ranking ranking military's influential independent several two three four
five six seven eight nine ten some many multiple frontline front-line special economic general
communications nuclear coast civilian elected prime own ground""")
PRONOUNS = {"he": "person", "she": "person", "it": "thing", "they": "group"}

GOV_WORDS = word_set("""ministry ministries government military army navy forces force command staff
kremlin pentagon department office administration cabinet parliament council duma rada senate congress
embassy police guard service services directorate headquarters authorities authority presidency
mod agency board commission governments militaries brigade brigades battalion regiment division corps unit""")
ORG_WORDS = word_set("""institute group organization organisation foundation university center centre
association committee union nations alliance nato company corporation corp inc ltd bank fund watch
network party press media news reuters tass interfax afp cross international society project observatory
monitor mission charity trust un eu iaea icrc unicef who bbc cnn""")
PLACES = word_set("""russia ukraine moscow kyiv kiev washington beijing china iran tehran israel jerusalem
gaza london britain uk paris france berlin germany warsaw poland minsk belarus pyongyang seoul tokyo
japan ankara turkey delhi india islamabad pakistan damascus syria beirut lebanon riyadh cairo egypt
taipei taiwan brussels budapest hungary bucharest romania vilnius lithuania riga latvia tallinn
estonia helsinki finland stockholm sweden oslo norway rome italy madrid spain canberra australia
ottawa canada baghdad iraq kabul afghanistan tbilisi georgia yerevan armenia baku azerbaijan
chisinau moldova america u.s. us u.k. united states korea""")
PLURAL_PERSON_HEADS = word_set("""officials sources diplomats analysts bloggers experts people residents
witnesses soldiers troops observers members lawmakers legislators commanders officers negotiators
investigators prosecutors monitors researchers allies aides advisers advisors staffers activists
volunteers doctors medics workers veterans reporters journalists leaders ministers representatives
councillors councilors senators deputies authors""")
COLLECTIVE_HEADS = word_set("""estimates estimate assessments assessment figures data intelligence reports
report tallies tally counts statistics""")
STOP_CAPITALISED = word_set("""but and however meanwhile on in at the although though while when as after
before since still also yet so then earlier later separately speaking asked last this that these
those it he she they we i today yesterday tonight there here if because what who why how where
according despite with without for from by to of a an its his her their our my your one no not
nor or mr mrs ms""")

PEOPLE_NOUNS = word_set("""soldiers soldier troops troop people persons person civilians civilian casualties
casualty fighters fighter servicemen servicemembers serviceman men women children prisoners prisoner
pows captives hostages hostage refugees personnel workers residents officers sailors pilots
mercenaries conscripts recruits volunteers dead wounded injured killed deaths victims combatants
militants infantry infantrymen paratroopers marines reservists migrants evacuees detainees students
patients crew crewmembers individuals bodies guards policemen inhabitants voters journalists doctors
fatalities injuries killed-or-wounded losses contingent""")
CASUALTY_WORDS = word_set("killed wounded injured dead died deaths casualties hurt losses fatalities missing")
FORMATION_WORDS = {"battalion": "battalion", "battalions": "battalion", "brigade": "brigade",
                   "brigades": "brigade", "regiment": "regiment", "regiments": "regiment",
                   "division": "division", "divisions": "division", "platoon": "platoon",
                   "platoons": "platoon", "squad": "squad", "squads": "squad", "corps": "corps",
                   "company": "company"}
COUNTABLE_NOUNS = PEOPLE_NOUNS | frozenset(FORMATION_WORDS) | word_set("""tanks drones missiles shells
rockets aircraft jets planes helicopters vehicles ships vessels boats guns systems launchers villages
towns settlements cities buildings homes houses apartments schools hospitals strikes attacks positions
trucks containers tonnes tons warplanes bombs mines artillery weapons warships submarines interceptors munitions
rounds grenades cars buses trains ambulances trawlers bridges depots airfields ports plants stations substations
facilities families households""")
# What a number counts when it counts the evidence or the writing about a war, not its people or
# things ("two independent sources", "40 videos", "14 posts"), or the sorts of something ("two kinds").
RECORD_NOUNS = word_set("""source sources record records document documents video videos image images
photograph photographs photo photos picture pictures screenshot screenshots post posts tweet tweets letter
letters page pages interview interviews obituary obituaries portrait portraits typo typos footnote footnotes
reference references citation citations file files message messages email emails clip clips""")
SORT_NOUNS = word_set("kind kinds way ways type types sort sorts category categories method methods")
# Words after a number that compare it, never a noun naming what it counts ("52,000 higher").
COMPARATIVES = word_set("higher lower greater larger smaller bigger fewer more less above below over under")
MEASURE_UNITS = word_set("""kilometres kilometers km miles metres meters tonnes tons barrels litres liters
hectares acres""")
TIME_UNITS = word_set("""second seconds minute minutes hour hours day days week weeks month months year years
decade decades century centuries night nights weekend weekends""")
IRREGULAR_PARTICIPLES = word_set("""killed wounded injured hurt captured taken held sent deployed lost hit shot
destroyed displaced evacuated missing dead built fought left made brought seen known thought found
given driven flown stolen torn beaten broken""")
# the label words of a fact list ("Killed: 300", "- Wounded: about 900"): what a line counts, never who
LABEL_WORDS = CASUALTY_WORDS | IRREGULAR_PARTICIPLES | PEOPLE_NOUNS | word_set("""total toll totals cost costs
losses detained arrested abducted deported returned exchanged released rescued homeless internally
figures figure estimate estimates number numbers source sources note notes""")
VERBISH = word_set("""were was had have has are is be been being will would could can may might must should
did do does remain remained remains still also now died fled arrived left took lost made came went
fought fell rose that which who whom whose and or but as than to in on at from into since for by with
across around near over during after before against of per about said says told according amounting
including while when where because if this these those last next each every both some any such then
monday tuesday wednesday thursday friday saturday sunday today yesterday tonight january february
march april may june july august september october november december spring summer autumn fall winter
alone only out off up down away back them it us you him her me within without under above below
between among through throughout toward towards via like despite along amid near what whom""")
AUXILIARIES = word_set("had have has been were was are is being reportedly already now also since allegedly so far")
# a broadcast script's production cues in capitals ("SOT Ana Roos, director:"), never part of a name
SCRIPT_CUES = frozenset(("SOT", "SYNC", "VO", "GFX", "ANCHOR", "REPORTER"))
TIME_OF_DAY = ("morning", "afternoon", "evening", "night")

_ORGANISATION_HEADS = ("organisation", "organization", "charity", "international", "institute", "foundation",
                       "trust", "society", "fund", "association", "relief", "aid", "watch", "network", "project")
SYNONYMS: dict[str, tuple[str, ...]] = {
    "leader": ("leader", "president", "prime minister", "premier", "chancellor", "king", "head of state"),
    "president": ("president",),
    "official": ("official",),
    "minister": ("minister", "secretary"),
    "secretary": ("secretary", "minister"),
    "spokesman": ("spokes", "press secretary"),
    "spokeswoman": ("spokes", "press secretary"),
    "spokesperson": ("spokes", "press secretary"),
    "general": ("general", "gen.", "commander", "chief"),
    "commander": ("commander", "general", "gen.", "chief"),
    "aide": ("aide", "adviser", "advisor", "chief of staff"),
    "adviser": ("adviser", "advisor", "aide"),
    "advisor": ("adviser", "advisor", "aide"),
    "ambassador": ("ambassador", "envoy"),
    "envoy": ("envoy", "ambassador"),
    "diplomat": ("diplomat", "ambassador", "envoy", "minister"),
    "chief": ("chief", "head", "commander", "director"),
    "head": ("head", "chief", "director"),
    "director": ("director", "head", "chief"),
    # "the humanitarian organisation", "the charity": a generic description fits a body named by its own
    # head word ("Kinfold International", "the Meridian Relief Trust")
    "organisation": _ORGANISATION_HEADS,
    "organization": _ORGANISATION_HEADS,
    "charity": _ORGANISATION_HEADS,
    "ngo": _ORGANISATION_HEADS,
}

NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
SCALE_WORDS = {"hundred": 100, "thousand": 1000, "million": 10 ** 6, "billion": 10 ** 9, "trillion": 10 ** 12}
FRACTION_DENOMINATORS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
    "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7,
    "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10,
}
VAGUE_QUANTITIES = {  # vague quantifier -> the lower bound it is read as
    "several": 2, "several hundred": 200, "several thousand": 2000, "dozens of": 24, "dozens": 24,
    "hundreds": 200, "thousands": 2000, "scores of": 40, "hundreds of": 200, "thousands of": 2000,
    "tens of thousands of": 20000, "hundreds of thousands of": 200000, "millions of": 2000000,
}
CURRENCIES = {"$": "US dollars", "€": "euros", "£": "pounds"}
MONEY_WORDS = word_set("money funds funding aid budget package sum spending financing")
# What a sum of money is, by the words of its sentence: nouns first ("the budget", "a death grant"), then verbs
# ("will spend", "costs"); a sum's metric is "<side> <this>: value"
MONEY_NOUNS = {**dict.fromkeys(("cost", "costs"), "cost"), "budget": "budget", "compensation": "compensation",
               **dict.fromkeys(("grant", "grants"), "grant"), **dict.fromkeys(("pension", "pensions"), "pensions"),
               **dict.fromkeys(("benefit", "benefits"), "benefits"), **dict.fromkeys(("aid", "package"), "aid"),
               **dict.fromkeys(("economy", "gdp"), "economy"), **dict.fromkeys(("salary", "salaries", "pay"), "pay"),
               "spending": "spending"}
MONEY_VERBS = {**dict.fromkeys(("spend", "spends", "spent"), "spending"),
               **dict.fromkeys(("costing", "costed"), "cost"), **dict.fromkeys(("paid", "pays"), "payments")}
# Words of a sentence about a sum of money: a number in an unknown currency ("900,000 thalers") is one
PAYMENT_WORDS = MONEY_WORDS | word_set("""paid pay pays paying spent spend spends cost costs costing worth grant
grants compensation pension pensions allowance allowances price salary salaries benefit benefits economy""")
ABBREVIATIONS = word_set("""mr mrs ms dr gen lt col maj capt sgt adm rep sen gov st jr sr prof no vol
jan feb mar apr jun jul aug sep sept oct nov dec inc corp ltd co vs etc e.g i.e pvt cpl brig fig
approx est""")
SENTENCE_STARTERS = word_set("""The He She It They We I In On But A An This That There Some Many
However Meanwhile Still Asked Speaking According When While After Before His Her Their Its""")

POINT_HEDGES = sorted((hedge for hedge, bound in HEDGE_BOUNDS.items() if bound != "range"),
                      key=len, reverse=True)
RANGE_HEDGES = sorted((hedge for hedge, bound in HEDGE_BOUNDS.items() if bound == "range"),
                      key=len, reverse=True)
CHANGE_VERBS = word_set("""rose risen increased grew grown climbed jumped fell fallen dropped declined
decreased went up down soared surged doubled tripled""")


# Month and weekday names as printed, as regular expression fragments.
# "38: prisoners held", "About 1,200 \u2014 soldiers missing": a fact box line's label after its number
FACT_LINE_MARK = r"\s*(?::|\s[\u2014\u2013-])\s+"
MONTH_PATTERN = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
                 r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.)")
WEEKDAY_PATTERN = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
