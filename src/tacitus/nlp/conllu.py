"""CoNLL-U dependency parses as spaCy Docs that read like spaCy's own parses.

PETRARCH's UD validation records come with UDPipe parses. To run tacitus's coder on exactly
those trees (and so tell parser errors from coder errors), :func:`doc_from_conllu` builds a
Doc from the CoNLL-U words, lemmas, tags and heads, and converts the tree from Universal
Dependencies to the ClearNLP scheme of spaCy's English models, which is what the coder
(``events/coder.py``, ``actors/mentions.py``) reads:

    UD                                          spaCy (ClearNLP)
    ties -nmod-> Gondor -case-> with            ties -prep-> with -pobj-> Gondor
    attacked -nmod-> Mordor -case-> by          attacked -agent-> by -pobj-> Mordor  (passive)
    angry -cop-> is, angry -nsubj-> Frodo       is -acomp-> angry, is -nsubj-> Frodo
    leader -cop-> is                            is -attr-> leader
    visit -nmod:poss-> Arnor                    visit -poss-> Arnor
    restore -mark-> to                          restore -aux-> to
    ties -parataxis-> said (speech verb)        said -ccomp-> ties

Label names come from ``data/ud_labels.yaml``; the restructuring is the code below. The
model's entity recogniser then runs on the Doc (it changes neither heads nor tags), so actor
lookup sees the entity types it expects.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from tacitus.datafiles import builtin_path, load_yaml
from tacitus.errors import InputError

#: UD v1 part-of-speech tags that spaCy (UD v2) spells differently.
UPOS_V2 = {"CONJ": "CCONJ"}
#: Dependents that belong to the clause, not to the predicate word, when a copula becomes head.
CLAUSE_DEPS = frozenset({"nsubj", "nsubj:pass", "nsubjpass", "csubj", "csubj:pass", "csubjpass", "aux",
                         "aux:pass", "auxpass", "neg", "mark", "punct", "advcl", "parataxis", "expl",
                         "nmod:tmod", "obl:tmod", "discourse", "vocative"})
#: Relations a noun with a preposition hands on to the preposition unchanged ("with Iran and
#: with Iraq": the second "with" is a conj); under any other the preposition is a ``prep``.
KEEP_ON_PREPOSITION = frozenset({"conj", "root", "appos", "parataxis", "list", "dep", "orphan"})
_WORD_LINE = re.compile(r"^\d+\t")
#: Penn Treebank escapes some parsers write as word forms.
PTB_ESCAPES = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}"}
#: Characters a parser may have normalised: compared as equal when aligning words to the text.
_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "`": "'"})


@dataclass
class Word:
    """One CoNLL-U word line while its tree is being converted (0-based ``i``, ``head``)."""

    i: int
    form: str
    lemma: str
    upos: str
    xpos: str
    feats: str
    head: int  # -1 for the root
    deprel: str
    misc: str
    space: bool = True
    label: str | None = None  # the spaCy label once decided
    copula: bool = False  # a copula made head of its clause (spaCy tags it AUX)


@dataclass(frozen=True)
class Scheme:
    rename: dict[str, str]
    prepositional: dict[str, str]
    negation: frozenset[str]
    gerund_prepositions: frozenset[str]
    speech_verbs: frozenset[str]


@functools.lru_cache(maxsize=1)
def scheme() -> Scheme:
    """The label tables (``data/ud_labels.yaml``) and the speech verbs (``data/stance.yaml``)."""
    data = load_yaml(builtin_path("ud_labels.yaml"))
    stance = load_yaml(builtin_path("stance.yaml"))
    return Scheme(rename={str(k): str(v) for k, v in data["rename"].items()},
                  prepositional={str(k): str(v) for k, v in data["prepositional"].items()},
                  negation=frozenset(str(w) for w in data["negation"]),
                  gerund_prepositions=frozenset(str(w) for w in data["gerund_prepositions"]),
                  speech_verbs=frozenset(str(w) for w in stance["speech"]["verbs"]))


# ---------------------------------------------------------------------------- reading


def read_conllu(text: str) -> list[list[Word]]:
    """The sentences of a CoNLL-U text as words (multiword ranges and empty nodes skipped).

    Raises:
        InputError: a word line does not have ten columns, or a head is not a word of its sentence.
    """
    sentences: list[list[Word]] = []
    current: list[tuple[int, list[str]]] = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.rstrip("\r")
        if not line.strip():
            if current:
                sentences.append(_words(current))
                current = []
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 10:
            raise InputError(f"CoNLL-U line {number} has {len(cols)} columns, not 10: {line[:60]!r}",
                             hint="columns are tab-separated: ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS MISC")
        if not _WORD_LINE.match(line):
            continue  # "3-4" multiword token or "3.1" empty node: the words carry the tree
        current.append((number, cols))
    if current:
        sentences.append(_words(current))
    return sentences


def _words(lines: list[tuple[int, list[str]]]) -> list[Word]:
    words = []
    for n, (number, cols) in enumerate(lines):
        if int(cols[0]) != n + 1:
            raise InputError(f"CoNLL-U line {number}: word id {cols[0]} where {n + 1} was expected",
                             hint="number the words of each sentence 1, 2, 3 ... with a blank line between sentences")
        try:
            head = int(cols[6]) - 1
        except ValueError:
            raise InputError(f"CoNLL-U line {number}: head {cols[6]!r} is not a number") from None
        if not -1 <= head < len(lines):
            raise InputError(f"CoNLL-U line {number}: head {cols[6]} is not a word of the sentence")
        misc = cols[9]
        words.append(Word(i=n, form=cols[1], lemma=cols[2] if cols[2] != "_" else cols[1], upos=cols[3],
                          xpos=cols[4] if cols[4] != "_" else cols[3], feats=cols[5], head=head,
                          deprel=cols[7], misc=misc, space=_space_after(misc)))
    _check_tree(words, lines[0][0])
    return words


def _space_after(misc: str) -> bool:
    for item in misc.split("|"):
        if item == "SpaceAfter=No":
            return False
        if item.startswith("SpacesAfter="):
            return item != "SpacesAfter="
    return True


def _check_tree(words: list[Word], line: int | None) -> None:
    """Every word reaches the root; ``line`` None checks a converted tree (a failure is a bug)."""
    for w in words:
        seen = set()
        cur = w
        while cur.head != -1:
            if cur.i in seen:
                if line is None:
                    raise AssertionError(f"UD conversion made a cycle through word {w.i + 1}: "
                                         + " ".join(f"{x.form}<{x.head + 1}" for x in words))
                raise InputError(f"CoNLL-U sentence at line {line}: the heads form a cycle through word {w.i + 1}",
                                 hint="every word must reach the root (HEAD 0)")
            seen.add(cur.i)
            cur = words[cur.head]


# ---------------------------------------------------------------------------- conversion


def _children(words: list[Word], head: Word) -> list[Word]:
    return [w for w in words if w.head == head.i]


def _possessive(w: Word) -> bool:
    """The possessive marker ("'s", "'"), which stays a ``case`` under its possessor."""
    return w.form.translate(_FOLD).lower() in ("'s", "'")


def _take_place(new: Word, old: Word) -> None:
    """``new`` (a dependent of ``old``) takes ``old``'s place in the tree."""
    new.head, new.deprel, new.label = old.head, old.deprel, old.label
    old.head = new.i


