"""A construction matrix of attribution in English news prose: one short sentence of our own per
construction, asserting who claims its figure (and, for a quote, who says it). The claimant
follows the key conventions of tests/data/story/README.md: a body passed on by a spokesperson or
cited by someone else is the claimant; the paper's own count is the publisher's. A construction
the extractor does not yet cover stays here as a strict xfail with its reason, so the matrix says
what is covered and what is not."""

from __future__ import annotations

import datetime
from typing import NamedTuple

import pytest

from extract import extract_article

DAY = datetime.date(2031, 3, 2)
PUBLISHER = "Harbour Gazette"


class Construction(NamedTuple):
    family: str
    name: str
    text: str
    number: str       # the figure's number as written, to find it among the figures
    claimant: str
    speaker: str | None = None     # the quote's speaker, for a construction with a quote


def _plain(name: str | None) -> str:
    """A name compared less case and a leading article ("the health ministry" = "Health ministry")."""
    words = (name or "").lower().split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)


SAY = [
    Construction("say", "X said N", "Ilse Varga said 300 people had been killed.", "300", "Ilse Varga"),
    Construction("say", "X said on <day> that N", "Ilse Varga said on Tuesday that 300 people had been killed.",
                 "300", "Ilse Varga"),
    Construction("say", "N, X said", "About 300 people have been killed, Ilse Varga said.", "300", "Ilse Varga"),
    Construction("say", "N, said X", "About 300 people have been killed, said Ilse Varga.", "300", "Ilse Varga"),
    Construction("say", "X says N (present)", "Ilse Varga says 300 people have been killed.", "300", "Ilse Varga"),
    Construction("say", "N, X says (present)", "At least 300 people have died, Ilse Varga says.", "300",
                 "Ilse Varga"),
    Construction("say", "X, <role>, said N", "Ilse Varga, the regional governor, said 300 people had died.", "300",
                 "Ilse Varga"),
    Construction("say", "N were killed, <role>, X, said",
                 "Some 300 people were killed on Sunday, the governor, Ilse Varga, said.", "300", "Ilse Varga"),
    Construction("say", "<body>'s <person> said N", "The Meridian Institute's Oren Tasz said 300 soldiers had died.",
                 "300", "Oren Tasz"),
    Construction("say", "N, said <body>'s <person>", "Some 300 soldiers have died, said the Meridian Institute's "
                 "Oren Tasz.", "300", "Oren Tasz"),
    Construction("say", "N were killed, officials said", "Some 300 people were killed, officials said.", "300",
                 "officials"),
    Construction("say", "the ministry said N (a body)", "The Tolmin health ministry said 300 people had died.",
                 "300", "Tolmin health ministry"),
    Construction("say", "X's office said in a statement N",
                 "Ilse Varga's office said in a statement that 300 people had died.", "300", "Ilse Varga"),
    Construction("say", "a spokesman for <body> said N",
                 "A spokesman for the Tolmin health ministry said 300 people had died.", "300",
                 "Tolmin health ministry"),
    Construction("say", "N, a spokeswoman for <body> said",
                 "Some 300 soldiers have died, a spokeswoman for the Meridian Institute said.", "300",
                 "Meridian Institute"),
    Construction("say", "<person>'s spokesman said N (the person)",
                 "Ilse Varga's spokesman said 300 people had died.", "300", "Ilse Varga"),
    Construction("say", "N, a spokesman for <person> said (the person)",
                 "Some 300 people have died, a spokesman for Ilse Varga said.", "300", "Ilse Varga"),
    Construction("say", "in a written answer X said N",
                 "In a written answer to parliament, Ilse Varga said 300 people had died.", "300", "Ilse Varga"),
    Construction("say", "asked about ..., X said N", "Asked about the toll, Ilse Varga said 300 people had died.",
                 "300", "Ilse Varga"),
]

ACCORDING = [
    Construction("according", "according to X, N", "According to the Tolmin health ministry, 300 people have died.",
                 "300", "Tolmin health ministry"),
    Construction("according", "N, according to X", "At least 300 people have died, according to the Tolmin health "
                 "ministry.", "300", "Tolmin health ministry"),
    Construction("according", "N, according to <role>, X",
                 "Some 300 people died on Sunday, according to the governor, Ilse Varga.", "300", "Ilse Varga"),
    Construction("according", "according to <role>, X, N",
                 "According to the regional governor, Ilse Varga, 300 people have died.", "300", "Ilse Varga"),
    Construction("according", "according to <role>, <clause>: the role, no appositive",
                 "According to the governor, Kalvaria has lost 300 soldiers.", "300", "governor"),
    Construction("according", "N, according to <someone> who ...",
                 "Some 300 people died, according to a senior official who spoke on condition of anonymity.", "300",
                 "senior official"),
    Construction("according", "according to X's figures, N",
                 "According to the Tolmin health ministry's figures, 300 people have died.", "300",
                 "Tolmin health ministry"),
]

ESTIMATE = [
    Construction("estimate", "X estimates N", "The Meridian Institute estimates that 300 soldiers have been killed.",
                 "300", "Meridian Institute"),
    Construction("estimate", "X estimated N", "The Meridian Institute estimated 300 soldiers were killed.", "300",
                 "Meridian Institute"),
    Construction("estimate", "X put the toll at N", "The Meridian Institute put the toll at 300.", "300",
                 "Meridian Institute"),
    Construction("estimate", "X puts the number of dead at N",
                 "The Meridian Institute puts the number of dead at about 300.", "300", "Meridian Institute"),
    Construction("estimate", "the toll was estimated by X at N",
                 "The toll was estimated by the Meridian Institute at 300.", "300", "Meridian Institute"),
    Construction("estimate", "passive: N was estimated by X",
                 "A toll of 300 was estimated by the Meridian Institute.", "300", "Meridian Institute"),
    Construction("estimate", "the dead were put by X at N",
                 "The dead were put by the Meridian Institute at about 300.", "300", "Meridian Institute"),
    Construction("estimate", "X calculates N", "The Meridian Institute calculates that 300 soldiers have died.",
                 "300", "Meridian Institute"),
    Construction("estimate", "X counts N (present)", "The Meridian Institute now counts 300 dead.", "300",
                 "Meridian Institute"),
    Construction("estimate", "X records N (present)", "The Tolmin health ministry records 300 deaths since May.",
                 "300", "Tolmin health ministry"),
    Construction("estimate", "X has documented N", "The Meridian Institute has documented 300 deaths since May.",
                 "300", "Meridian Institute"),
    Construction("estimate", "X put N, and Y at M (a gapped verb)",
                 "Ilse Varga put the total at 300, and the Meridian Institute at 500.", "500", "Meridian Institute"),
    Construction("estimate", "X puts N; Y, at M (a gapped verb after a semicolon)",
                 "The Meridian Institute puts the toll at 500; Ilse Varga, at 300.", "300", "Ilse Varga"),
    Construction("estimate", "said X; Y, N (a gapped verb with its figure)",
                 "Ilse Varga estimated 300 deaths; the Meridian Institute, 500.", "500", "Meridian Institute"),
    Construction("estimate", "the toll was put by <person> at N", "The toll was put by Ilse Varga at 300.", "300",
                 "Ilse Varga"),
    Construction("estimate", "X believes N", "The Meridian Institute believes 300 soldiers have died.", "300",
                 "Meridian Institute"),
    Construction("estimate", "X claims N", "Ilse Varga claims 300 soldiers have died.", "300", "Ilse Varga"),
]

