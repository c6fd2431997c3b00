"""Quotes and statements: who said what, and which events were said rather than seen.

Direct quotes are the text between quotation marks. Their speaker is found, in this order:

1. in the quote's own sentence, the subject of a speech verb outside the quotation marks
   ("... ," Macron told Tokayev; "Peskov said Russia valued its relations ... 'very highly.'"),
   the verb whose clause holds the quote winning when there are several;
2. another quote of the same paragraph that has a speaker ("'We respect ...,' Macron said.
   'And in a world ...'"): the same speaker, and the two are one quote;
3. a paragraph made only of a quote continues the last attributed quote of the paragraph
   before it;
4. a paragraph that opens with a quote, after a paragraph whose speech was only reported
   ("Rojas said the talks had failed." / "'We cannot accept this.'"), continues the last
   reported speech of that paragraph: its speaker says the quote;
5. a quote that opens its sentence, after a sentence that says someone spoke but not what
   ("The embassy issued a statement." / "'We thank ...'"), is that speaker's.

Indirect speech is a speech verb's reported clause ("Peskov said Kazakhstan ... was free to
develop ties"): a quote of kind ``indirect``. Events whose trigger lies inside a quote carry
its id and speaker.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from tacitus.records import Actor

OPENING = {"\u201c": "\u201d", '"': '"', "\u00ab": "\u00bb"}


@dataclass
class Quote:
    """A quote or reported statement. Offsets are into the article text."""

    article_id: str
    start: int
    end: int
    text: str
    kind: str                     # direct | indirect
    sentence_index: int
    speaker: Actor | None = None
    speaker_text: str | None = None
    paragraph: int = 0
    parts: list[tuple[int, int]] = field(default_factory=list)
    verb_start: int | None = None   # the speech verb of reported speech ("said")

    @property
    def id(self) -> str:
        return hashlib.sha1(f"{self.article_id}|{self.start}|{self.end}|{self.kind}".encode()).hexdigest()[:16]

    def contains(self, offset: int) -> bool:
        return any(s <= offset < e for s, e in (self.parts or [(self.start, self.end)]))

    def to_dict(self) -> dict:
        return {"quote_id": self.id, "article_id": self.article_id, "kind": self.kind, "text": self.text,
                "start": self.start, "end": self.end, "sentence_index": self.sentence_index,
                "speaker": self.speaker.to_dict() if self.speaker else None}


def _paragraphs(text: str) -> list[tuple[int, str]]:
    """(offset, text) of each paragraph, in order: the numbering of ``Quote.paragraph``."""
    out, offset = [], 0
    for para in text.split("\n\n"):
        out.append((offset, para))
        offset += len(para) + 2
    return out


def _direct_spans(text: str) -> list[tuple[int, int, int]]:
    """(start, end, paragraph) of each quotation, marks included; a quote never crosses a paragraph."""
    spans = []
    for p, (offset, para) in enumerate(_paragraphs(text)):
        i = 0
        while i < len(para):
            ch = para[i]
            if ch in OPENING:
                close = para.find(OPENING[ch], i + 1)
                end = close + 1 if close != -1 else len(para)
                if end - i > 2:
                    spans.append((offset + i, offset + end, p))
                i = end
            else:
                i += 1
    return spans


def find_quotes(doc: Doc, article_id: str, text: str, sentences: Sequence[Span], sent_of: Sequence[int],
                speech_verbs: frozenset[str], speaker_of: Callable[[Token], list[Actor]],
                statement_nouns: frozenset[str] = frozenset()) -> list[Quote]:
    """Direct and indirect quotes of an article, with their speakers.

    Args:
        doc: the parsed article (its character offsets are the article text's).
        speech_verbs: lemmas of verbs that introduce speech.
        speaker_of: the actors a speech verb's subject names (the coder's subject finder).
        statement_nouns: what a speaker issues ("issued a statement"), for rule 5.
    """
    def token_at(offset: int) -> Token | None:
        span = doc.char_span(offset, offset + 1, alignment_mode="expand")
        return span[0] if span is not None and len(span) else None

    quotes: list[Quote] = []
    for start, end, para in _direct_spans(text):
        first = token_at(start)
        if first is None:
            continue
        inside = {t.i for t in doc.char_span(start, end, alignment_mode="expand") or []}
        sent_index = sent_of[first.i]
        speaker, speaker_text = _attribute(doc, sentences, sent_of, inside, start, end, speech_verbs, speaker_of)
        inner = text[start + 1:end - 1] if end - start > 2 and text[end - 1] in OPENING.values() else text[start + 1:end]
        quotes.append(Quote(article_id, start, end, inner.strip(), "direct", sent_index, speaker, speaker_text,
                            para, [(start, end)]))
    quotes = _merge_and_continue(quotes)
    reported = _indirect(doc, article_id, text, sent_of, quotes, speech_verbs, speaker_of)
    _continue_reported(quotes, reported, text)
    _introduced(doc, quotes, sentences, speech_verbs, speaker_of, statement_nouns)
    return sorted(quotes + reported, key=lambda q: q.start)


def _attribute(doc: Doc, sentences: Sequence[Span], sent_of: Sequence[int], inside: set[int], start: int,
               end: int, speech_verbs: frozenset[str],
               speaker_of: Callable[[Token], list[Actor]]) -> tuple[Actor | None, str | None]:
    first_sent = sent_of[min(inside)] if inside else 0
    last_sent = sent_of[max(inside)] if inside else 0
    candidates: list[tuple[int, Token]] = []
    for s in {first_sent, last_sent}:
        if s >= len(sentences):
            continue
        for tok in sentences[s]:
            if tok.i in inside or tok.lemma_.lower() not in speech_verbs or tok.pos_ not in ("VERB", "AUX"):
                continue
            subtree = list(tok.subtree)
            holds = any(t.i in inside for t in subtree)
            # the verb whose clause holds the quote, the innermost first: in "..., Macron told
            # Tokayev, who called the visit 'historic'", 'historic' is Tokayev's word
            candidates.append((0 if holds else 1, len(subtree) if holds else abs(tok.i - min(inside)), tok))
    for _, _, verb in sorted(candidates, key=lambda c: (c[0], c[1])):
        actors = speaker_of(verb)
        if actors:
            subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            return actors[0], (doc[subj.left_edge.i: subj.right_edge.i + 1].text if subj is not None else None)
    return None, None


def _merge_and_continue(quotes: list[Quote]) -> list[Quote]:
    """One speaker's quotes in one paragraph become one quote; speakerless quotes inherit."""
    out: list[Quote] = []
    for q in quotes:
        prev = out[-1] if out else None
        if prev is not None and prev.paragraph == q.paragraph and (
                q.speaker is None or prev.speaker is None or prev.speaker.key == q.speaker.key):
            speaker = prev.speaker or q.speaker
            text_parts = [prev.text, q.text]
            out[-1] = Quote(prev.article_id, prev.start, q.end, " ".join(text_parts), "direct",
                            prev.sentence_index, speaker, prev.speaker_text or q.speaker_text, prev.paragraph,
                            prev.parts + q.parts)
            continue
        if q.speaker is None and prev is not None and q.paragraph == prev.paragraph + 1:
            # the quote goes on from the paragraph before: its main (longest) attributed quote
            main = max((x for x in out if x.paragraph == prev.paragraph and x.speaker is not None),
                       key=lambda x: len(x.text), default=None)
            if main is not None:
                q.speaker, q.speaker_text = main.speaker, main.speaker_text
        out.append(q)
    # a speakerless first quote of a paragraph followed, in the same paragraph, by nothing
    # attributed stays without a speaker: better none than a guess
    return out


