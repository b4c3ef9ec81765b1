"""Attributed statements in one document.

The document is read paragraph by paragraph (each repeated paragraph once).
Within a paragraph, sentences are grouped into segments so that no quotation
crosses a segment boundary; each segment is searched for cues (verbs of saying,
"according to", vague formulas) outside quotations. A cue decides the layout:

- preposed:  SPEAKER cue [to OUTLET] [that|:] CONTENT
- postposed: CONTENT, SPEAKER cue.   /   "CONTENT," cue SPEAKER.
- according: according to SOURCE, CONTENT   /   CONTENT, according to SOURCE.

Quotations with no cue of their own belong to the paragraph's last source;
sentences that follow a source's statement in the same paragraph are its
continuation; a colon-introduced statement runs to the end of the paragraph
or the next attribution.

The rules live by their seam: cues and the preposed layout in claims.detect.cues,
the postposed and interrupted layouts in claims.detect.postposed,
"according to" and vague formulas in claims.detect.according, where a cue's
subject starts in claims.detect.subjects, where its phrase and a name in it end
in claims.detect.subject_phrases, whom sentences name and how mentions resolve
in claims.detect.mentions, the parts of a subject phrase
in claims.detect.appositions, labels and
quotations with no cue in claims.detect.labels, sentence ends and segments
in claims.detect.splits, page furniture in
claims.detect.furniture, statements that run on past their sentence or
paragraph in claims.detect.continuations; this module reads paragraphs and
segments.
"""
from __future__ import annotations

import re

from claims.detect.according import AccordingRules
from claims.detect.appositions import AppositionRules
from claims.detect.continuations import ContinuationRules
from claims.detect.cues import CueRules
from claims.detect.labels import LabelRules
from claims.detect.outlets import OutletRules
from claims.detect.postposed import PostposedRules
from claims.detect.langdata import load_language
from claims.detect.mentions import MentionRules
from claims.detect.quotes import find_quotes
from claims.detect.splits import SplitRules
from claims.detect.segment import CLOSING_MARKS, Cue, Segment, consumed_start, dateline_end, phrase_regex
from claims.detect.registry import Registry
from claims.detect.speakers import Speaker, SpeakerAnalyser
from claims.detect.subject_phrases import SubjectPhraseRules
from claims.detect.subjects import SubjectRules
from claims.model import Attribution, Document, Sentence