POSSESSIVE = [
    Construction("possessive", "N, X's estimate", "About 300 soldiers have been killed, the Meridian Institute's "
                 "estimate.", "300", "Meridian Institute"),
    Construction("possessive", "by X's count, N", "By the Meridian Institute's count, 300 soldiers have died.", "300",
                 "Meridian Institute"),
    Construction("possessive", "by X's tally, N", "By the Tolmin health ministry's tally, 300 people have died.",
                 "300", "Tolmin health ministry"),
    Construction("possessive", "N, by X's estimate", "Some 300 soldiers have died, by the Meridian Institute's "
                 "estimate.", "300", "Meridian Institute"),
    Construction("possessive", "in X's estimate, N", "In the Meridian Institute's estimate, 300 soldiers have died.",
                 "300", "Meridian Institute"),
    Construction("possessive", "X's figures show N", "The Tolmin health ministry's figures show 300 people have died.",
                 "300", "Tolmin health ministry"),
    Construction("possessive", "data from X show N", "Data from the Tolmin health ministry show that 300 people have "
                 "died.", "300", "Tolmin health ministry"),
    Construction("possessive", "<body> figures show N (a record's noun after the name)",
                 "Tolmin Health Ministry figures show that 300 people have died.", "300", "Tolmin Health Ministry"),
    Construction("possessive", "according to <body> estimates, N",
                 "According to Meridian Institute estimates, 300 soldiers have died.", "300", "Meridian Institute"),
    Construction("possessive", "a report by X found N", "A report by the Meridian Institute found that 300 soldiers "
                 "had been killed.", "300", "Meridian Institute"),
    Construction("possessive", "X's report says N", "The Meridian Institute's report says 300 soldiers have been "
                 "killed.", "300", "Meridian Institute"),
    Construction("possessive", "X's estimate of N", "The Meridian Institute's estimate of 300 dead was widely "
                 "repeated.", "300", "Meridian Institute"),
    Construction("possessive", "X's own tally of N", "The Tolmin health ministry's own tally of 300 dead was "
                 "published on Monday.", "300", "Tolmin health ministry"),
    Construction("possessive", "X raised her estimate to N", "Ilse Varga raised her estimate to 300.", "300",
                 "Ilse Varga"),
    Construction("possessive", "X revised its count to N", "The Meridian Institute revised its count to 300 on Monday.",
                 "300", "Meridian Institute"),
    Construction("possessive", "Y put M; X's own list has passed N (a joined clause's record subject)",
                 "The Meridian Institute put the toll at 500; the Tolmin health ministry's own list has barely "
                 "passed 300.", "300", "Tolmin health ministry"),
    Construction("possessive", "the paper's own estimate (the publisher)",
                 "The newspaper's own tally, compiled from death notices, stands at 300.", "300", PUBLISHER),
    Construction("possessive", "first-person 'our estimate' (the publisher)",
                 "Our own estimate, from death notices, is 300 dead.", "300", PUBLISHER),
]

REPORT = [
    Construction("report", "X reported N", "The Tolmin health ministry reported 300 deaths on Monday.", "300",
                 "Tolmin health ministry"),
    Construction("report", "X told <outlet> N", "Ilse Varga told the Northern Courier that 300 people had died.",
                 "300", "Ilse Varga"),
    Construction("report", "X told parliament N", "Ilse Varga told parliament that 300 people had died.", "300",
                 "Ilse Varga"),
    Construction("report", "X told reporters N", "Ilse Varga told reporters on Monday that 300 people had died.",
                 "300", "Ilse Varga"),
    Construction("report", "X wrote N", "Ilse Varga wrote on Telegram that 300 people had died.", "300",
                 "Ilse Varga"),
    Construction("report", "X announced N", "Ilse Varga announced that 300 people had died.", "300", "Ilse Varga"),
    Construction("report", "X acknowledged N", "Ilse Varga acknowledged that 300 people had died.", "300",
                 "Ilse Varga"),
    Construction("report", "X admitted N", "Ilse Varga admitted on Friday that 300 soldiers had died.", "300",
                 "Ilse Varga"),
    Construction("report", "X confirmed N", "The Tolmin health ministry confirmed 300 deaths.", "300",
                 "Tolmin health ministry"),
    Construction("report", "X added N", "Ilse Varga added that 300 people were missing.", "300", "Ilse Varga"),
    Construction("report", "X testified N", "Ilse Varga testified that 300 soldiers had died.", "300", "Ilse Varga"),
    Construction("report", "X conceded N", "Ilse Varga conceded that 300 soldiers had died.", "300", "Ilse Varga"),
    Construction("report", "X insisted N", "Ilse Varga insisted that only 300 soldiers had died.", "300",
                 "Ilse Varga"),
    Construction("report", "X gave a figure of N", "Ilse Varga gave a figure of 300 dead.", "300", "Ilse Varga"),
    Construction("report", "X cited a toll of N", "Ilse Varga cited a toll of 300 on Monday.", "300", "Ilse Varga"),
    Construction("report", "<outlet> quoted X as saying N",
                 "The Northern Courier quoted Ilse Varga as saying 300 people had died.", "300", "Ilse Varga"),
    Construction("report", "X was quoted as saying N", "Ilse Varga was quoted as saying 300 people had died.", "300",
                 "Ilse Varga"),
    Construction("report", "N, X was quoted as saying", "Some 300 people have died, Ilse Varga was quoted as "
                 "saying.", "300", "Ilse Varga"),
    Construction("report", "<person>'s post on Telegram said N",
                 "Ilse Varga's post on Telegram said 300 people had died.", "300", "Ilse Varga"),
    Construction("report", "X noted N", "Ilse Varga noted that 300 soldiers had died.", "300", "Ilse Varga"),
]

CITING = [
    Construction("citing", "X, citing Y, said N",
                 "Ilse Varga, citing the Tolmin health ministry, said 300 people had died.", "300",
                 "Tolmin health ministry"),
    Construction("citing", "X said, citing Y, that N",
                 "Ilse Varga said, citing the Tolmin health ministry, that 300 people had died.", "300",
                 "Tolmin health ministry"),
    Construction("citing", "<outlet> reports, citing Y, that N",
                 "The Northern Courier reports, citing the Tolmin health ministry, that 300 people have died.", "300",
                 "Tolmin health ministry"),
    Construction("citing", "Y's N was cited by X",
                 "The Tolmin health ministry's figure of 300 dead was cited by Ilse Varga.", "300",
                 "Tolmin health ministry"),
]

DISPUTE = [
    Construction("dispute", "N, a figure X disputes",
                 "The ministry says 300 people have died, a figure Ilse Varga disputes.", "300", "ministry"),
    Construction("dispute", "X disputes Y's N", "Ilse Varga disputes the Tolmin health ministry's figure of 300 "
                 "dead.", "300", "Tolmin health ministry"),
    Construction("dispute", "X dismissed Y's N as ...",
                 "Ilse Varga dismissed the Tolmin health ministry's figure of 300 dead as propaganda.", "300",
                 "Tolmin health ministry"),
    Construction("dispute", "X declined to comment on Y's N",
                 "Ilse Varga declined to comment on the Meridian Institute's estimate of 300 dead.", "300",
                 "Meridian Institute"),
    Construction("dispute", "N, more than the M Y reports (relative clause)",
                 "The Meridian Institute says 500 people have died, far more than the 300 the Tolmin health ministry "
                 "reports.", "300", "Tolmin health ministry"),
    Construction("dispute", "against the M dead that Y counted in May (relative clause with 'that')",
                 "Ilse Varga says 500 people have died, against the 300 dead that the ministry counted in May.",
                 "300", "ministry"),
    Construction("dispute", "X rejected Y's estimate of N",
                 "Ilse Varga rejected the Meridian Institute's estimate of 300 dead.", "300", "Meridian Institute"),
]