def _flat_names(words: list[Word]) -> None:
    """UD v2 ``flat`` hangs "Tirith" on "Minas"; spaCy's compounds hang on the last word."""
    for w in words:
        tail = [c for c in _children(words, w) if c.deprel.split(":")[0] in ("flat", "name") and c.i > w.i]
        if not tail:
            continue
        last = max(tail, key=lambda c: c.i)
        _take_place(last, w)
        w.deprel = "compound"
        for c in _children(words, w):
            c.head = last.i  # the other names and the phrase's modifiers follow its new head


def _coordination(words: list[Word]) -> None:
    """UD v2 hangs "and" (and the comma) on the next conjunct; ClearNLP on the first."""
    for w in words:
        if w.deprel in ("cc", "punct") and w.head != -1:
            head = words[w.head]
            if head.deprel == "conj" and head.i > w.i and head.head != -1:
                w.head = head.head


def _copulas(words: list[Word]) -> None:
    """Make the copula the head of its clause, with the predicate under it."""
    for pred in list(words):
        cops = [c for c in _children(words, pred) if c.deprel == "cop"]
        if not cops:
            continue
        cop = cops[0]
        _take_place(cop, pred)
        cop.copula = True
        has_case = any(c.deprel == "case" and not _possessive(c) for c in _children(words, pred))
        if has_case:
            pred.deprel = "nmod"  # "is in Gondor": a prepositional phrase under the copula
        elif pred.upos in ("ADJ", "ADV") or pred.xpos.startswith("JJ"):
            pred.deprel, pred.label = "acomp", "acomp"
        elif pred.upos in ("VERB",):
            pred.deprel, pred.label = "xcomp", "xcomp"
        else:
            pred.deprel, pred.label = "attr", "attr"
        moved_conj = False
        for c in _children(words, pred):
            base = c.deprel.split(":")[0]
            clause_conj = c.deprel == "conj" and (c.upos in ("VERB", "AUX") or any(
                g.deprel.split(":")[0] in ("nsubj", "nsubjpass", "cop") for g in _children(words, c)))
            between = cop.i < c.i < pred.i
            if c.deprel == "punct":
                move = not between
            elif c.deprel == "advmod":
                # "is now the leader" belongs to the clause, "is very angry" to the adjective
                move = not (between and pred.upos in ("ADJ", "ADV"))
            else:
                move = c.deprel in CLAUSE_DEPS or base in ("nsubj", "csubj", "aux", "cop") or clause_conj
            if move:
                c.head = cop.i
                moved_conj |= clause_conj
        if moved_conj:
            for c in _children(words, pred):
                if c.deprel == "cc":
                    c.head = cop.i