def _continue_reported(direct: list[Quote], reported: list[Quote], text: str) -> None:
    """Rule 4 of the module docstring: a speakerless quote that opens its paragraph, after a
    paragraph with reported speech and no attributed quote, is said by the speaker of that
    paragraph's last reported speech (the writer's way of going on with the same voice)."""
    starts = [offset for offset, _ in _paragraphs(text)]
    for q in direct:
        prev = q.paragraph - 1
        if q.speaker is not None or prev < 0 or text[starts[q.paragraph]:q.start].strip():
            continue
        if any(d.paragraph == prev and d.speaker is not None for d in direct):
            continue  # rule 3's case: the quote goes on from an attributed quote, or no one's
        said = [r for r in reported if bisect_right(starts, r.start) - 1 == prev]
        if said:
            last = max(said, key=lambda r: r.start)
            q.speaker, q.speaker_text = last.speaker, last.speaker_text


def _introduced(doc: Doc, direct: list[Quote], sentences: Sequence[Span], speech_verbs: frozenset[str],
                speaker_of: Callable[[Token], list[Actor]], statement_nouns: frozenset[str]) -> None:
    """Rule 5: a speakerless quote that opens its sentence, right after a sentence that says
    someone spoke but not what ("The embassy issued a statement on Monday." / "'We thank ...'";
    "Johnson tweeted on Sunday." / "'We stand ready ...'"), is that speaker's. ``statement_nouns``:
    what a verb such as "issue" puts out."""
    for q in direct:
        first = doc.char_span(q.start, q.start + 1, alignment_mode="expand")
        if q.speaker is not None or first is None or not len(first) or q.sentence_index == 0 \
                or first[0].i != sentences[q.sentence_index].start:
            continue
        before = sentences[q.sentence_index - 1]
        if any(d.sentence_index == q.sentence_index - 1 for d in direct):
            continue  # a sentence that quotes has said what it had to say
        for verb in before:
            told = verb.lemma_.lower() in speech_verbs and not any(
                c.dep_ in ("ccomp", "dobj", "xcomp") and c.lemma_.lower() not in statement_nouns for c in verb.children)
            issued = any(c.dep_ == "dobj" and c.lemma_.lower() in statement_nouns for c in verb.children)
            actors = speaker_of(verb) if verb.pos_ in ("VERB", "AUX") and (told or issued) else []
            if actors:
                subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                q.speaker = actors[0]
                q.speaker_text = doc[subj.left_edge.i: subj.right_edge.i + 1].text if subj is not None else None
                break