QUOTE = [
    Construction("quote", '"We estimate N," X said', '"We estimate 300 dead," Ilse Varga said.', "300",
                 "Ilse Varga", "Ilse Varga"),
    Construction("quote", '"N ...," said X', '"Some 300 people have died," said Ilse Varga.', "300", "Ilse Varga",
                 "Ilse Varga"),
    Construction("quote", 'X said: "N ..."', 'Ilse Varga said: "Some 300 people have died."', "300", "Ilse Varga",
                 "Ilse Varga"),
    Construction("quote", 'split: "N," X says, "..."', '"There are 300 dead," Ilse Varga says, "and more every '
                 'day."', "300", "Ilse Varga", "Ilse Varga"),
    Construction("quote", "curly quotes", "\u201cWe count 300 dead,\u201d Ilse Varga said.", "300", "Ilse Varga",
                 "Ilse Varga"),
    Construction("quote", "a body's quote in a statement",
                 '"Some 300 people have died," the Tolmin health ministry said in a statement.', "300",
                 "Tolmin health ministry", "Tolmin health ministry"),
]

PUNCTUATION = [
    Construction("punctuation", "X's count: N", "The Meridian Institute's latest count: 300 soldiers killed.", "300",
                 "Meridian Institute"),
    Construction("punctuation", "N \u2014 X's count", "Some 300 soldiers killed \u2014 that is the Meridian "
                 "Institute's count.", "300", "Meridian Institute"),
    Construction("punctuation", "the toll: N, according to X",
                 "The toll: 300, according to the Tolmin health ministry.", "300", "Tolmin health ministry"),
    Construction("punctuation", "N, up from M in May, X said (the new figure)",
                 "The toll rose to 300, up from 120 in May, Ilse Varga said.", "300", "Ilse Varga"),
    Construction("punctuation", "N, up from M in May, X said (the earlier figure)",
                 "The toll rose to 300, up from 120 in May, Ilse Varga said.", "120", "Ilse Varga"),
    Construction("punctuation", "curly possessive: by X\u2019s count",
                 "By the Meridian Institute\u2019s count, 300 soldiers have died.", "300", "Meridian Institute"),
]

# Documents of a few lines whose STRUCTURE carries the attribution: a heading or label that names who
# answers, a lead line that names whose list follows, a paper named before "the paper".
STRUCTURE = [
    Construction("structure", "answered by X on <date>: first-person 'I can tell the Member that N'",
                 "Question 12, tabled on 3 February\nAsked by Tom Reeve (Westmoor)\n"
                 "To ask the Secretary for Defence how many soldiers have died.\n"
                 "Answered by Ilse Varga, Secretary for Defence, on 10 February:\n"
                 "I can tell the Member that 300 soldiers have died since May.", "300", "Ilse Varga"),
    Construction("structure", "answered by X: a plain sentence of the answer",
                 "Asked by Tom Reeve\nTo ask the Secretary for Defence how many soldiers have died.\n"
                 "Answered by Ilse Varga on 10 February:\nSome 300 soldiers have died since May.", "300",
                 "Ilse Varga"),
    Construction("structure", "answered by X: the third paragraph of the answer",
                 "Answered by Ilse Varga on 10 February:\nThe department keeps the matter under review.\n"
                 "The figures are checked every week.\nSome 300 soldiers have died since May.", "300",
                 "Ilse Varga"),
    Construction("structure", "answered by X: 'we estimate' in the answer",
                 "Answered by Ilse Varga, Secretary for Defence:\nWe estimate that 300 soldiers have died.", "300",
                 "Ilse Varga"),
    Construction("structure", "answered by X: a figure list under the answer",
                 "Answered by Ilse Varga on 10 February:\nThe figures are as follows:\nKilled: about 300\n"
                 "Wounded: as many as 900", "900", "Ilse Varga"),
    Construction("structure", "answered by X: a list of a named body's assessments",
                 "Answered by Ilse Varga on 10 February:\nI can share the following assessments of the Meridian "
                 "Institute, which are current as of 31 January:\nKilled: about 300\nWounded: as many as 900",
                 "300", "Meridian Institute"),
    Construction("structure", "the answer block ends at the next heading",
                 "Answered by Ilse Varga on 10 February:\nSome 300 soldiers have died since May.\n"
                 "Question 13, tabled on 11 February\nSome 500 homes were lost in the floods.", "500", PUBLISHER),
    Construction("structure", "a second answer block has its own answerer",
                 "Answered by Ilse Varga on 10 February:\nSome 300 soldiers have died since May.\n"
                 "Question 13, tabled on 11 February\nAnswered by Oren Tasz on 12 February:\n"
                 "About 500 soldiers are missing.", "500", "Oren Tasz"),
    Construction("structure", "answering for <body>: X; 'A:' in the first person is a quote of X",
                 "Answering for the Tolmin health ministry: Ilse Varga, its spokeswoman.\n"
                 "Q: How many people have died?\nA: As of Monday, 300. We check every name.", "300",
                 "Ilse Varga", "Ilse Varga"),
    Construction("structure", "answering for <body>: X; 'our register lists N' is the body's",
                 "Answering for the Tolmin health ministry: Ilse Varga, its spokeswoman.\n"
                 "Q: And the missing?\nA: Our register lists 300 people missing.", "300",
                 "Tolmin health ministry", "Ilse Varga"),
    Construction("structure", "a question's own attribution is not the answerer's",
                 "Answering for the Tolmin health ministry: Ilse Varga, its spokeswoman.\n"
                 "Q: The Meridian Institute says 500 people have died. Do you accept that?\n"
                 "A: We count our own dead, not theirs.", "500", "Meridian Institute"),
    Construction("structure", "a transcript label: 'VARGA:' turns of a named guest",
                 "The host is Tom Reeve. His guest is Ilse Varga of the Tolmin health ministry.\n"
                 "REEVE: How bad is it?\nVARGA: Some 300 people have died since May.\nREEVE: And the wounded?\n"
                 "VARGA: Many more, and the hospitals are full.", "300", "Ilse Varga", "Ilse Varga"),
    Construction("structure", "a lead line names whose list follows: 'X's figures:'",
                 "The floods in the valley were the worst in a century.\nThe Tolmin health ministry's figures:\n"
                 "- 300 killed\n- 900 injured", "300", "Tolmin health ministry"),
    Construction("structure", "a lead line 'Figures from X:' then a list",
                 "The floods were the worst in a century.\nFigures from the Meridian Institute:\n- 300 killed\n"
                 "- 900 injured", "900", "Meridian Institute"),
    Construction("structure", "a lead line 'According to X:' then a list",
                 "The floods were the worst in a century.\nAccording to the Meridian Institute:\n- 300 killed\n"
                 "- 900 injured", "300", "Meridian Institute"),
    Construction("structure", "a lead line naming no one leaves the list the publisher's",
                 "The floods were the worst in a century.\nThe toll so far:\n- 300 killed\n- 900 injured", "300",
                 PUBLISHER),
    Construction("structure", "the list ends at the next paragraph of prose",
                 "The Tolmin health ministry's figures:\n- 300 killed\n- 900 injured\n"
                 "The valley road reopened on Monday, and some 500 homes still have no power.", "500", PUBLISHER),
    Construction("structure", "a press review: '<paper> reports, citing Y, that N'",
                 "Good morning. The floods lead the front pages.\nThe Northern Courier reports, citing two officials, "
                 "that the Tolmin health ministry now counts 300 dead.", "300", "Tolmin health ministry"),
    Construction("structure", "'according to the paper' after the paper was named",
                 "Good morning. The floods lead the front pages.\nThe Northern Courier leads on the valley.\n"
                 "According to the paper, some 300 homes were lost.", "300", "Northern Courier"),
    Construction("structure", "'the paper's own estimate' after the paper was named",
                 "Good morning. The floods lead the front pages.\nThe Northern Courier leads on the valley.\n"
                 "The paper's own estimate, drawn from hospital records, is at least 300 injured.", "300",
                 "Northern Courier"),
    Construction("structure", "'the paper adds, without naming a source, that N'",
                 "Good morning.\nThe Northern Courier leads on the valley.\n"
                 "The paper adds, without naming a source, that fewer than 300 homes have power.", "300",
                 "Northern Courier"),
    Construction("structure", "'our own count' under a byline is the publisher's",
                 "Floods leave the valley counting its dead\nBy Oren Tasz, data editor\n"
                 "The ministry has not updated its list since May.\n"
                 "Our own count, from death notices, reached 300 on Monday.", "300", PUBLISHER),
    Construction("structure", "a leader's 'we' in the narration is the publisher's",
                 "The valley deserves the truth\nThis newspaper has argued for a full count since May.\n"
                 "We have counted 300 names in the death notices alone.", "300", PUBLISHER),
    Construction("structure", "'we' in a quote is the speaker's, not the narration's",
                 "We asked the ministry for its figures on Monday.\n"
                 "\u201cWe count 300 dead,\u201d said Ilse Varga, its spokeswoman.", "300", "Ilse Varga",
                 "Ilse Varga"),
    Construction("structure", "a statement heading 'Statement by X, <date>' over its text",
                 "Statement by the Tolmin health ministry, 3 March\nSome 300 people have died in the floods.", "300",
                 "Tolmin health ministry"),
    Construction("structure", "an unattributed quote under 'Answered by X' is X's",
                 "Answered by Ilse Varga on 10 February:\n\u201cSome 300 soldiers have died since May.\u201d", "300",
                 "Ilse Varga", "Ilse Varga"),
    Construction("structure", "a labelled list item names its issuer ('- X: N')",
                 "Estimates of the dead differ.\n- Meridian Institute: about 300\n- Tolmin Health Ministry: 120",
                 "300", "Meridian Institute"),
]

