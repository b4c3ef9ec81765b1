"""The language data of claims/detect/lang/*.json compiled once per detector: the word sets and regular expressions
that the detector's rules (the mixins of claims.detect.extract.Detector) read."""
from __future__ import annotations

import re

from claims.detect.langdata import load_language
from claims.detect.segment import phrase_regex
from claims.detect.speakers import SpeakerAnalyser


class CompiledLanguage:
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
        self.bare_clause_shares = {m.casefold() for m in cues.get("bare_clause", {}).get("shares", [])}
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
        self.plain_addressees = sorted((a.casefold() for a in cues.get("plain_addressees", [])), key=len, reverse=True)
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
        stated = acc.get("statement_nouns", {})
        self.re_statement_owner = re.compile(r"\s*(?:%s)\s+(?:%s)\s+(?=\S)" % (
            "|".join(map(re.escape, sorted(stated["nouns"], key=len, reverse=True))),
            "|".join(map(re.escape, stated["owners"]))), re.IGNORECASE) if stated else None
        # Vietnamese headlines name a source before a colon ("Bộ trưởng Y tế: Sẽ tăng lương …"); in English news
        # such a line is as often a transcript turn, a subhead or a caption
        self.source_labels = bool(self.data.get("source_labels"))
        self.transcript_questions = {w.casefold() for w in self.data.get("transcript_labels", {}).get("question", [])}
        self.demonstratives = frozenset(w.casefold() for w in self.data.get("demonstratives", []))
        self.epithets = frozenset(w.casefold() for w in self.data.get("epithets", []))
        self.topic_markers = frozenset(w.casefold() for w in self.data.get("topic_markers", []))
        self.re_topic_marker = re.compile(
            rf"\s(?:{'|'.join(map(re.escape, sorted(self.topic_markers, key=len, reverse=True)))})(?![\w-])\s*",
            re.IGNORECASE) if self.topic_markers else None
        self.plural_markers = frozenset(w.casefold() for w in self.data.get("plural_markers", []))
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
        self.announced_acts = {w.casefold() for w in self.data["cues"].get("announced_acts", [])}
        owned = self.data["cues"].get("said_so_owned", {})
        # "Đó là khẳng định của ông Hùng": the opener, a statement's noun and the word before its owner
        nouns = sorted(set(owned.get("nouns", [])) | set(stated.get("nouns", [])), key=len, reverse=True)
        self.re_said_so_owned = re.compile(r"\s*(?:%s)\s+(?:%s)\s+(?:%s)\s+" % (
            "|".join(map(re.escape, owned["openers"])), "|".join(map(re.escape, nouns)),
            "|".join(map(re.escape, owned["owners"]))), re.IGNORECASE) if owned else None
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
        # "hàng không cho biết": a word that holds a negator is no negation, nor is a denial that affirms
        # ("không quên nhắc nhở", does not forget to remind)
        compounds = self.data.get("negation_compounds", [])
        self.re_negation_compound = re.compile(
            rf"(?<![\w-])(?:{'|'.join(map(re.escape, compounds))})(?![\w-])", re.IGNORECASE) if compounds else None
        self.marks = self.data["quotation_marks"]
        self.inner_marks = "".join(self.data.get("inner_quotation_marks", []))

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