def _indirect(doc: Doc, article_id: str, text: str, sent_of: Sequence[int], direct: list[Quote],
              speech_verbs: frozenset[str], speaker_of: Callable[[Token], list[Actor]]) -> list[Quote]:
    out = []
    for tok in doc:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in speech_verbs:
            continue
        for comp in tok.children:
            if comp.dep_ != "ccomp":
                continue
            start = doc[comp.left_edge.i].idx
            end = doc[comp.right_edge.i].idx + len(doc[comp.right_edge.i].text)
            if any(q.start <= start < q.end for q in direct):
                continue  # the reported clause is itself a direct quote
            actors = speaker_of(tok)
            if not actors:
                continue
            subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            out.append(Quote(article_id, start, end, text[start:end], "indirect", sent_of[tok.i], actors[0],
                             doc[subj.left_edge.i: subj.right_edge.i + 1].text if subj is not None else None,
                             verb_start=tok.idx))
    return out


def quote_of(quotes: Sequence[Quote], offset: int) -> Quote | None:
    """The innermost quote holding a character offset (direct quotes before indirect ones), or
    the reported speech whose verb is at that offset ("Lavrov said the West was trying ...":
    the accusation is the saying)."""
    holding = [q for q in quotes if q.contains(offset)]
    if not holding:
        return next((q for q in quotes if q.verb_start == offset), None)
    return min(holding, key=lambda q: (q.kind != "direct", q.end - q.start))


def quoted_sentences(quotes: Sequence[Quote], spans: Sequence[Span], speech_verbs: frozenset[str]) -> dict[int, Actor]:
    """Sentences that are a speaker's words with no speech verb of their own: {sentence index:
    the speaker}. The sentence's root is inside a direct quote whose speaker is known, and
    none of its verbs is a speech verb ("'It is a provocation. We will answer it,' the minister
    said" makes its first sentence the minister's; the second has "said" and its own rules)."""
    # the quoted stretches of text (a quote's parts never overlap another's), in text order
    parts = sorted(((start, end, q.speaker) for q in quotes if q.kind == "direct" and q.speaker is not None
                   for start, end in q.parts or [(q.start, q.end)]), key=lambda part: part[0])
    starts = [start for start, _, _ in parts]
    out: dict[int, Actor] = {}
    for i, span in enumerate(spans):
        k = bisect_right(starts, span.root.idx) - 1
        if k < 0 or span.root.idx >= parts[k][1]:
            continue
        if not any(t.lemma_.lower() in speech_verbs and t.pos_ in ("VERB", "AUX") for t in span):
            out[i] = parts[k][2]
    return out