# Sourcing conventions: where a document says a figure comes from OUTSIDE its sentence's grammar (a
# trailing parenthesis, a source after a dash at a line's end, a footnote marker resolved in a notes
# block, a "Sources:" line, a list's lead), a label word that is never an actor, the document's own
# verified count, and a figure quoted only to be dismissed.
SOURCING = [
    Construction("sourcing", "N ... (Source: X)",
                 "Some 300 people have died in the valley (Source: Tolmin health ministry).", "300",
                 "Tolmin health ministry"),
    Construction("sourcing", "N ... (X, <month> <year>)",
                 "Some 300 people have died in the valley (Tolmin Health Ministry, May 2029).", "300",
                 "Tolmin Health Ministry"),
    Construction("sourcing", "N ... (X estimate)",
                 "About 300 soldiers have been killed (Meridian Institute estimate).", "300", "Meridian Institute"),
    Construction("sourcing", "N ... (per X)",
                 "About 300 soldiers have been killed (per the Meridian Institute).", "300", "Meridian Institute"),
    Construction("sourcing", "a bullet 'Label: N - X' (dash at the line's end)",
                 "Counting the cost\n- Killed: 2,100 - Tolmin Health Ministry\n- Wounded: 5,400 - Meridian Institute",
                 "2,100", "Tolmin Health Ministry"),
    Construction("sourcing", "a bullet 'Label: N - X': the second bullet's own source",
                 "Counting the cost\n- Killed: 2,100 - Tolmin Health Ministry\n- Wounded: 5,400 - Meridian Institute",
                 "5,400", "Meridian Institute"),
    Construction("sourcing", "a bullet 'Label: N (X)' (parenthesis at the line's end)",
                 "Counting the cost\n- Killed: at least 2,100 (Tolmin Health Ministry)\n"
                 "- Wounded: about 5,400 (Meridian Institute)", "5,400", "Meridian Institute"),
    Construction("sourcing", "a dash source naming a record: '- Label: N - X's published list, <date>'",
                 "Counting the cost\n- Killed: 2,100 - the Tolmin Health Ministry's published list, June 10\n"
                 "- Wounded: 5,400 - the Meridian Institute's own count from hospital records, May", "5,400",
                 "Meridian Institute"),
    Construction("sourcing", "a lower-case body after a dash: '- N - Tolmin health ministry, <date>'",
                 "Counting the cost\n- Soldiers held: between 900 and 1,100 - Tolmin health ministry, April 11",
                 "1,100", "Tolmin health ministry"),
    Construction("sourcing", "'N (X, <date>), up from M': the earlier value is the same source's",
                 "Counting the cost\n- Missing: 3,310 (Meridian Institute, April 30), up from 3,140 in January",
                 "3,140", "Meridian Institute"),
    Construction("sourcing", "a parenthesis with a long note: '(X, as relayed by Y on <date>)'",
                 "Counting the cost\n- Killed: between 4,600 and 5,300 (the Meridian Institute, as relayed by the "
                 "foreign ministry on May 2)", "5,300", "Meridian Institute"),
    Construction("sourcing", "'N (X, <date>); Y says M': the parenthesis is nearer than the clause after it",
                 "Counting the cost\n- Soldiers held: 47 (Meridian Institute, April 30); the Tolmin health ministry "
                 "says 38", "47", "Meridian Institute"),
    Construction("sourcing", "a prose bullet with its source after a dash",
                 "Key figures\n* About 2,100 soldiers have been killed since May - Meridian Institute\n"
                 "* Some 800 homes were destroyed - Tolmin Health Ministry", "2,100", "Meridian Institute"),
    Construction("sourcing", "a label 'Killed: N' is never a claimant (no source: the publisher)",
                 "The toll so far\nKilled: 300\nWounded: 900", "300", PUBLISHER),
    Construction("sourcing", "a label 'Wounded: N' is never a claimant (no source: the publisher)",
                 "The toll so far\nKilled: 300\nWounded: 900", "900", PUBLISHER),
    Construction("sourcing", "a bullet label 'Missing: N' is never a claimant",
                 "Counting the cost\n- Missing: about 300 soldiers\n- Captured: some 900 soldiers", "300", PUBLISHER),
    Construction("sourcing", "footnote marker [1] resolved in a notes block",
                 "The register of the dead stood at 1,958 names.[1]\n"
                 "The mission visited four towns.\nNotes\n"
                 "[1] Figure provided by the Tolmin Health Ministry on 14 March 2029.", "1,958",
                 "Tolmin Health Ministry"),
    Construction("sourcing", "footnote marker [2] after a comma, the note naming the source",
                 "By May, 300 soldiers had been killed,[2] and the fighting went on.\n"
                 "[2] Meridian Institute, weekly estimate of 3 May 2029.", "300", "Meridian Institute"),
    Construction("sourcing", "a superscript marker resolved in a notes block",
                 "The register of the dead stood at 1,958 names.\u00b3\nNotes\n"
                 "\u00b3 Figure provided by the Tolmin Health Ministry on 14 March 2029.", "1,958",
                 "Tolmin Health Ministry"),
    Construction("sourcing", "a numbered endnote '(3)' resolved in a references block",
                 "The register of the dead stood at 1,958 names (3).\nReferences\n"
                 "3. Tolmin Health Ministry, statement of 14 March 2029.", "1,958", "Tolmin Health Ministry"),
    Construction("sourcing", "a note that cites another body: the body cited",
                 "Some 4,000 soldiers have been killed.[4]\nNotes\n"
                 "[4] Figure provided by the Ministry of Foreign Affairs of Tolmin, citing the National Security "
                 "Office.", "4,000", "National Security Office"),
    Construction("sourcing", "a marker with no note leaves the figure the publisher's",
                 "Some 4,000 soldiers have been killed.[5]\nThe mission visited four towns.", "4,000", PUBLISHER),
    Construction("sourcing", "a footnote's own figure is its source's",
                 "The toll rose sharply.[1]\nNotes\n[1] The Tolmin Health Ministry counted 300 deaths by 14 March.",
                 "300", "Tolmin Health Ministry"),
    Construction("sourcing", "a 'Sources:' line names the source of an unsourced list",
                 "Counting the cost\n- Killed: 2,100\n- Wounded: 5,400\nSources: Meridian Institute.", "2,100",
                 "Meridian Institute"),
    Construction("sourcing", "a 'Source:' line under a table",
                 "Losses by month\nMonth | Killed\nMay | 300\nJune | 450\nSource: Tolmin Health Ministry", "450",
                 "Tolmin Health Ministry"),
    Construction("sourcing", "a 'Source:' line reaches back to its paragraph only",
                 "The valley road reopened, and some 500 homes still have no power.\n\nLosses by month\n"
                 "Month | Killed\nMay | 300\nJune | 450\nSource: Tolmin Health Ministry", "500", PUBLISHER),
    Construction("sourcing", "a 'Sources:' line naming several sources names no one figure's",
                 "Counting the cost\n- Killed: 2,100\n- Wounded: 5,400\n"
                 "Sources: Meridian Institute; Tolmin Health Ministry.", "5,400", PUBLISHER),
    Construction("sourcing", "a table whose column names the source",
                 "Estimates of the dead\nMonth | Meridian Institute\nMay | 300\nJune | 450", "450",
                 "Meridian Institute"),
    Construction("sourcing", "the document's own verified count is the publisher's",
                 "The Gazette has verified 300 civilian deaths since May.", "300", PUBLISHER),
    Construction("sourcing", "'we have verified N' in a report is the publisher's",
                 "Civilian harm\nWe have verified 300 civilian deaths since May.", "300", PUBLISHER),
    Construction("sourcing", "the so-called figure of N invented by X",
                 "The ministry rejected the so-called 'figure' of 3,000 dead invented by the Meridian Institute.",
                 "3,000", "Meridian Institute"),
    Construction("sourcing", "X's fabricated claim of N",
                 "A spokesman called the Meridian Institute's fabricated claim of 3,000 dead a lie.", "3,000",
                 "Meridian Institute"),
    Construction("sourcing", "the fabricated figure of N spread by X",
                 "The agency said the fabricated figure of 3,000 dead spread by the Meridian Institute was a lie.",
                 "3,000", "Meridian Institute"),
    Construction("sourcing", "rejected as slander the claim of X that N",
                 "Ilse Varga rejected as slander the claim of the Meridian Institute that as many as 3,000 soldiers "
                 "had died.", "3,000", "Meridian Institute"),
    Construction("sourcing", "X's claim that N, rejected by Y",
                 "Ilse Varga rejected the Meridian Institute's claim that 3,000 soldiers had died.", "3,000",
                 "Meridian Institute"),
    Construction("sourcing", "dismissed a report by X, which claimed N (the relative pronoun's antecedent)",
                 "Ilse Varga spoke on Monday. She dismissed a report by the so-called Meridian Institute, which "
                 "claimed last month to have \"verified\" 2,412 deaths.", "2,412", "Meridian Institute"),
    Construction("sourcing", "X's claim of N, dismissed as lies by Y",
                 "The Meridian Institute's claim of 3,000 dead was dismissed as lies by Ilse Varga.", "3,000",
                 "Meridian Institute"),
]



