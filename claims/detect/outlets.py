"""Outlets and reporters: to whom a statement was said ("told Reuters", "nói với tờ Caijing") and who reported
it ("…, The Hill reported", "According to ABC News, Basya believes …", "…, theo Tạp chí Washington Examiner").
A mixin of claims.detect.extract.Detector, whose language data
claims.detect.compiled compiles."""
from __future__ import annotations

import re

from claims.detect.segment import CLOSING_MARKS, TRAILING, Cue
from claims.model import Token


class OutletRules:
    OUTLET_BEFORE_QUOTATION_MOST_WORDS = 4  # "nói với tôi "…"", not "told the rally politicians must be made to '…'"

    def _outlet(self, text: str, pos: int, limit: int, cue: Cue, tokens: list[Token] = ()) -> tuple[str, int]:
        """"nói với tờ Caijing rằng", "told Reuters that": the medium and the position after it."""
        m = self.re_outlet_prep.match(text, pos, limit)
        if cue.text.casefold() in self.addressee_cues:
            start = pos
        elif m:
            start = m.end()
        else:
            return "", pos
        stop = len(text[start:limit])
        stopped = False
        for word in self.data["cues"]["outlet_stop"] + self.data["cues"]["complementisers"]:
            # a full stop after a capital ends an abbreviation ("the U.N. Security Council"), not the outlet
            pattern = rf"(?<![\w-]){re.escape(word)}(?![\w-])" if word[0].isalnum() else \
                r"(?<![A-Z])\." if word == "." else re.escape(word)
            found = re.search(pattern, text[start:limit], re.IGNORECASE if word[0].isalnum() else 0)
            if found and found.start() < stop:
                stop, stopped = found.start(), True
        # 'Cô nói với tôi "Đừng bao giờ …"': an opening quotation mark ends the outlet
        opening = next((i for i, ch in enumerate(text[start:start + stop]) if ch in self.marks
                        and (i == 0 or text[start + i - 1].isspace())), None)  # not the apostrophe of "CNN's"
        if opening is not None and len(text[start:start + opening].split()) <= self.OUTLET_BEFORE_QUOTATION_MOST_WORDS:
            stop, stopped = opening, True
        # "nói với hãng tin AP và còn kể thêm là …": a second cue of the speaker's ends the outlet
        second = re.search(r"(?<=\w)" + self.re_coordinated_cue.pattern, text[start:limit], re.IGNORECASE)
        if second and second.start() < stop:
            stop = second.start()
        # "nói với The Hill trong một bài báo …": an adverbial right after a name ends the outlet (written in lower
        # case, so that a name's own word, "Báo Đầu tư", does not; "với các đại biểu … tại New York" is no name)
        adverbial = self.re_adverbial_word.search(text, start, limit)
        at = adverbial.start() - start if adverbial else -1
        named = text[start:start + at].split() if adverbial else []
        if adverbial and at < stop and named and all(w[:1].isupper() for w in named):
            stop, stopped = at, True
        told = self.lang == "en" and cue.text.lower() in ("told", "tells", "tell")
        if told:
            stop = min(stop, self._addressee_end(start, limit, tokens) - start)
        span = text[start:start + stop]
        if not stopped and not told and not self._proper_outlet(span):
            plain = self._plain_addressee(span)
            if plain:
                # "nói với phóng viên công ty sẽ phá sản": whom it was told, then what, with no complementiser
                return "", start + len(span) - len(span.lstrip()) + plain
        if len(span.split()) > 10:
            # "phát biểu với các nhà lãnh đạo thế giới tại Đại hội đồng … rằng": too long for an outlet, but
            # "rằng" only reports, so the addressee and where it was said run up to it
            reported = self.lang != "en" and stopped and self.re_complementiser.match(text, start + stop, limit)
            return ("", start + stop) if reported and len(span.split()) <= 20 else ("", pos)
        outlet = self._proper_outlet(span)
        if outlet and not stopped and not told:
            # "nói với VnExpress bà sẽ …": no word ends the outlet, so its name does
            return outlet, text.index(outlet, start) + len(outlet)
        return outlet, start + stop

    def _plain_addressee(self, span: str) -> int:
        """The length of an addressee with no name ("phóng viên", "tôi") that opens `span`, or 0."""
        low = " ".join(span.split()).casefold()
        return next((len(a) for a in self.plain_addressees if low.startswith(a + " ")), 0)

    def _proper_outlet(self, span: str) -> str:
        """The proper name that opens an outlet phrase ("Caijing trụ sở ở Bắc Kinh" -> "Caijing"), or ''."""
        words = self._outlet_name(span.strip()).split()
        name = []
        # "Sportsound của đài BBC Scotland", "BBC Scotland's Sportsound": a programme of a station is one outlet
        joining = ("of", "the", "de", "của", *(n for n in self.outlet_nouns if " " not in n))
        for w in words:
            # "Radio 4 Desert Island Discs": a number inside a name
            if w[:1].isupper() or (name and (w.lower() in joining or w.isdigit())):
                name.append(w)
            elif name:
                break
        while name and name[-1].lower() in joining:
            name.pop()
        outlet = " ".join(name).strip(" ,;")
        if outlet.endswith(".") and "." not in outlet.split()[-1][:-1]:
            outlet = outlet[:-1]  # the sentence's full stop ("nói với tờ Post."), not an abbreviation's ("U.S.")
        return outlet

    def _fronted_outlet(self, text: str, start: int, cue_start: int) -> str:
        """"Speaking to Reuters, Smith said …", "Chiều 23-3, trả lời Tuổi Trẻ sau phiên họp, lãnh đạo … cho biết
        …": a phrase that opens the sentence, after any time adverbial, with an outlet opener names whom the words
        were said to, up to its comma."""
        parts = text[start:cue_start].split(",")
        for part in parts[:-1]:  # the last part holds the subject
            opener = self.re_outlet_opener.match(part)
            if opener is None:
                if not self._is_adjunct(part):
                    break
                continue
            outlet = self._proper_outlet(part[opener.end():])
            if outlet and self.lang != "en":
                # "PV Dân trí", "báo Người lao động": a Vietnamese name's later syllables are in lower case; the
                # comma ends the phrase, so the name runs on to a word that opens an adverbial ("sau phiên họp")
                words = self._outlet_name(part[opener.end():].strip()).split()
                adverbial = next((k for k, w in enumerate(words) if self.re_adverbial_word.fullmatch(w)), len(words))
                if adverbial <= self.OUTLET_NAME_MOST_WORDS and words[:1] == outlet.split()[:1]:
                    outlet = " ".join(words[:adverbial])
            return outlet
        return ""

    OUTLET_NAME_MOST_WORDS = 4

    def _outlet_name(self, name: str) -> str:
        """An outlet's name without the noun that introduces it ("tờ Caijing", "the BBC", "Tạp chí Washington
        Examiner"); "The Hill" and "The New York Times" keep the article their name is written with."""
        low = name.lower()
        for noun in self.outlet_nouns:
            rest = name[len(noun):].strip()
            if low.startswith(noun + " ") and rest[:1].isupper() and not (self.lang == "en" and name[:1].isupper()):
                return self._outlet_name(rest)  # "phóng viên Tờ The Sunday Times": a reporter of a paper
        return name

    @staticmethod
    def _addressee_end(start: int, limit: int, tokens: list[Token]) -> int:
        """"told reporters the vaccine was safe": with no "that", the addressee is the noun phrase after "told",
        up to the determiner or pronoun that opens the reported clause."""
        seen_head = False
        for t in (t for t in tokens if start <= t.start < limit):
            if seen_head and t.upos in ("DET", "PRON"):
                return t.start
            if t.upos in ("NOUN", "PROPN") or not seen_head and t.upos not in ("DET", "ADJ", "PUNCT"):
                seen_head = True  # the addressee's head, whatever the tagger calls it ("reporters" as a verb)
            elif t.upos not in ("DET", "ADJ", "PUNCT"):
                break
        return limit

    def _only_addressee(self, text: str, after: int, end: int) -> bool:
        """'"…," Tracey Ullman chia sẻ với khán giả trong một buổi diễn tại London': after the cue, only whom it
        was said to, then where or when (English "told the crowd" is read by `_outlet`)."""
        if self.lang == "en":
            return False
        m = self.re_outlet_prep.match(text, after, end)
        if not m:
            return False
        rest = text[m.end():end]
        adverbial = self.re_adverbial_word.search(rest)
        addressee = rest[:adverbial.start()] if adverbial else rest
        tail = rest[adverbial.start():] if adverbial else ""
        return 0 < len(addressee.split()) <= 6 and (not tail.strip(TRAILING) or self._is_adjunct(tail))

    def _reporter_of_a_report(self, text, seg, cue, cues) -> str | None:
        """ "According to ABC News, Basya also believes the …": the clause has its own speaker and cue, so the
        statement is the speaker's and "according to" names who reported it (returned, as the outlet). A
        subject of a few words, capitalised or a pronoun, must stand between the comma and the cue."""
        after = text[cue.end:seg.end]
        comma = after.find(",")
        before = text[seg.start:cue.start].strip(" ,\"“")
        if comma <= 0 or (before and self.re_openers.fullmatch(before + " ") is None):
            return None
        source = after[:comma].strip()
        start = cue.end + comma + 1
        nested = next((c for c in cues if c.kind == "according" and c.start > cue.start), None)
        if nested is not None and not text[start:nested.start].strip() and 0 < len(source.split()) <= 8:
            return source  # "Theo Reuters, dẫn lời Simon Haeder, …: "…"": Haeder's words, as Reuters reports them
        following = next((c for c in cues if c.kind == "verb" and c.start > start), None)
        if not source or len(source.split()) > 8 or following is None:
            return None
        subject = text[start:following.start].split()
        if not 1 <= len(subject) <= 5 or any(w.endswith(",") for w in subject[:-1]):
            return None
        if not (subject[0][:1].isupper() or subject[0].casefold() in self.personal_pronouns):
            return None
        return source

    def _reported_after(self, text, seg, cue, made, consumed) -> bool:
        """'"…," West said, according to the Washington Examiner.' / '…, anh ta chia sẻ, theo Tạp chí Washington
        Examiner.' / 'West said he was bullied, according to the Examiner.': an "according to" that closes a
        sentence whose statement and speaker are found names where it was reported, the statement's outlet,
        not a source of its own. Returns whether it was taken so."""
        if not made or not text[:cue.start].rstrip().endswith(","):
            return False
        last = made[-1]
        tail = text[cue.end:seg.end].rstrip(TRAILING + CLOSING_MARKS)
        words = tail.split()
        if not 1 <= len(words) <= 8 or not last.speaker or last.speaker_start is None:
            return False
        name = self._outlet_name(tail.strip())
        if not name[:1].isupper():
            return False
        comma = text.rindex(",", 0, cue.start)
        if last.start < cue.start <= last.end and last.kind != "direct":
            # the reported statement ran on to the end of the sentence: it ends before the comma
            last.end = self._trim_end(text, last.start, comma)
            last.content = text[last.start:last.end]
        elif not (cue.start >= consumed and last.end <= last.speaker_start and last.speaker_end <= comma
                  and len(text[last.speaker_end:comma].split()) <= self.POSTPOSED_MOST_WORDS.get(self.lang, 15)):
            return False
        last.outlet = last.outlet or name
        return True

    def _report_closing(self, text: str, made: list) -> None:
        """'Police said they found his DNA on them, CBS affiliate WAFB reports.': reported speech that runs on to
        a report verb the cues do not take ("reports" is a noun as often) ends before its comma, and the
        reporter is its outlet."""
        if not made or made[-1].kind == "direct" or not self.report_verbs:
            return
        last = made[-1]
        said = text[last.start:last.end]
        m = re.search(r",\s*([^,]{1,60}?)\s+(\S+)\W*$", said)
        if m is None or m.group(2).casefold() not in self.report_verbs:
            return
        name = self._outlet_name(m.group(1).strip())
        if not name[:1].isupper() or not 1 <= len(name.split()) <= 6:
            return
        last.end = self._trim_end(text, last.start, last.start + m.start())
        last.content = text[last.start:last.end]
        last.outlet = last.outlet or name

    def _reporter_after(self, text, seg, cue, made) -> bool:
        """'"…," Feinstein told the committee, The Hill reported.' / '…, tờ Hill đưa tin.': a report verb closing a
        sentence whose quotation and speaker are found, with only the reporter before it, names the outlet that
        reported the statement, not a statement of its own. Returns whether it was taken so."""
        if not made or cue.text.casefold() not in self.report_verbs or text[cue.end:seg.end].strip(TRAILING):
            return False
        last = made[-1]
        if last.speaker_start is None or last.speaker_end > cue.start:
            return False
        # 'Sirait said the decision may have saved lives, Australia's ABC News reported.': the reported
        # statement ran on to the end of the sentence and ends before the comma
        ran_on = last.kind != "direct" and last.speaker_end <= last.start < cue.start <= last.end
        if last.speaker_start < last.end and not ran_on:
            return False
        comma = text.rfind(",", max(last.speaker_end, last.start if ran_on else 0), cue.start)
        name = self._outlet_name(text[comma + 1:cue.start].strip()) if comma >= 0 else ""
        if not name[:1].isupper() or not 1 <= len(name.split()) <= 6:
            return False
        if ran_on:
            last.end = self._trim_end(text, last.start, comma)
            last.content = text[last.start:last.end]
        last.outlet = last.outlet or name
        return True