def _expletives(words: list[Word]) -> None:
    """"There is a meeting": the noun after an expletive's verb is its ``attr``."""
    for w in words:
        kids = _children(words, w)
        if any(c.deprel == "expl" for c in kids) and w.lemma.lower() == "be":
            for c in kids:
                if c.deprel.split(":")[0] == "nsubj" and c.i > w.i:
                    c.deprel, c.label = "attr", "attr"


def _is_passive(words: list[Word], verb: Word) -> bool:
    kids = _children(words, verb)
    if any(c.deprel in ("auxpass", "aux:pass", "nsubjpass", "nsubj:pass") for c in kids):
        return True
    return verb.xpos == "VBN" and verb.deprel.split(":")[0] == "acl"


def _prepositions(words: list[Word], sc: Scheme) -> None:
    """A noun marked by a preposition becomes the preposition's ``pobj``."""
    for noun in list(words):
        cases = sorted((c for c in _children(words, noun) if c.deprel == "case" and not _possessive(c)),
                       key=lambda c: c.i)
        cases = [c for c in cases if c.i < noun.i]  # a postposition ("ago") is left alone
        if not cases:
            continue
        first = cases[0]
        label = noun.label or noun.deprel
        _take_place(first, noun)
        if label.split(":")[0] not in KEEP_ON_PREPOSITION:
            verb = words[first.head] if first.head != -1 else None
            if first.form.lower() == "by" and verb is not None and _is_passive(words, verb):
                first.label = "agent"
            else:
                first.label = "prep"
        # else the preposition, which took the noun's place, keeps its relation (conj, root ...)
        chain = first
        for other in cases[1:]:
            other.head, other.label = chain.i, "prep"
            chain = other
        for fixed in _children(words, first):
            if fixed.deprel in ("mwe", "fixed"):
                fixed.label = "pcomp"
        noun.head = chain.i
        noun.deprel, noun.label = "pobj", "pobj"


def _gerunds(words: list[Word], sc: Scheme) -> None:
    """"for refusing", "without signing": the preposition heads the gerund (``pcomp``)."""
    for verb in list(words):
        if verb.xpos != "VBG" or verb.label is not None:
            continue
        marks = [c for c in _children(words, verb) if c.deprel in ("mark", "case") and c.i < verb.i
                 and c.form.lower() in sc.gerund_prepositions]
        if not marks:
            continue
        prep = marks[0]
        _take_place(prep, verb)
        prep.label = "prep" if verb.deprel.split(":")[0] in ("advcl", "acl", "nmod", "obl", "xcomp") else None
        verb.deprel, verb.label = "pcomp", "pcomp"


def _reporting(words: list[Word], sc: Scheme) -> None:
    """"X happened, the agency said": the speech verb becomes the root, X its ``ccomp``."""
    for main in list(words):
        for rep in _children(words, main):
            if rep.deprel != "parataxis" or rep.i < main.i or rep.lemma.lower() not in sc.speech_verbs:
                continue
            kids = _children(words, rep)
            if not any(c.deprel.split(":")[0] == "nsubj" for c in kids) \
                    or any(c.deprel in ("ccomp", "dobj", "obj") for c in kids):
                continue
            left = min(_subtree(words, rep))
            _take_place(rep, main)
            main.deprel, main.label = "ccomp", "ccomp"
            for c in _children(words, main):
                if c.deprel == "punct" and c.i >= left - 1:
                    c.head = rep.i
            break


def _subtree(words: list[Word], top: Word) -> list[int]:
    out = [top.i]
    stack = [top]
    while stack:
        cur = stack.pop()
        for c in _children(words, cur):
            out.append(c.i)
            stack.append(c)
    return out