class NotAFigure(NamedTuple):
    name: str
    text: str
    figures: tuple[str, ...] = ()      # the numbers as written of the figures proposed, in text order


# What is NOT a figure: numbers of documents, threads, dates, clocks and people's lives that count
# nothing of the story, each beside the figure the sentence does hold (if any).
NOT_A_FIGURE = [
    NotAFigure("a thread's post number '3/14'", "3/14 The ministry's list now holds 2,100 names.", ("2,100",)),
    NotAFigure("'post 12' names a post", "The author's own correction is post 12."),
    NotAFigure("a reference marker after a full stop", "About 2,100 soldiers had been killed by May.[3]",
               ("2,100",)),
    NotAFigure("reference markers in a row", "Killed: about 2,100 soldiers[4][5]", ("2,100",)),
    NotAFigure("a footnote's own marker", "Notes\n[2] Statement of the Tolmin Health Ministry, 3 May 2029."),
    NotAFigure("a section number", "Under section 12 of the act, the ministry must publish its list."),
    NotAFigure("a paragraph number", "As paragraph 14 of the report notes, the list is incomplete."),
    NotAFigure("a page number", "The list is printed on page 40 of the report."),
    NotAFigure("a table number", "Table 3 sets out the estimates month by month."),
    NotAFigure("a year", "The fighting began in 2026 and has not stopped."),
    NotAFigure("a full date", "On 14 March 2029 the register was updated."),
    NotAFigure("a bare month abbreviation before a day", "The page showed 2,418 names on Oct 1, up from 2,240 on "
               "Aug 9.", ("2,418", "2,240")),
    NotAFigure("a day before a bare month abbreviation and a year", "The ministry counted 300 soldiers killed "
               "by 31 Oct 2029.", ("300",)),
    NotAFigure("an age after a name", "Oleh Marek, 34, a driver, was killed in May."),
    NotAFigure("an age as a predicate", "The soldier on the stretcher is perhaps nineteen."),
    NotAFigure("a time of day", "The shelling began at 4:30 and lasted an hour."),
    NotAFigure("a phone number", "Families can call the hotline on 0800 555 210."),
    NotAFigure("a handle with digits", "The figures were first posted by @watcher42 on Monday."),
    NotAFigure("counts of videos and photographs", "The investigators reviewed 40 videos and 120 photographs."),
    NotAFigure("a count of posts", "The analyst has published 14 posts about the list."),
    NotAFigure("a count of letters", "Families have sent 300 letters to the ministry."),
    NotAFigure("a count of sources behind a count", "The office counts a death only when two independent sources "
               "confirm it."),
    NotAFigure("a count of kinds", "The team kept a loss only where two kinds of evidence agreed."),
    NotAFigure("a figure in the title of a cited work", "References\n1. \"2,061 heroes have fallen\", Tolmin Daily, "
               "3 May 2029."),
    NotAFigure("a retracted figure 'not N as we said'", "The list held 2,204 names on Aug 9, not 2,240 as we "
               "reported.", ("2,204",)),
    NotAFigure("a thread's correction restating the wrong figure",
               "12/14 Correction: in 2/14 I wrote that the list stood at 2,240. It was 2,204."),
    NotAFigure("a percentage of turnout", "Turnout in the region was 62 percent."),
    NotAFigure("money is never a count of people", "The ministry paid 5,000 crowns to each family.", ("5,000",)),
    NotAFigure("a list's ordinals", "Sources\n1. The ministry's register\n2. The institute's count"),
    # Round eighteen: in a text whose figures count a war (a side's troops and what befell them), a number no
    # metric fits should be a figure only when it counts something of the war, or a sum of money (not covered:
    # see NOT_A_FIGURE_NOT_COVERED); what such a rule must keep is guarded here too
    NotAFigure("a count of things in a scene", "Four screens glow on the table. The ministry says 300 Tolmini "
               "soldiers have died.", ("300",)),
    NotAFigure("a town's people with no casualty word", "Some 300 Tolmini soldiers have died. The town had 4,100 "
               "people before the war.", ("300",)),
    NotAFigure("a share of something else", "Some 300 Tolmini soldiers have been wounded. One in four of the "
               "patients now needs an amputation.", ("300",)),
    NotAFigure("a confidence level beside the estimate", "We estimate that 300 Tolmini soldiers were killed (95% "
               "interval).", ("300",)),
    NotAFigure("a sum in a currency no list knows", "Some 300 Tolmini soldiers have died. The grant paid to their "
               "families was raised in March to 900,000 thalers.", ("300", "900,000")),
    NotAFigure("a body's count named before a verb", "Some 300 Tolmini soldiers have died. The ministry's 240 lies "
               "far below our estimate.", ("300", "240")),
    NotAFigure("families waiting for news count the missing", "Some 300 Tolmini soldiers have died. Some 3,800 "
               "families are still waiting for news of their sons.", ("300", "3,800")),
    NotAFigure("a share of a troop count stays", "Nearly one in four of the 19,500 Tolmini soldiers sent has been "
               "killed or wounded.", ("one in four", "19,500")),
    NotAFigure("a share of the dead already counted", "Some 300 Tolmini soldiers have died. Nearly a quarter of the "
               "dead have never been identified.", ("300",)),
    NotAFigure("a share of the prisoners already counted", "Tolmin holds 40 Varesian prisoners. One in four of the "
               "Varesian prisoners has asked to stay.", ("40",)),
    NotAFigure("people a strike injured stay", "Some 300 Tolmini soldiers have died. The strike set a depot on fire, "
               "injuring at least nine people.", ("300", "nine")),
    NotAFigure("outside a war's figures a count of anything stays", "The ferry carried 310 passengers and four "
               "screens.", ("310", "four")),
]