class Detector(CueRules, PostposedRules, AccordingRules, OutletRules, SubjectRules, SubjectPhraseRules, MentionRules,
               AppositionRules, LabelRules, SplitRules, ContinuationRules):
    def __init__(self, lang: str):
        self.lang = lang
        self.data = load_language(lang)
        cues = self.data["cues"]
        self.re_always = phrase_regex(cues["always"])
        self.re_complement_cue = phrase_regex(cues["with_complement"])
        # words that hold a cue and say nothing ("đòi hỏi", to require, holds "hỏi", to ask)
        self.re_not_cue = phrase_regex(cues["not_cues"]) if cues.get("not_cues") else None
        # verbs that report only what follows them at once, a quotation or a colon ("Cô tiếp tục: …"); before
        # anything else they are aspect ("tiếp tục là", continues to be; "tiếp tục đưa ra", goes on offering)
        self.only_before_quotation = {c.casefold() for c in cues.get("only_before_quotation", [])}
        # verbs that report only at a clause's edge, before a quotation, a comma, a colon or the sentence's end
        # ("he went on:", '"…," he went on.'); before anything else they say what was done ("went on Instagram")
        self.only_at_clause_edge = {c.casefold() for c in cues.get("only_at_clause_edge", [])}
        # an adverb that a cue takes after it ("bổ sung thêm", added more): part of the cue, not what was said
        trailing = cues.get("trailing_adverbs", [])
        self.re_cue_trailer = re.compile(rf"\s+(?:{'|'.join(map(re.escape, trailing))})(?![\w-])",
                                         re.IGNORECASE) if trailing else None
        self.complementisers = {c.casefold() for c in cues["complementisers"]}
        self.re_complementiser = re.compile(
            rf"\s*(?:{'|'.join(map(re.escape, cues['complementisers']))})(?![\w-])", re.IGNORECASE)
        # cues that report a clause without a complementiser ("Bà Lan nói bà không đồng ý"), and the words that
        # mark that what follows is a clause, not the verb's object ("nói tiếng Anh rất giỏi")
        self.bare_clause_cues = {c.casefold() for c in cues.get("bare_clause", {}).get("cues", [])}
        self.said_by_people_cues = {c.casefold() for c in
                                    cues.get("bare_clause", {}).get("said_by_people", {}).get("cues", [])}
        self.naming_cues = {c.casefold() for c in cues.get("naming", {}).get("cues", [])}
        self.naming_most_words = cues.get("naming", {}).get("most_words", 20)
        self.naming_as_words = {w.casefold() for w in cues.get("naming", {}).get("as_words", [])}
        # "gọi đó là những chuyến la cà": a name given, unless a quotation says what it was called
        self.naming_quotation_only = {w.casefold() for w in cues.get("naming", {}).get("quotation_only", [])}
        # "…, ông khẳng định như vậy": words after a postposed cue that point back at what was said
        self.said_so = [w.casefold() for w in cues.get("said_so", [])]
        # pronouns that may stand as the subject of a reported clause ("According to Reuters, he said …")
        self.personal_pronouns = {w for kind in ("person", "group") for w in self.data["pronouns"].get(kind, [])}
        # pronouns that open a clause of their own ("I later learned …", "who had served …")
        self.clause_pronouns = self.personal_pronouns | set(self.data["pronouns"].get("other", []))
        # words of tense, aspect or manner that may stand between a subject and its cue ("đã", "cũng", "thì")
        self.single_word_trailers = {w.casefold() for w in self.data["subject_trailers"] if " " not in w}
        self.bare_clause_markers = {m.casefold() for m in cues.get("bare_clause", {}).get("markers", [])}
        # markers of aspect that mark a clause only after its subject ("nói công ty vừa được cấp phép"); first, they
        # are the cue's manner ("nói vừa đủ nghe", said just loud enough)
        self.bare_clause_later_markers = {m.casefold() for m in cues.get("bare_clause", {}).get("after_subject", [])}
        # a copula: the noun phrase after it is the clause's predicate ("nói đó là con gái ông")
        self.bare_clause_copulas = {m.casefold() for m in cues.get("bare_clause", {}).get("copulas", [])}
        # "believed the rumours that were spreading": the marker belongs to a relative clause of the object
        self.bare_clause_relatives = {m.casefold() for m in cues.get("bare_clause", {}).get("relatives", [])}
        # "showed bursts of brilliance but he has lost …": a coordinator that opens a clause of its own, or one
        # before a pronoun, puts the marker after it in that clause, not in a clause the cue reports
        self.bare_clause_breaks = {m.casefold() for m in cues.get("bare_clause", {}).get("new_clause", [])}
        self.bare_clause_singular = {m.casefold() for m in cues.get("bare_clause", {}).get("singular_markers", [])}
        # "nói khi đang đi trên đường": a clause of time after the cue says when, not what
        self.bare_clause_adjuncts = {m.casefold() for m in cues.get("bare_clause", {}).get("adjunct_openers", [])}
        self.bare_clause_cognition = {m.casefold() for m in cues.get("bare_clause", {}).get("cognition", [])}
        self.re_outlet_prep = re.compile(
            rf"\s*(?:{'|'.join(re.escape(p) for p in cues['outlet_prepositions'])})(?![\w-])", re.IGNORECASE)
        self.outlet_nouns = sorted(cues["outlet_nouns"], key=len, reverse=True)
        # cues whose addressee follows with no preposition ("told Reuters that"): the outlet starts at the cue
        self.addressee_cues = {c.casefold() for c in cues.get("direct_addressee", [])}
        acc = self.data["according_to"]
        self.re_according = phrase_regex(acc["phrases"])
        self.re_according_trailing = re.compile(
            rf"\s+(?:{'|'.join(map(re.escape, acc['trailing_verbs']))})\s*$", re.IGNORECASE) \
            if acc["trailing_verbs"] else None
        self.not_a_source = {w.lower() for w in acc["not_a_source"]}
        self.bare_documents = {w.casefold() for w in acc.get("bare_documents", {}).get("nouns", [])}
        # "…, theo các nhân viên tại các trại và theo các báo cáo …": a second source joined to the first
        coordinators = self.data.get("predicate_coordinators", [])
        self.re_second_according = re.compile(r"\s+(?:%s)\s+(?:%s)(?![\w-])" % (
            "|".join(map(re.escape, coordinators)), "|".join(map(re.escape, acc["phrases"]))),
            re.IGNORECASE) if coordinators else None
        # "theo số liệu của Hội đồng Vàng Thế giới", "according to data from the Census Bureau": figures with a
        # named owner have a source (a law "của Hoa Kỳ" is still a rule, not a source)
        self.owned_sources = {w.lower() for w in acc.get("owned", [])}
        self.owner_markers = {w.casefold() for w in acc.get("owner_markers", [])}
        # Vietnamese headlines name a source before a colon ("Bộ trưởng Y tế: Sẽ tăng lương …"); in English news
        # such a line is as often a transcript turn, a subhead or a caption
        self.source_labels = bool(self.data.get("source_labels"))
        self.transcript_questions = {w.casefold() for w in self.data.get("transcript_labels", {}).get("question", [])}
        self.demonstratives = frozenset(w.casefold() for w in self.data.get("demonstratives", []))
        self.epithets = frozenset(w.casefold() for w in self.data.get("epithets", []))
        self.topic_markers = frozenset(w.casefold() for w in self.data.get("topic_markers", []))
        # nouns that refer back to any body named before ("nhóm", the group), whatever its own noun
        self.generic_body_nouns = frozenset(self.data.get("referring_nouns", {}).get("any_organization", []))
        self.body_nouns = frozenset(self.data.get("referring_nouns", {}).get("organization", []))
        self.re_vague_phrase = phrase_regex(self.data["vague_phrases"])
        self.re_quoting = phrase_regex(self.data["quoting_phrases"]) if self.data.get("quoting_phrases") else None
        self.re_words_of = phrase_regex(self.data["words_of"]["phrases"]) if self.data.get("words_of") else None
        # '"…" - vừa nói anh vừa …': the marker of two things done at once, around a cue and its subject
        marker = self.data.get("simultaneous", {}).get("marker")
        self.re_while_saying = re.compile(rf"[\s,]*[-–—]?\s*{re.escape(marker)}\s+", re.IGNORECASE) if marker else None
        self.re_while_saying_again = re.compile(rf"\s{re.escape(marker)}\s", re.IGNORECASE) if marker else None
        # a quotation right after these names a work, a plan or a slogan ("mang tựa đề "…"", "titled "…"")
        titles = self.data.get("title_words", {}).get("words", [])
        self.re_title_word = re.compile(rf"(?<![\w-])(?:{'|'.join(map(re.escape, titles))})\s*$", re.IGNORECASE) \
            if titles else None
        self.re_openers = re.compile(
            rf"^\s*(?:(?:{'|'.join(map(re.escape, sorted(self.data['clause_openers'], key=len, reverse=True)))})"
            rf"(?![\w-])[\s,]*)+", re.IGNORECASE)
        trailers = sorted(self.data["subject_trailers"], key=len, reverse=True)
        alternatives = "|".join(map(re.escape, trailers))
        dates = self.data.get("subject_dates", {})
        if dates:
            day = "|".join(map(re.escape, dates["relative"]))
            words = "|".join(map(re.escape, sorted(dates["words"], key=len, reverse=True)))
            alternatives += rf"|(?:{words})\s+(?:\d[\d/.-]*|{day})"
        # "Hãng hàng không": the second word of a compound ("hàng không") is no trailer
        held = "".join(rf"(?<!{re.escape(c.split()[0])})" for c in self.data.get("negation_compounds", [])
                       if len(c.split()) == 2 and c.split()[1] in trailers)
        self.re_trailers = re.compile(rf"(?:{held}[\s,]+(?:{alternatives}))+\s*$", re.IGNORECASE)
        self.re_time_opener = self._time_opener_regex(self.data.get("time_openers", {}))
        self.re_adverbial = re.compile(
            rf"\s*(?:\d|(?:{'|'.join(map(re.escape, self.data['adverbial_openers']))})(?![\w-]))", re.IGNORECASE)
        # the same openers anywhere, as written in lower case: where an outlet's name ends ("The Hill trong …")
        self.re_adverbial_word = re.compile(
            rf"(?<![\w-])(?:{'|'.join(map(re.escape, self.data['adverbial_openers']))})(?![\w-])")
        # time and place phrases between a cue and its statement; never modal or negating words ("sẽ", "not")
        adjuncts = [t for t in trailers if " " in t and t.split()[0] not in ("đã", "cũng", "has", "had", "not")]
        adjuncts += [w for w in ("yesterday", "today", "earlier", "later", "hôm qua", "hôm nay") if w in trailers]
        self.re_leading_adjuncts = re.compile(
            rf"(?:[\s,]*(?:{'|'.join(map(re.escape, sorted(adjuncts, key=len, reverse=True)))})(?![\w-]))+",
            re.IGNORECASE)
        self.re_trailers_full = re.compile(
            rf"(?:[\s,]+(?:{'|'.join(map(re.escape, trailers))}))+[\s.,]*", re.IGNORECASE)
        self.re_linkers = phrase_regex(self.data.get("clause_linkers", []) or ["\uffff"])
        # a cue word used as a noun ("bài phát biểu", "tuyên bố này", "theo dự báo"): told by the word before
        # or after it
        # words before a figure that make it a date, not a count ("ngày 10/5 cho biết", "năm 2018")
        self.date_words = {w.casefold() for w in self.data.get("subject_dates", {}).get("words", [])
                           + self.data.get("date_words", [])}

        def inside(words: list[str]) -> re.Pattern | None:
            return re.compile(rf"\s(?:{'|'.join(map(re.escape, words))})\s") if words else None
        # "recalled Ms. Schroeder about how …": a topic ends an inverted speaker
        self.re_inverted_topic = inside(self.data.get("inverted_topic_openers", []))
        self.topic_openers = {w.casefold() for w in self.data.get("inverted_topic_openers", []) if " " not in w}
        # "according to Die Zeit newspaper citing an army spokesperson": the one cited is the source
        self.re_citing = inside(self.data.get("citing_words", []))
        self.subordinators = {w.casefold() for w in self.data.get("subordinators", [])}
        self.head_determiners = frozenset(w.casefold() for w in self.data.get("indefinites", []) +
                                          self.data.get("plural_markers", []))
        # words that open an affiliation, which places may follow as its address ("thuộc Viện …, Bethesda, Maryland")
        self.address_openers = set(self.data.get("address_openers", []))
        self.report_verbs = {w.casefold() for w in self.data["cues"].get("report_verbs", [])}
        # markers of tense before a verb, which end a name's phrase ("bà Schroeder đã vô cùng thất vọng")
        self.tense_markers = {w.casefold() for w in self.data.get("tense_markers", [])}
        self.predicate_adverbs = {w.casefold() for w in self.data.get("predicate_adverbs", []) if " " not in w}
        # prepositions inside a subject ("Giám đốc của công ty", "mật độ của thủy triều đỏ")
        self.subject_prepositions = {w.casefold() for w in self.data.get("subject_prepositions", [])}
        # prepositions that open where or when something was said ("phát biểu tại phiên họp", "spoke at the rally")
        self.place_prepositions = {w.casefold() for w in self.data.get("place_prepositions", [])}
        # a modal before a postposed cue makes a prediction, not a report ("… the tribunal will find")
        self.modal_words = {w.casefold() for w in self.data.get("modal_words", [])}
        announced = self.data.get("announced_statements", {})
        self.announcing_modals = {w.casefold() for w in announced.get("modals", [])}
        self.announcing_cues = {w.casefold() for w in announced.get("cues", [])}
        nouns = self.data["cues"].get("noun_use", {})
        self.cue_noun_before = {w.casefold() for w in nouns.get("before", [])}
        self.cue_noun_after = {w.casefold() for w in nouns.get("after", [])}
        # cue words that are as often nouns ("thông tin", "yêu cầu"): a cue only where the tagger makes no noun
        # of them
        self.cue_noun_tagged = {w.casefold() for w in nouns.get("tagged", [])}
        # "lo ngại về các vấn đề tuân thủ", "phát biểu về vấn đề này": a cue with a topic after it says what
        # someone spoke of, not what they said
        self.cue_topic_after = {w.casefold() for w in self.data["cues"].get("topic_after", [])}
        # "được đề xuất bởi …": a cue in the passive reports nothing its subject said
        self.cue_noun_before |= {w.casefold() for w in self.data["cues"].get("passive_before", [])}
        # cues of request and advice report whom they address or a clause ("yêu cầu các doanh nghiệp niêm yết
        # giá"); with a bare verb or adjective after them they name an action in a headline ("đề xuất bỏ kỳ
        # thi", "khuyên thận trọng")
        self.addressed_cues = {w.casefold() for w in self.data["cues"].get("addressed", [])}
        self.promise_cues = {c.casefold() for c in cues.get("promise", {}).get("cues", [])}
        self.admission_cues = {c.casefold() for c in cues.get("admission", {}).get("cues", [])}
        # "X đến Palu và phát biểu", "X arrived and said": the subject of the first predicate is the speaker's
        self.coordinators = {w.casefold() for w in self.data.get("predicate_coordinators", [])}
        # "As Spieth says, …", "Như ông Nam cho biết, …": a conjunction of accordance before the subject, whose
        # statement follows the comma after the cue
        as_openers = self.data.get("as_openers", {})
        self.re_as_opener = re.compile(
            rf"\s*(?:{'|'.join(map(re.escape, sorted(as_openers['words'], key=len, reverse=True)))})\s+"
            rf"(?!(?:{'|'.join(map(re.escape, as_openers.get('not_before', [])))})(?![\w-]))",
            re.IGNORECASE) if as_openers.get("words") else None
        # "để" (in order to): a cue right after it serves the clause before it, whose subject speaks
        self.purpose_markers = {w.casefold() for w in self.data.get("purpose_markers", [])}
        # when a sentence with no cue carries the statement before it on (_may_continue)
        self.continuation = self.data.get("continuation") or {}
        self.continuation_markers = {m.casefold() for m in self.continuation.get("markers", [])}
        self.first_person = {w.casefold() for w in self.data.get("first_person", [])}
        self.anonymity = sorted((m.lower() for m in self.data["anonymous_markers"] if len(m.split()) > 1),
                                key=len, reverse=True)
        self.re_outlet_opener = re.compile(
            rf"\s*(?:{'|'.join(map(re.escape, self.data['outlet_openers']))})(?![\w-])", re.IGNORECASE)
        self.conjunctions = sorted(self.data["continuation_conjunctions"], key=len, reverse=True)
        self.re_coordinated_clause = re.compile(
            rf"\s*,\s*(?:{'|'.join(map(re.escape, self.data.get('clause_coordinators', [])))})(?![\w-])",
            re.IGNORECASE) if self.data.get("clause_coordinators") else re.compile(r"(?!)")
        # ""…", ông Tú nói và cho biết thêm …": after a coordinator, a second cue starts a statement of its own
        coordinators = self.data.get("predicate_coordinators", [])
        # "và còn kể thêm", "and also said": an adverb may come between
        adverbs = r"(?:(?:%s)\s+)?" % "|".join(map(re.escape, self.data["predicate_adverbs"])) \
            if self.data.get("predicate_adverbs") else ""
        self.re_coordinated_cue = re.compile(
            r"\s*,?\s*(?:%s)\s+%s(?:%s)(?![\w-])" % ("|".join(map(re.escape, coordinators)), adverbs, "|".join(
                re.escape(c).replace(r"\ ", r"\s+") for c in sorted(cues["always"] + cues["with_complement"],
                                                                  key=len, reverse=True))),
            re.IGNORECASE) if coordinators else re.compile(r"(?!)")
        # "…, saying …", "with Boswell stating: …": cues whose subject is not the phrase right before them
        self.participle_cues = {w.casefold() for w in cues.get("participles", [])}
        self.re_with_subject = re.compile(
            rf"(?<![\w-])(?:{'|'.join(map(re.escape, cues.get('participle_subject_openers', [])))})\s+([^,]+?)\s*$",
            re.IGNORECASE) if cues.get("participle_subject_openers") else re.compile(r"(?!)")
        # "…, officials said, with the toll expected to rise", "…, police said, adding that …": a clause of the
        # speaker's own after a postposed cue, not the statement
        following = cues.get("participles", []) + cues.get("participle_subject_openers", [])
        self.re_participle_clause = re.compile(
            rf"\s*,\s*(?:{'|'.join(map(re.escape, following))})(?![\w-])", re.IGNORECASE) if following \
            else re.compile(r"(?!)")
        self.speakers = SpeakerAnalyser(lang, self.data)
        # language data that subject, apposition and source rules look words up in, read once
        self.affiliation_words = {w.casefold() for w in self.data.get("affiliation_words", [])}
        self.passive_markers = {w.casefold() for w in self.data["cues"].get("passive_before", [])}
        self.longer_openers = [o.casefold() for o in self.data.get("clause_openers", [])]
        self.quantity_openers = {w.casefold() for w in self.data.get("quantity_nouns", {}).get("openers", [])}
        self.quantity_nouns = {w.casefold() for w in self.data.get("quantity_nouns", {}).get("nouns", [])}
        self.listed_nouns = {w.casefold() for key in ("titles", "epithets", "person_nouns")
                             for w in self.data.get(key, [])}
        self.example_markers = [w.casefold() for w in self.data.get("example_markers", {}).get("words", [])]
        self.body_nouns_for_sources = {w.casefold() for w in self.speakers.org_nouns} | {
            w.casefold() for w in self.speakers.group_nouns}
        self.abbreviations = self.data.get("abbreviations", [])
        self._abbreviations = {a.lower() for a in self.abbreviations}
        self.invertible = {c.lower() for c in self.data["cues"].get("invertible", [])}
        negations = "|".join(map(re.escape, self.data.get("negated_cue_markers", []))) or "\uffff"
        self.re_negated = re.compile(rf"(?<![\w-])(?:{negations})(?:\s+\w+)?\s*$", re.IGNORECASE)
        # "hàng không cho biết": a word that holds a negator is no negation
        compounds = self.data.get("negation_compounds", [])
        self.re_negation_compound = re.compile(
            rf"(?<![\w-])(?:{'|'.join(map(re.escape, compounds))})(?![\w-])", re.IGNORECASE) if compounds else None
        self.marks = self.data["quotation_marks"]
        self.inner_marks = "".join(self.data.get("inner_quotation_marks", []))

    # ------------------------------------------------------------------ document

    @staticmethod
    def _time_opener_regex(data: dict) -> re.Pattern:
        """"Thirty years later", "Last year", "30 năm sau", "Năm 2019": a count, a unit and a relation; a leading
        word and a unit; or a unit and a year or a relation."""
        if not data.get("units"):
            return re.compile(r"(?!)")

        def alt(words):
            return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)) or "(?!)"

        count, unit, relation, leading, about = (alt(data.get(k, [])) for k in (
            "counts", "units", "relations", "leading", "approximately"))
        # the phrase ends at a space, or at the comma that closes it ("hơn 30 năm trước, một phụ nữ …")
        return re.compile(rf"\s*(?:(?:(?:{about})\s+)?(?:\d[\d,.]*|{count})\s+(?:{unit})\s+(?:{relation})"
                          rf"|(?:{leading})\s+(?:{unit})|(?:{unit})\s+(?:\d{{4}}|{relation}))(?![\w-])(?:\s+|(?=,))",
                          re.IGNORECASE)

    def detect(self, doc: Document, parsed: dict[int, list[Sentence]]) -> list[Attribution]:
        """`parsed` maps a paragraph index to its sentences (unique paragraphs only)."""
        registry = Registry(demonstratives=self.demonstratives, epithets=self.epithets,
                            body_nouns=self.body_nouns | self.generic_body_nouns,
                            body_noun_anywhere=self.data.get("body_noun_anywhere_in_name", False),
                            generic_body_nouns=self.generic_body_nouns,
                            post_nouns=frozenset(w.lower() for w in self.data.get("post_nouns", [])),
                            date_words=frozenset(self.date_words), affiliation_words=frozenset(self.affiliation_words),
                            name_articles=frozenset(self.speakers.name_articles),
                            representatives=tuple(r.casefold() for r in self.speakers.representatives))
        self.speakers.document = doc.text
        found: list[Attribution] = []
        previous_last: Speaker | None = None
        pending: Attribution | None = None  # a quotation left open at the end of the previous paragraph
        previous_made: list[Attribution] = []
        # a quotation opened in an earlier paragraph and not closed since: what was made from it, and how many
        # paragraphs it has run over
        still_open: list[Attribution] | None = None
        open_for, open_mark = 0, ""
        for index, paragraph in enumerate(doc.paragraphs):
            if paragraph.duplicate_of is not None or index not in parsed:
                continue
            continued = open_mark if still_open is not None and open_for < self.QUOTE_MOST_PARAGRAPHS else False
            quotes = self._repair_unclosed(doc.text, find_quotes(
                doc.text, paragraph.start, paragraph.end, self.marks, continued=continued, inner_marks=self.inner_marks,
                cues=(self.re_always, self.re_complement_cue)))
            segments = self._segments(parsed[index], quotes, paragraph, index)
            last = self._paragraph(doc.text, segments, registry, previous_last)
            for attribution in registry.made_back:
                if not any(a is attribution for a in found):
                    found.insert(next((k for k, a in enumerate(found) if a.start > attribution.start), len(found)),
                                 attribution)
            registry.made_back = []
            registry.previous_segment = segments[-1] if segments else None
            made = [a for seg in segments for a in seg.attributions]
            if segments and not segments[-1].attributions:
                # "US President Barack Obama tweeted:" and the quotation as the next paragraph
                introducer = self._introducer(doc.text, segments[-1], registry, previous_last)
                if introducer is not None:
                    last = introducer
            if not made and previous_made and not quotes:
                carried = self._first_person_paragraph(doc.text, segments, previous_made[-1], previous_last)
                if carried is not None:
                    made, last = [carried], previous_last
            if pending is not None and made and doc.text[paragraph.start] in self.marks and made[0].speaker:
                # the next paragraph reopens the quotation: its speaker is the speaker of both
                for key in ("speaker", "speaker_type", "role"):
                    setattr(pending, key, getattr(made[0], key))
            pending = None
            open_quote = next((q for q in quotes if not q.closed), None)
            if open_quote is not None and made and not made[-1].speaker and made[-1].start >= open_quote.start:
                pending = made[-1]
            closing = next((q for q in quotes if q.opened_before), None)
            if closing is not None and still_open:
                made = self._close_across(doc.text, still_open, made, closing, found)
            found.extend(made)
            previous_last, previous_made = last, made
            if open_quote is not None:  # a quotation opens here and is not closed
                still_open, open_for = [a for a in made if a.start >= open_quote.start], 0
                open_mark = doc.text[open_quote.start]
            elif continued and not quotes:  # a paragraph with no mark inside one
                still_open, open_for = still_open + made, open_for + 1
            else:
                still_open, open_for = None, 0
        return found

    QUOTE_MOST_PARAGRAPHS = 12  # a quotation runs over at most this many paragraphs with no mark of their own
    SENTENCE_MOST_CUES = 40  # cues read in one sentence

    # ------------------------------------------------------------------ paragraph

    def _paragraph(self, text: str, segments: list[Segment], registry: Registry,
                   previous_last: Speaker | None) -> Speaker | None:
        last: Speaker | None = None
        last_attr: Attribution | None = None
        continuation: Attribution | None = None
        passing: Speaker | None = None
        for n, seg in enumerate(segments):
            # what "it" in the first sentence may mean; after it, "The report was released. It said …" names no one
            registry.previous_paragraph = previous_last if n == 0 else None
            self._register_titles(text, seg, registry)
            if passing is not None:
                registry.mention(passing)  # after what the sentence before it named as its subject
            passing = self._passing_mention(text, seg)
            made = self._segment(text, seg, registry, last)
            if made:
                seg.attributions.extend(made)
                for attribution in made:
                    speaker = registry.said_by.get(id(attribution))
                    if speaker is not None and attribution.kind not in ("vague",):
                        last = speaker
                if all(a.kind == "according_to" for a in made):
                    # "Saipov, a native of Uzbekistan, demonstrated …, according to court documents": the
                    # person the statement is about is who a later "he" means
                    about = self._sentence_subject(text, seg)
                    if about is not None and about.name not in {a.speaker for a in made}:
                        registry.add(registry.fullest(about))
                last_attr = made[-1]
                continuation = None
                continue
            before = segments[n - 1] if n else registry.previous_segment
            said_back = self._said_so_back(text, seg, before, registry, last) if before is not None else None
            if said_back and not n:
                registry.made_back.extend(a for a in said_back if a.start < seg.start)
            if said_back is not None:
                if said_back:
                    last = registry.said_by.get(id(said_back[-1]), last)
                last_attr, continuation = None, None
                continue
            labelled = self._label_colon(text, seg, registry) if n == 0 else None
            if labelled is not None:
                seg.attributions.append(labelled)
                last_attr, continuation = labelled, None
                continue
            mention = self._sentence_subject(text, seg)
            if mention is not None:
                mention = registry.fullest(mention)
                registry.add(mention)  # "Mr. Ford dismissed …" is Doug Ford, for a later "he"
            for named in self._coordinated_subjects(text, seg):
                registry.add(registry.fullest(named))
            quote_made = self._bare_quotes(text, seg, last or (previous_last if n == 0 else None), registry, mention)
            if quote_made:
                seg.attributions.extend(quote_made)
                last_attr, continuation = quote_made[-1], None
                continue
            if n + 1 < len(segments) and text[segments[n + 1].start:segments[n + 1].end].lstrip()[:1] in self.marks:
                introducer = self._introducer(text, seg, registry, last, before_quotation=True)
                if introducer is not None:
                    last, last_attr, continuation = introducer, None, None
                    continue
            if last_attr is None or last is None:
                continue
            if id(last_attr) in registry.colon or continuation is not None:
                target = continuation if continuation is not None else last_attr
                target.end = self._trim_end(text, seg.start, seg.end)
                target.content = text[target.start:target.end]
                continue
            # "Theo ông Hùng, …. Việc thu phí chỉ áp dụng …": where the language carries a source's words on
            # unmarked, a person's "according to" is carried on too
            carried = ("indirect", "direct", "mixed") + (() if self.continuation_markers else ("according_to",))
            # a request ("urged residents to …") reports an action asked for, which no sentence carries on
            requested = " ".join(last_attr.cue.split()).casefold() in self.addressed_cues
            if last_attr.kind in carried and last.type in ("person", "anonymous") and not requested \
                    and self._may_continue(seg, last_attr):
                continuation = self._attribution(text, seg.start, seg.end, "continuation", "", last)
                if continuation is not None:
                    seg.attributions.append(continuation)
        if passing is not None:
            registry.mention(passing)
        return last

    # ------------------------------------------------------------------ segment

    def _segment(self, text: str, seg: Segment, registry: Registry, last: Speaker | None) -> list[Attribution]:
        # a sentence of news has a few cues; one of hundreds is no prose, and each cue reads the words before it
        cues = self._cues(text, seg)[:self.SENTENCE_MOST_CUES]
        made: list[Attribution] = []
        consumed = seg.start
        current_speaker = None
        reported_by = None  # "According to ABC News, Basya believes …": Basya's statement, as ABC News reports it
        for cue in cues:
            if cue.kind == "according" and self._reported_after(text, seg, cue, made, consumed):
                continue
            if cue.kind in ("according", "vague") and made and made[-1].kind in ("according_to", "vague") \
                    and self._second_source(text, seg, cue):
                continue  # "…, according to shelter workers and according to reports …": one statement, two sources
            if cue.kind == "verb" and self._reporter_after(text, seg, cue, made):
                continue
            if cue.start < consumed and not self._continues(text, consumed_start(made), cue):
                continue
            result = None
            if cue.kind == "according":
                reporter = self._reporter_of_a_report(text, seg, cue, cues)
                if reporter is not None:
                    reported_by = reporter
                    consumed = max(consumed, text.index(",", cue.end) + 1)
                    continue
                result = self._according(text, seg, cue, consumed)
            elif cue.kind == "vague":
                result = self._vague_phrase(text, seg, cue, consumed)
            else:
                result = self._verb_cue(text, seg, cue, consumed, registry, current_speaker or last, made)
            if result is None:
                continue
            attribution, speaker, colon = result
            if cue.kind == "verb":
                self._past_second_cue(text, seg, attribution, cue, cues)
                words = attribution.content.casefold().split()
                if attribution.kind == "indirect" and 0 < len(words) <= 8 and words[0] in self.place_prepositions \
                        and not any(w in self.tense_markers or w in self.modal_words for w in words) \
                        and not any(attribution.start <= t.start < attribution.end and t.upos == "AUX"
                                    for t in seg.tokens):
                    # "Feinstein phát biểu tại phiên họp.": where she spoke, not what she said; "At least 384
                    # people have been killed, officials said" is a clause
                    continue
            if reported_by is not None:
                attribution.outlet = attribution.outlet or reported_by
            reported_by = None
            if speaker is not None:
                speaker = self._resolve(speaker, registry, current_speaker or last)
                if speaker.type == "pronoun:other":
                    continue
                self._set_speaker(attribution, speaker)
                if speaker.type == "vague":
                    attribution.kind = "vague"
            if made and attribution.start < made[-1].end:
                made[-1].end = self._trim_end(text, made[-1].start, self._conjunction_start(text, made[-1], cue))
                made[-1].content = text[made[-1].start:made[-1].end]
                made[-1].kind = self._kind(text, made[-1].start, made[-1].end, seg, made[-1].kind)
            registry.said_by[id(attribution)] = speaker
            if colon:
                registry.colon.add(id(attribution))
            made.append(attribution)
            consumed = max(consumed, attribution.end)
            if speaker is not None and speaker.type not in ("vague",):
                current_speaker = speaker
                registry.add(speaker)
        self._report_closing(text, made)
        return made

    def _second_source(self, text: str, seg: Segment, cue: Cue) -> bool:
        """Whether `cue` is an "according to" joined by a coordinator to the one before it."""
        if self.re_second_according is None:
            return False
        window = max(seg.start, cue.start - 12)
        return any(m.start() < cue.start <= m.end() + 1
                   for m in self.re_second_according.finditer(text, window, min(seg.end, cue.end + 20)))

    def _past_second_cue(self, text: str, seg: Segment, attribution: Attribution, cue: Cue, cues: list[Cue]) -> None:
        """"Ông Ri phát biểu trong phiên họp của Đại hội đồng, cho biết Triều Tiên đã …": where and when the first
        cue was spoken, or only "và", then a second cue: the statement is what the second one introduces."""
        following = next((c for c in cues if c.kind == "verb" and c is not cue
                          and attribution.start <= c.start < attribution.end), None)
        if following is None or attribution.kind not in ("indirect", "mixed"):
            return
        lead = text[attribution.start:following.start]
        joined = lead.strip().casefold() in self.coordinators  # "Ông nói thêm và cho rằng …"
        if not joined and (not lead.rstrip().endswith(",") or len(lead.split()) > 15 or not self._is_adjunct(lead)):
            return
        start = following.end
        m = self.re_complementiser.match(text, start, attribution.end)
        if m:
            start = m.end()
        start += len(text[start:attribution.end]) - len(text[start:attribution.end].lstrip(" ,:"))
        if start >= attribution.end:
            return
        attribution.start = start
        attribution.content = text[start:attribution.end]
        attribution.cue = f"{attribution.cue} … {following.text}"
        attribution.kind = self._kind(text, start, attribution.end, seg, "indirect")

    def _continues(self, text: str, content_start: int, cue: Cue) -> bool:
        """A second cue inside a statement starts a new one when a conjunction joins them
        ("..., đồng thời nói thêm rằng ...", "..., and added that ...")."""
        before = text[max(content_start, cue.start - 40):cue.start].rstrip().lower()
        return any(before.endswith(c) and (len(before) == len(c) or not before[-len(c) - 1].isalnum())
                   for c in self.conjunctions) and ("," in text[max(content_start, cue.start - 40):cue.start])

    def _conjunction_start(self, text: str, previous: Attribution, cue: Cue) -> int:
        window_start = max(previous.start, cue.start - 40)
        window = text[window_start:cue.start]
        comma = window.rfind(",")
        return window_start + comma if comma >= 0 else cue.start

    # ------------------------------------------------------------------ building

    def _attribution(self, text, start, end, kind, cue, speaker: Speaker | None, seg: Segment | None = None):
        start, end = self._trim(text, start, end)
        if end <= start:
            return None
        if seg is not None and kind in ("indirect", "according_to", "vague"):
            kind = self._kind(text, start, end, seg, kind)
        if kind == "direct" or (seg is not None and self._fully_quoted(text, start, end, seg)):
            start, end = self._unquote(text, start, end)
            if end <= start:
                return None  # '“ “' after a cue: marks with nothing inside them
            if kind != "continuation":
                kind = "direct" if kind in ("indirect", "direct") else kind
        attribution = Attribution(content=text[start:end], start=start, end=end, kind=kind, cue=cue)
        if speaker is not None:
            self._set_speaker(attribution, speaker)
        return attribution

    @staticmethod
    def _set_speaker(attribution: Attribution, speaker: Speaker) -> None:
        attribution.speaker = speaker.name
        attribution.speaker_mention = speaker.mention
        attribution.speaker_start = speaker.start if speaker.mention else None
        attribution.speaker_end = speaker.end if speaker.mention else None
        attribution.speaker_type = speaker.type if not speaker.type.startswith("pronoun") else "unknown"
        attribution.role = speaker.role

    def _kind(self, text, start, end, seg, kind):
        if kind != "indirect":
            return kind
        has_quote = any(start <= q.start < end for q in seg.quotes)
        if not has_quote:
            return "indirect"
        return "direct" if self._fully_quoted(text, start, end, seg) else "mixed"

    def _fully_quoted(self, text, start, end, seg) -> bool:
        for q in seg.quotes:
            if q.start <= start and q.end >= end - 0:
                return True
            if abs(q.start - start) <= 1 and q.end >= end - 1:
                return True
        return False

    def _unquote(self, text, start, end):
        if start < end and text[start] in self.marks:
            start += 1
        while end > start and text[end - 1] in CLOSING_MARKS + "」』›“":
            end -= 1
        return self._trim(text, start, end)

    def _trim(self, text, start, end):
        while start < end and text[start] in " \t\n,;:–—-":
            start += 1
        start = dateline_end(text, start, end)
        return start, self._trim_end(text, start, end)

    def _trim_end(self, text, start, end):
        while end > start and text[end - 1] in " \t\n,;:.–—-!?":
            end -= 1
        # a quotation mark closing right after the last word stays if its opening is inside
        return end