def _labels(words: list[Word], sc: Scheme) -> None:
    for w in words:
        if w.label is not None:
            continue
        dep = w.deprel
        if w.head == -1:
            w.label = "ROOT"
        elif dep == "root":
            w.label = "dep"  # a "root" with a head (UDPipe writes some): spaCy has one ROOT a sentence
        elif dep in sc.prepositional:
            w.label = sc.prepositional[dep]
        elif dep == "mark" and w.xpos == "TO":
            w.label = "aux"  # infinitival "to"
        elif dep == "advmod" and w.form.lower() in sc.negation:
            w.label = "neg"
        elif dep == "xcomp" and (w.upos == "ADJ" or w.xpos.startswith("JJ")):
            w.label = "acomp"
        elif dep == "xcomp" and w.upos in ("NOUN", "PROPN"):
            w.label = "oprd"
        elif dep == "case":
            w.label = "prep" if not _possessive(w) and w.i < w.head else "case"
        else:
            w.label = sc.rename.get(dep) or sc.rename.get(dep.split(":")[0], "dep")


def _pos(w: Word) -> str:
    pos = UPOS_V2.get(w.upos, w.upos)
    if pos == "_":
        return "X"
    if pos == "VERB" and (w.label in ("aux", "auxpass") or w.copula):
        return "AUX"
    if pos == "VERB" and w.lemma.lower() == "be" and w.label != "ROOT":
        return "AUX"
    return pos


def convert(words: list[Word]) -> list[Word]:
    """Rewrite one sentence's tree from UD to ClearNLP (in place); returns the words."""
    sc = scheme()
    _flat_names(words)
    _coordination(words)
    _copulas(words)
    _expletives(words)
    _gerunds(words, sc)
    _prepositions(words, sc)
    _reporting(words, sc)
    _labels(words, sc)
    _check_tree(words, None)
    return words


def _align(words: list[str], text: str) -> tuple[list[str], list[bool]] | None:
    """The words as the sentence text spells them, and the spaces after them; None when the
    words are not the text's (quote marks a parser normalised still align)."""
    folded = text.translate(_FOLD)
    out: list[str] = []
    spaces: list[bool] = []
    pos = 0
    for word in words:
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if not folded.startswith(word.translate(_FOLD), pos):
            return None
        out.append(text[pos:pos + len(word)])
        pos += len(word)
        spaces.append(pos < len(text) and text[pos].isspace())
    return out, spaces


def doc_from_conllu(nlp: Language, text: str, *, sentence: str | None = None,
                    lemmas: str = "conllu") -> Doc:
    """A spaCy Doc from a CoNLL-U parse, with its tree in spaCy's labels and entities from ``nlp``.

    Args:
        nlp: a loaded English pipeline (its vocabulary and entity recogniser are used).
        text: the CoNLL-U text, one or more sentences separated by blank lines.
        sentence: the sentence text; when given, the spaces between words are read from it
            (UDPipe writes ``SpaceAfter=No`` only now and then), so ``doc.text`` is that text
            with its whitespace normalised. Words that do not align to it (a parse of another
            sentence) fall back to the ``SpaceAfter`` marks.
        lemmas: ``"conllu"`` keeps the parser's lemmas; ``"model"`` has ``nlp``'s lemmatizer
            redo them from the words and parts of speech. The coder's patterns are keyed by
            lemma, and UDPipe's differ from spaCy's now and then ("shells", "villag").

    Raises:
        InputError: the CoNLL-U text is malformed or empty, or ``lemmas`` is unknown.
    """
    if lemmas not in ("conllu", "model"):
        raise InputError(f"lemmas={lemmas!r} is not known", hint='use "conllu" or "model"')
    sentences = read_conllu(text)
    if not sentences:
        raise InputError("the CoNLL-U text has no word lines", hint="give the <Parse> content of a record")
    words: list[Word] = []
    heads: list[int] = []
    for sent in sentences:
        offset = len(words)
        for w in convert(sent):
            words.append(w)
            heads.append(offset + (w.head if w.head != -1 else w.i))
        words[-1].space = True
    words[-1].space = False
    forms = [PTB_ESCAPES.get(w.form, w.form) for w in words]
    spaces = [w.space for w in words]
    if sentence is not None:
        aligned = _align(forms, " ".join(sentence.split()))
        if aligned is not None:
            forms, spaces = aligned
    # the model's lemmatizer only fills lemmas that are not set, so leave them out for it
    doc = Doc(nlp.vocab, words=forms, spaces=spaces,
              lemmas=[PTB_ESCAPES.get(w.lemma, w.lemma) for w in words] if lemmas == "conllu" else None,
              pos=[_pos(w) for w in words], tags=[w.xpos for w in words],
              morphs=[w.feats if w.feats != "_" else "" for w in words],
              heads=heads, deps=[w.label or "dep" for w in words])
    if lemmas == "model" and "lemmatizer" in nlp.pipe_names:
        doc = nlp.get_pipe("lemmatizer")(doc)
    if "ner" in nlp.pipe_names:
        doc = nlp.get_pipe("ner")(doc)
    return doc