_DROP_REVERTED = ("dropping a number no metric fits, in a text whose figures count a war, was tried in round "
                  "eighteen and reverted: it failed the held-out general-news articles' guards (their text unread)")
NOT_A_FIGURE_NOT_COVERED: dict[str, str] = {
    "a count of things in a scene": _DROP_REVERTED,
    "a town's people with no casualty word": _DROP_REVERTED,
    "a share of something else": _DROP_REVERTED,
    "a confidence level beside the estimate": _DROP_REVERTED,
    "a share of the dead already counted": _DROP_REVERTED,
    "a share of the prisoners already counted": _DROP_REVERTED,
    "a percentage of turnout": "a percentage is read as a share of the story's metric whatever it is a share of "
                               "(turnout, inflation, growth); only in a text whose figures count a war is a share "
                               "of something else dropped",
    "an age as a predicate": "a bare number after 'is' reads as the sentence's figure ('the toll is 300' is one): "
                             "telling an age needs a person as the subject",
}


@pytest.mark.parametrize("case", [pytest.param(case, id=f"not a figure: {case.name}",
                                               marks=[pytest.mark.xfail(strict=True,
                                                                        reason=NOT_A_FIGURE_NOT_COVERED[case.name])]
                                               if case.name in NOT_A_FIGURE_NOT_COVERED else [])
                                  for case in NOT_A_FIGURE])
def test_not_a_figure(case: NotAFigure):
    document = extract_article(case.text, published=DAY, publisher=PUBLISHER)
    spans = [case.text[f["span"]["start"]:f["span"]["end"]] for f in document["figures"]]
    assert len(spans) == len(case.figures) and all(number in span for number, span in zip(case.figures, spans,
                                                                                          strict=True)), spans


def test_every_not_a_figure_is_named_once():
    assert len({case.name for case in NOT_A_FIGURE}) == len(NOT_A_FIGURE) >= 25
    assert set(NOT_A_FIGURE_NOT_COVERED) <= {case.name for case in NOT_A_FIGURE}


class MetricCase(NamedTuple):
    name: str
    text: str
    metrics: tuple[str, ...]       # the metric of each figure proposed, in text order


# Round eighteen: what a figure counts, read from the words around it when its own words name nothing.
METRIC = [
    MetricCase("a fact line's label before its number", "Tolmini losses\n\n- Killed: about 300\n- Wounded: as many "
               "as 900", ("Tolmini troops: killed", "Tolmini troops: wounded")),
    MetricCase("a fact line's label naming side and quantity", "Figures\n\nTolmini soldiers missing: 3,310",
               ("Tolmini troops: missing",)),
    MetricCase("a fact line labelled with its source: the words after the number count",
               "Estimates\n\n- Kinfold International (Tolmin): 300 Varesian soldiers killed",
               ("Varesian troops: killed",)),
    MetricCase("'the count' continues the paragraph's figure before it",
               "The ministry says 300 Tolmini soldiers have been killed. In May the count stood at 240.",
               ("Tolmini troops: killed", "Tolmini troops: killed")),
    MetricCase("'put the toll at' continues the paragraph's figure before it",
               "Some 300 Tolmini soldiers have been killed, the ministry says. In May it put the toll at 240.",
               ("Tolmini troops: killed", "Tolmini troops: killed")),
    MetricCase("a sum is '<side> <what the sentence says it is>: value'", "The Tolmini government will spend 468 "
               "billion thalers on its army this year.", ("Tolmini spending: value",)),
    MetricCase("a noun naming the sum before it comes first", "A one-off Tolmini death grant of 1.2 million thalers "
               "is paid to each family.", ("Tolmini grant: value",)),
    MetricCase("a count in a sentence about paying stays a count", "The Tolmini ministry says it paid the families "
               "of 300 soldiers killed.", ("Tolmini troops: killed",)),
    MetricCase("a count in the next paragraph does not continue",
               "Some 300 Tolmini soldiers have been killed, the ministry says.\n\nIn May the count stood at 240.",
               ("Tolmini troops: killed", "count")),
]


@pytest.mark.parametrize("case", [pytest.param(case, id=f"metric: {case.name}") for case in METRIC])
def test_metric(case: MetricCase):
    document = extract_article(case.text, published=DAY, publisher=PUBLISHER)
    assert tuple(f["metric"] for f in document["figures"]) == case.metrics


# Source conventions of round sixteen: a handle resolved to the actor the text says it is, a bare head
# noun or a generic description resolved to the body named before, a body's unit speaking for the body,
# and an organisation's own counts in its press release or in its director's words.
CONVENTION = [
    Construction("convention", "'per @X' where the text says whose handle it is",
                 "The Meridian Institute posts as @MeridianCount. About 300 soldiers have been killed, per "
                 "@MeridianCount.", "300", "Meridian Institute"),
    Construction("convention", "'RT @X:' a repost of a handle the text names",
                 "The Meridian Institute posts as @MeridianCount.\n\n3/9 RT @MeridianCount: About 300 soldiers "
                 "have been killed.", "300", "Meridian Institute"),
    Construction("convention", "'@X says N' of a handle the text names",
                 "The Meridian Institute posts as @MeridianCount. @MeridianCount says 300 soldiers have been "
                 "killed.", "300", "Meridian Institute"),
    Construction("convention", "a thread's first person is the analyst behind its handle",
                 "This thread was posted by @ValleyCount.\n\n1/3 Since May I have found obituaries for 300 soldiers "
                 "killed in the valley. My count is a floor, and I add to it every week.\n\nThe analyst behind "
                 "@ValleyCount is Ilse Varga, a former archivist.",
                 "300", "Ilse Varga"),
    Construction("convention", "'the ministry' is the ministry named before",
                 "Ilse Varga met officials of the Tolmin Health Ministry on Monday. The ministry said 300 people "
                 "had died.", "300", "Tolmin Health Ministry"),
    Construction("convention", "'the humanitarian organisation said' is the organisation named before",
                 "Families of at least 300 soldiers missing in the valley have asked Kinfold International to find "
                 "them, the humanitarian organisation said.", "300", "Kinfold International"),
    Construction("convention", "'the charity says' is the charity named before",
                 "Kinfold International opened an office in May. The charity says 300 soldiers are missing.",
                 "300", "Kinfold International"),
    Construction("convention", "X's tracing service is X",
                 "Some 300 soldiers are missing, the Meridian Relief Trust's tracing service said.", "300",
                 "Meridian Relief Trust"),
    Construction("convention", "'the trust's press office' is the trust named before",
                 "The Meridian Relief Trust opened an office in May. Some 300 soldiers are missing, the trust's "
                 "press office said.", "300", "Meridian Relief Trust"),
    Construction("convention", "a country's border service is a body of its own",
                 "Some 300 soldiers are missing, Tolmin's border service said.", "300", "Tolmin's border service"),
    Construction("convention", "'our register' in a press release is the publisher's",
                 "Harbour Gazette | Press release\n\n- Our register held 300 missing soldiers on 31 August.", "300",
                 PUBLISHER),
    Construction("convention", "'our register' in a director's quote is her organisation's",
                 "\"Our register already has 300 names,\" said Ilse Varga, the director of Kinfold International.",
                 "300", "Kinfold International"),
    Construction("convention", "'our register' in a quote of X's director is X's",
                 "Kinfold International said on Monday that it had opened an office.\n\n\"We are busy,\" said "
                 "Kinfold's executive "
                 "director, Ilse Varga. \"Our register already has 300 names. It grows,\" she said.", "300",
                 "Kinfold International"),
    Construction("convention", "'we lost N' in a director's quote stays hers (no own record named)",
                 "\"We lost 300 men in May,\" said Ilse Varga, the director of Kinfold International.", "300",
                 "Ilse Varga"),
    Construction("convention", "'By X's reckoning, N' fronted",
                 "By the Meridian Institute's reckoning, roughly one in four of those sent had been killed.",
                 "one in four", "Meridian Institute"),
    Construction("convention", "'X says N' inside a quote is X's",
                 "\"Tolmin says it holds as many as 300 prisoners. We think there are more,\" said Ilse Varga, the "
                 "director of Kinfold International.", "300", "Tolmin"),
]

# Round eighteen: a country's count of its own troops is its defence ministry's, when the text names that ministry.
CONVENTION += [
    Construction("convention", "a country's count of its own dead is its defence ministry's",
                 "The Tolmin Defence Ministry keeps a list of the dead. Tolmin acknowledged in May that 300 Tolmini "
                 "soldiers had been killed.", "300", "Tolmin Defence Ministry"),
    Construction("convention", "'X's published list of its dead stood at N' is X's",
                 "The Meridian Institute's published list of the dead stood at 300 on Monday.", "300",
                 "Meridian Institute"),
    Construction("convention", "a country's count of the other side's dead stays the country's",
                 "The Tolmin Defence Ministry keeps a list of the dead. Tolmin says 300 Varesian soldiers have been "
                 "killed.", "300", "Tolmin"),
]

# Round seventeen: a letters page, each letter opening "Sir," or "Dear Editor," and signed at its foot; its
# figures in the first person are its signatory's (or the body the signature names, for "our register").
LETTER = [
    Construction("letter", "'Sir,' ... 'by my reckoning N' signed 'X, <town>'",
                 "Letters to the Editor\n\nSir,\n\nYour paper prints many numbers. By my reckoning some 300 "
                 "soldiers from the valley have died since May.\n\nIlse Varga, Westmoor", "300", "Ilse Varga"),
    Construction("letter", "the second letter is its own signatory's",
                 "Sir,\n\nI have counted the obituaries myself.\n\nIlse Varga, Westmoor\n\nDear Editor,\n\nWe "
                 "buried 300 men from our district last year.\n\nTom Reeve, Ashby", "300", "Tom Reeve"),
    Construction("letter", "the paper's paragraph after a signature is not the signatory's",
                 "Dear Editor,\n\nI have counted the obituaries myself.\n\nIlse Varga, Westmoor\n\nWe counted "
                 "300 soldiers killed in the valley by the end of May.", "300", PUBLISHER),
    Construction("letter", "an unsigned letter does not inherit the last signatory",
                 "Sir,\n\nI have counted the obituaries myself.\n\nIlse Varga, Westmoor\n\nSir,\n\nWe buried "
                 "300 men from our district last year.", "300", PUBLISHER),
    Construction("letter", "'your report said N' in a letter is the paper's",
                 "Sir,\n\nYour report of 3 May said that our district had lost 300 men. I would like to know "
                 "where it found them.\n\nIlse Varga, Westmoor", "300", PUBLISHER),
    Construction("letter", "a letter signed for a body: 'our register' is the body's",
                 "Dear Editor,\n\nOur register held 300 names of missing soldiers on 31 May.\n\nIlse Varga, "
                 "Press Officer, Kinfold International, Kostel", "300", "Kinfold International"),
    Construction("letter", "a letter's report of another's figure stays theirs",
                 "Sir,\n\nThe Meridian Institute said on Monday that 300 soldiers had died. I doubt it.\n\n"
                 "Ilse Varga, Westmoor", "300", "Meridian Institute"),
]

# Round seventeen: a broadcast script's production cues set the voice of what follows, as a transcript's labels
# do: "SOT <name>, <role>:" is the named speaker's clip (their body's when they count for it); "VO:" is the
# programme's own voice.
_SCRIPT = "Evening News | Script as broadcast\n\nANCHOR: Good evening.\n\nVO: Another train left for the border.\n\n"
BROADCAST = [
    Construction("broadcast", "'SOT X, <body> spokeswoman:' counting for the body",
                 _SCRIPT + "SOT Ilse Varga, Kinfold International spokeswoman: By May we counted 300 soldiers "
                 "missing. Every name has a unit.\n\nVO: The count rises.", "300", "Kinfold International",
                 "Ilse Varga"),
    Construction("broadcast", "'SOT X, <role>:' a witness's own figure",
                 _SCRIPT + "SOT Tom Reeve, volunteer driver: I have seen 300 soldiers killed on this road.\n\n"
                 "VO: Reeve drives every week.", "300", "Tom Reeve", "Tom Reeve"),
    Construction("broadcast", "'VO:' the programme's own voice",
                 _SCRIPT + "SOT Tom Reeve, volunteer driver: I drive every week.\n\nVO: Some 300 soldiers have "
                 "died on this road since May.", "300", PUBLISHER),
]

# Round seventeen: run-on and cut names. A body's unit named by "its" is the body, not a name run on from it;
# a place is no claimant where a body named for it stands nearby.
NAMES = [
    Construction("names", "'Its intelligence service' after a body is the body",
                 "Tolmin's Security Office briefed lawmakers on Monday. Its intelligence service puts the dead at "
                 "about 300.", "300", "Tolmin's Security Office"),
    Construction("names", "'its press office' after a charity is the charity",
                 "Some 300 soldiers are missing, the Meridian Relief Trust said. Its press office said on Monday "
                 "that 200 of them had been found.", "200", "Meridian Relief Trust"),
    Construction("names", "'the observer mission in <place>' is the mission, not the place",
                 "The observer mission in Tolmin, which counts only deaths it can verify, recorded 300 deaths by "
                 "the end of May.", "300", "observer mission in Tolmin"),
]

# Round eighteen: a monitor's digest of a channel ("Channel: X (@x)" at its head, each post opening with its time):
# a post's figures are the channel's, a repost's the reposted body's, the monitor's bracketed notes the publisher's.
_DIGEST = ("Telegram digest: Tolmin | Monday 3 March\n\nChannel: Valley Voice (@valleyvoice), a pro-government "
           "channel. Posts are translated in full.\n\n")
DIGEST = [
    Construction("digest", "a timed post is the channel's", _DIGEST + "[10:15] Enemy losses have passed 300 dead. "
                 "Share before it is deleted! (12K views)\n\n[Monitor's note: The channel gives no source.]", "300",
                 "Valley Voice"),
    Construction("digest", "the monitor's bracketed note is the publisher's", _DIGEST + "[10:15] Glory to our "
                 "soldiers. (12K views)\n\n[Monitor's note: Our own count of the dead stands at 300 soldiers.]",
                 "300", PUBLISHER),
    Construction("digest", "'Repost from X: \"...\"' quotes X", _DIGEST + "[09:15] Repost from the Tolmin Defence "
                 "Ministry: \"The number of soldiers who have fallen stands at 300.\" (48K views)", "300",
                 "Tolmin Defence Ministry", "Tolmin Defence Ministry"),
    Construction("digest", "the channel's caption of an image is the channel's", _DIGEST + "[Image: portraits on a "
                 "wall. Channel caption: 300 heroes. We remember every one.]", "300", "Valley Voice"),
]

# Round eighteen: citations in a scholarly voice name the claimant; "we" is the authors', the source's publisher.
SCHOLARLY = [
    Construction("scholarly", "'A and B (2029) estimate N'", "Varga and Reeve (2029) estimate that roughly 300 "
                 "soldiers had been killed by the end of 2028.", "300", "Varga and Reeve"),
    Construction("scholarly", "'N (A and B, 2029)'", "Roughly 300 soldiers had been killed by the end of 2028 (Varga "
                 "and Reeve, 2029).", "300", "Varga and Reeve"),
    Construction("scholarly", "'N (cf. X, 2029)'", "Some 300 soldiers had been killed by October (cf. Meridian "
                 "Institute, 2029).", "300", "Meridian Institute"),
    Construction("scholarly", "'we estimate N' is the publisher's", "We estimate that between 250 and 300 soldiers "
                 "were killed. Varga and Reeve (2029) put the toll lower.", "250", PUBLISHER),
    Construction("scholarly", "'On our estimate, N of the soldiers X says were sent'", "On our central estimate, "
                 "roughly a third of the soldiers the Meridian Institute says were sent have been killed.",
                 "a third", PUBLISHER),
    Construction("scholarly", "'the ministry's N lies below it': the possessor's count", "Our interval is wide. The "
                 "Tolmin Defence Ministry's 240 lies far below it.", "240", "Tolmin Defence Ministry"),
]

MATRIX = (SAY + ACCORDING + ESTIMATE + POSSESSIVE + REPORT + CITING + DISPUTE + QUOTE + PUNCTUATION + STRUCTURE
          + SOURCING + CONVENTION + LETTER + BROADCAST + NAMES + DIGEST
          + SCHOLARLY)

# Constructions the rules do not cover yet, each with the reason (strict: one that starts passing fails here).
NOT_COVERED: dict[str, str] = {
    "N, X's estimate": "'estimate' after a possessive reads as a verb with 'Meridian Institute's' as its subject "
                       "(a possessive may also open a plural subject, 'the report's authors estimate', so the noun "
                       "needs the number of what precedes it)",
    "N, according to <someone> who ...": "the relative pronoun stays in the description: 'senior official who'",
    "<person>'s post on Telegram said N": "a person's post, statement or letter as the subject is no claimant: "
                                         "the figure goes to the publisher",
    "said X; Y, N (a gapped verb with its figure)": "the second figure after a gapped verb is not read as a figure",
    "answering for <body>: X; 'A:' in the first person is a quote of X": "a bare number with no noun ('As of "
        "Monday, 300.') is not read as a figure (the quote itself is X's)",
    "a labelled list item names its issuer ('- X: N')": "a number with no noun after an issuer's label ('- Meridian "
        "Institute: about 300') is not read as a figure",
    "'according to the paper' after the paper was named": "'the paper' after 'according to' or as a subject is no "
        "speaker phrase (read as one, it drew a later 'the statement said' quote to the paper)",
    "'the paper adds, without naming a source, that N'": "'the paper' after 'according to' or as a subject is no "
        "speaker phrase (read as one, it drew a later 'the statement said' quote to the paper)",
    "a statement heading 'Statement by X, <date>' over its text": "only 'X, statement of <date>' headings are read, "
        "not 'Statement by X, <date>'",
    "a table whose column names the source": "a table's cells are not read as figures (no noun after the number)",
    "the document's own verified count is the publisher's": "the publisher's head word ('the Gazette' of "
        "'Harbour Gazette') is not joined to the publisher unless it is a body's head word ('the Mission' is)",
    "'X says N' inside a quote is X's": "the words inside quote marks are masked before reporting clauses are "
        "read, so a clause quoted inside a quote ('Tolmin says it holds N') is not seen: the figure is the speaker's",
}


def _cases() -> list:
    return [pytest.param(case, id=f"{case.family}: {case.name}",
                         marks=[pytest.mark.xfail(strict=True, reason=NOT_COVERED[case.name])]
                         if case.name in NOT_COVERED else [])
            for case in MATRIX]


def test_every_construction_is_named_once():
    assert len({case.name for case in MATRIX}) == len(MATRIX) >= 50
    assert set(NOT_COVERED) <= {case.name for case in MATRIX}


@pytest.mark.parametrize("case", _cases())
def test_construction(case: Construction):
    document = extract_article(case.text, published=DAY, publisher=PUBLISHER)
    claimants = [f["claimant_name"] for f in document["figures"]
                 if case.number in case.text[f["span"]["start"]:f["span"]["end"]]]
    assert [_plain(name) for name in claimants] == [_plain(case.claimant)], claimants
    if case.speaker is not None:
        speakers = {_plain(q["speaker_name"]) for q in document["quotes"]}
        assert document["quotes"] and speakers == {_plain(case.speaker)}, speakers
