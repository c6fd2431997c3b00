"""Translating the dictionaries of TABARI / PETRARCH into tacitus' own data files.

:mod:`tacitus.importers.petrarch` reads the files as they are; this module writes what they
say in tacitus' formats, so that the result can be read, edited and extended like any
tacitus dictionary:

    verbs     (.verbs, CAMEO.2.0.txt)  -> patterns.yaml  general-form patterns, one block per code;
                                         each verb block's verbs become a word list (&synset)
    actors    (.actors)               -> actors.yaml    coded actors (``kind: actor``) with dates
    agents    (.agents)               -> roles.yaml     role words; ``NGO~`` codes go before the state
    discards  (.discards)             -> discards.yaml  phrases that drop a sentence or a story
    ontology  (the PICO file)         -> stance.yaml    what a negated code is coded as

PETRARCH applies its dictionaries with rules of its own, which the written files state so
that tacitus applies them the same way: words are inflected forms (``match: forms``), a pattern
with no target takes the first actor after the verb (``default_target: first_actor``), an
agentless passive takes the first actor after the verb as source; "will"/"would" and verbs
of intent do not change a code (PETRARCH's dictionaries code "promised to" themselves), and a
negated code becomes the code the ontology pairs it with ("did not clash" is 050).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tacitus.importers import petrarch as pt

#: Words that take no plural when a dictionary's nouns get their regular plurals.
FUNCTION_WORDS = frozenset("""
a an the this that these those his her its their our your my some any no not n't never
to of in on at by for with from into onto upon over under about against between among
through toward towards across after before during since until than as and or nor but
is are was were be been being am has have had do does did will would shall should can
could may might must wo ca it he she they we you i who whom whose which what
""".split())
#: How PETRARCH's coder is told to apply its dictionaries (see the module docstring).
PETRARCH_SETTINGS = {"match": "forms", "default_target": "first_actor", "passive_source": "first_actor"}
#: Codes tacitus' pattern files accept (``---`` blocks an event).
CODE = re.compile(r"^(\d{2,4}|---)$")
#: The value the PICO ontology adds to a code to negate it.
PICO_NEGATION = 0xFFFF


@dataclass
class Converted:
    """The text of one written file and what could not be carried over."""

    text: str
    problems: list[str] = field(default_factory=list)
    count: int = 0


# ------------------------------------------------------------------------------ word forms

def plural(word: str) -> str:
    """The regular plural of a noun, by PETRARCH's rules (-s, -ies after a consonant + y, -es
    after s, x, z, ch, sh)."""
    w = word.lower()
    if w.endswith("y") and len(w) > 1 and w[-2] not in "aeiou":
        return w[:-1] + "ies"
    if w.endswith(("s", "x", "z", "ch", "sh")):
        return w + "es"
    return w + "s"


def verb_forms(word: str) -> set[str]:
    """A regular verb's forms: base, -s, -ed, -ing (with the usual spelling changes)."""
    w = word.lower()
    forms = {w, plural(w)}
    if w.endswith("ee"):
        forms |= {w + "d", w + "ing"}
    elif w.endswith("ie"):
        forms |= {w + "d", w[:-2] + "ying"}
    elif w.endswith("e"):
        forms |= {w + "d", w[:-1] + "ing"}
    elif w.endswith("y") and len(w) > 1 and w[-2] not in "aeiou":
        forms |= {w[:-1] + "ied", w + "ing"}
    else:
        forms |= {w + "ed", w + "ing"}
    return forms


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# ------------------------------------------------------------------------------ verbs

class _VerbWriter:
    def __init__(self, vd: pt.VerbDictionary, source: str) -> None:
        self.vd = vd
        self.source = source
        self.problems: list[str] = list(vd.problems)
        self.synset_names: dict[str, str] = {}
        self.synset_lines: list[str] = []
        self.blocks: dict[str, list[str]] = defaultdict(list)
        self.count = 0

    # -- elements --------------------------------------------------------------------

    def word(self, e: pt.Element, *, plurals: bool = True) -> str:
        """A word, with its regular plural when it may be a noun (the last word of a phrase,
        not a function word, not already ending in s)."""
        text = e.text.lower()
        if "-" in text.strip("-") or not plurals or e.exact or text in FUNCTION_WORDS \
                or not text.isalpha() or len(text) < 3 or text.endswith("s"):
            return text
        alt = plural(text)
        return f"{text}|{alt}" if alt != text else text

    def synset_ref(self, name: str) -> str:
        key = name.upper()
        if key not in self.synset_names:
            raise KeyError(name)
        return "&" + self.synset_names[key]

    def elements(self, els: Sequence[pt.Element], *, plurals: bool = True) -> str:
        out = ""
        for k, e in enumerate(els):
            # only the last word of a run of words takes a plural ("economic sanctions",
            # "{diplomatic ties}", "not extend deadline")
            last_of_run = k == len(els) - 1 or els[k + 1].kind != "word"
            piece = self.element(e, plurals=plurals and last_of_run)
            out += piece
            if k < len(els) - 1:
                out += "_" if e.joined_next else " "
        return out

    def element(self, e: pt.Element, *, plurals: bool = True) -> str:
        if e.kind == "word":
            return self.word(e, plurals=plurals)
        if e.kind == "synset":
            return self.synset_ref(e.text)
        if e.kind == "source":
            return "$"
        if e.kind == "target":
            return "+"
        if e.kind == "compound":
            return "%"
        if e.kind == "skip":
            return "^"
        if e.kind == "prep_phrase":
            inner = self.elements(e.children, plurals=plurals)
            return f"({inner})"
        if e.kind == "noun_phrase":
            return "{" + self.elements(e.children, plurals=plurals) + "}"
        raise ValueError(f"cannot write element {e.kind}")

    # -- synsets ---------------------------------------------------------------------

    def write_synsets(self) -> None:
        for syn in self.vd.synsets.values():
            name = _slug(syn.name)
            members = []
            try:
                for member in syn.members:
                    members.append(self.elements(member, plurals=not syn.no_plurals))
            except KeyError as err:
                self.problems.append(f"{syn.where.path}:{syn.where.line}: synset &{syn.name} uses "
                                     f"&{err.args[0]}, defined after it or nowhere; skipped")
                continue
            self.synset_names[syn.name.upper()] = name
            self.synset_lines.append(f"  {name}: [{', '.join(_quote(m) for m in members)}]"
                                     f"  # {Path(syn.where.path).name}:{syn.where.line}")

    # -- blocks ----------------------------------------------------------------------

    def verb_heads(self, block: pt.VerbBlock) -> list[tuple[str, str, str, list[pt.VerbForm]]]:
        """The block's verbs grouped by shape: (before words, head list name, after words, verbs)."""
        groups: dict[tuple[str, str], list[pt.VerbForm]] = defaultdict(list)
        for v in block.verbs:
            words = v.lemma.lower().split()
            before = "_".join(words[: v.head_index])
            after = "_".join(words[v.head_index + 1:])
            groups[(before, after)].append(v)
        out = []
        for (before, after), verbs in groups.items():
            forms: set[str] = set()
            for v in verbs:
                words = v.lemma.lower().split()
                head = words[v.head_index] if v.head_index < len(words) else words[0]
                if v.forms_given:
                    forms.add(head)
                    for f in v.forms:
                        fw = f.lower().split()
                        forms.add(fw[v.head_index] if v.head_index < len(fw) else fw[0])
                else:
                    forms |= verb_forms(head)
            name = "verbs-" + _slug(block.name) + (f"-{_slug(before + ' ' + after)}" if before or after else "")
            base, k = name, 2
            while name.upper() in self.synset_names:
                name, k = f"{base}-{k}", k + 1
            self.synset_names[name.upper()] = name
            where = f"{Path(block.where.path).name}:{block.where.line}"
            self.synset_lines.append(f"  {name}: [{', '.join(sorted(forms))}]  # {block.name} ({where})")
            out.append((before, "&" + name, after, verbs))
        return out

    def add(self, code: str | None, second: str | None, text: str, where: pt.Where, note: str) -> None:
        code = code or "---"
        if not CODE.match(code):
            self.problems.append(f"{where.path}:{where.line}: code [{code}] is not a code of 2 to 4 digits; "
                                 "pattern skipped")
            return
        if second is not None and not CODE.match(second):
            self.problems.append(f"{where.path}:{where.line}: second code [{second}] skipped")
            second = None
        item = _quote(text)
        if second and second != "---" and code != "---":
            item = f"{{pattern: {item}, reciprocal: {_quote(second)}}}"
        self.blocks[code].append(f"    - {item}  # {note} ({Path(where.path).name}:{where.line})")
        self.count += 1

    def write_block(self, block: pt.VerbBlock) -> None:
        for before, heads, after, verbs in self.verb_heads(block):
            head = ("" if not before else before + "_") + "*" + heads + ("" if not after else "_" + after)
            # the bare verb: its own code, or the block's
            by_code: dict[tuple[str | None, str | None], list[pt.VerbForm]] = defaultdict(list)
            for v in verbs:
                if v.code is not None:
                    by_code[(v.code, v.second_code)].append(v)
                else:
                    by_code[(block.code, block.second_code)].append(v)
            for (code, second), vs in by_code.items():
                if code is None or code == "---":
                    continue
                if len(by_code) == 1:
                    text = head
                else:
                    forms = set()
                    for v in vs:
                        words = v.lemma.lower().split()
                        w = words[v.head_index] if v.head_index < len(words) else words[0]
                        forms |= ({w} | {f.lower().split()[v.head_index] for f in v.forms if f.split()}) \
                            if v.forms_given else verb_forms(w)
                    text = ("" if not before else before + "_") + "*" + "|".join(sorted(forms)) + \
                        ("" if not after else "_" + after)
                self.add(code, second, text, vs[0].where, block.name)
            for p in block.patterns:
                try:
                    pre = self.elements(p.pre)
                    post = self.elements(p.post)
                except (KeyError, ValueError) as err:
                    self.problems.append(f"{p.where.path}:{p.where.line}: {p.raw.strip()}: "
                                         f"unknown word list &{err.args[0]}; skipped")
                    continue
                if not p.pre and not p.post:
                    continue
                joined_pre = bool(p.pre) and p.pre[-1].joined_next
                text = pre + ("_" if joined_pre else " " if pre else "") + head
                if post:
                    text += ("_" if p.verb.joined_next else " ") + post
                self.add(p.code, p.second_code, text.strip(), p.where, block.name)

    def text(self) -> str:
        self.write_synsets()
        for block in self.vd.blocks:
            self.write_block(block)
        lines = [
            f"# tacitus patterns converted from {Path(self.source).name} ({self.vd.dialect} syntax)",
            "# by `tacitus import`. The syntax is the general form of tacitus/data/patterns.yaml:",
            "# * marks the verb, $ the source, + the target, % a group acting on itself, ^ any word,",
            "# (prep ...) a prepositional phrase, {...} a noun phrase, &name a word list, _ adjacent words.",
            "# Words are the dictionary's inflected forms (regular plurals and verb forms added).",
            "",
            "settings:",
            *(f"  {k}: {v}" for k, v in PETRARCH_SETTINGS.items()),
            "",
            "synsets:",
            *self.synset_lines,
            "",
        ]
        for code in sorted(self.blocks, key=lambda c: (c == "---", c)):
            lines.append(f'"{code}":')
            lines.append("  verbs:")
            lines.extend(self.blocks[code])
            lines.append("")
        return "\n".join(lines)


def convert_verbs(path: str | Path, dialect: str | None = None) -> Converted:
    """A verb dictionary as a tacitus pattern file."""
    vd = pt.read_verbs(path, dialect=dialect)
    writer = _VerbWriter(vd, str(path))
    text = writer.text()
    return Converted(text, writer.problems, writer.count)


# ------------------------------------------------------------------------------ actors

#: Code starts that are not a state: organisations keep country null.
NON_STATE = ("IGO", "NGO", "NGM", "IMG", "MNC", "INT", "---", "+++")


#: Words left in lower case when a dictionary's upper-case names are written as names.
SMALL_WORDS = frozenset("of the and de del la le al el for on in at von van der du da".split())


def _name(phrase: str) -> str:
    """ "PRINCE OF DOL AMROTH" -> "Prince of Dol Amroth" (a capitalised word must be capitalised
    in the text for a name to match, so the small words stay small)."""
    words = phrase.split()
    return " ".join(w.lower() if (k or w.lower() == "the") and w.lower() in SMALL_WORDS
                    else w.capitalize() if w.isalpha() else w for k, w in enumerate(words))


def convert_actors(paths: Iterable[str | Path]) -> Converted:
    """Actor dictionaries as one tacitus actors file of coded actors (``kind: actor``)."""
    lines = ["# tacitus coded actors converted by `tacitus import` (one line per code and period).",
             "# kind: actor = an actor of an imported dictionary: its code is used as written, and role",
             "# words around it are composed into it (Arnor + diplomat = ARNGOV).", ""]
    problems: list[str] = []
    count = 0
    for path in paths:
        lines.append(f"# from {Path(path).name}")
        for entry in pt.read_actors(path, problems):
            names = [_name(p) for p in entry.phrases]
            if not entry.codes:
                problems.append(f"{entry.where.path}:{entry.where.line}: {entry.phrases[0]} has no code; skipped")
                continue
            aliases = names[1:]
            for c in entry.codes:
                fields = [f"name: {_quote(names[0])}", f"code: {_quote(c.code)}", "kind: actor"]
                country = c.code[:3]
                if country.isalpha() and country.upper() == country and not c.code.startswith(NON_STATE):
                    fields.append(f"country: {country}")
                if c.start:
                    fields.append(f"from: {c.start.isoformat()}")
                if c.end:
                    fields.append(f"until: {c.end.isoformat()}")
                if aliases:
                    fields.append(f"aliases: [{', '.join(_quote(a) for a in aliases)}]")
                lines.append("- {" + ", ".join(fields) + "}" + f"  # {Path(path).name}:{entry.where.line}")
                count += 1
    return Converted("\n".join(lines) + "\n", problems, count)


def convert_agents(paths: Iterable[str | Path]) -> Converted:
    """Agent dictionaries as a tacitus roles file (``NGO~`` codes go before the state)."""
    roles: dict[str, list[str]] = defaultdict(list)
    problems: list[str] = []
    for path in paths:
        for a in pt.read_agents(path, problems):
            key = a.code + ("~" if a.position == "prefix" else "")
            phrase = a.phrase.lower()
            forms = [phrase]
            if a.plurals is None:
                words = phrase.split()
                forms.append(" ".join([*words[:-1], plural(words[-1])]))
            else:
                forms.extend(p.lower() for p in a.plurals)
            for f in forms:
                if f not in roles[key]:
                    roles[key].append(f)
    lines = ["# tacitus role words converted by `tacitus import`. A code ending in ~ goes before the",
             "# actor's code (MSF Arnor = NGOARN); others after it (Arnor diplomat = ARNGOV). Phrases",
             "# are matched as written (their plurals are listed).", "",
             "settings: {match: forms}"]
    for key, words in roles.items():
        lines.append(f"{_quote(key)}: [{', '.join(_quote(w) for w in words)}]")
    return Converted("\n".join(lines) + "\n", problems, sum(len(w) for w in roles.values()))


def convert_discards(paths: Iterable[str | Path]) -> Converted:
    """Discard lists as a tacitus discards file."""
    scopes: dict[str, list[str]] = {"sentence": [], "story": []}
    problems: list[str] = []
    for path in paths:
        for d in pt.read_discards(path, problems):
            scopes[d.scope].append(d.phrase.lower() + ("_" if d.exact else ""))
    lines = ["# tacitus discards converted by `tacitus import`: a sentence containing a `sentence`",
             "# phrase is not coded; an article containing a `story` phrase is not coded at all.",
             "# A phrase matches at the start of a word; a trailing _ makes it end at a word end too.", ""]
    for scope in ("sentence", "story"):
        lines.append(f"{scope}: [{', '.join(_quote(p) for p in scopes[scope])}]")
    return Converted("\n".join(lines) + "\n", problems, sum(len(v) for v in scopes.values()))


def negation_table(path: str | Path) -> dict[str, str]:
    """From the PICO ontology: for each code, the code its negation is (050 -> 110, 110 -> 050,
    060 -> 121, 170 -> 057): PETRARCH negates a code by adding or taking away 0xFFFF."""
    entries = pt.read_ontology(path)
    by_value: dict[int, str] = {}
    for code, e in entries.items():
        if not CODE.match(code) or code == "---":
            continue
        for v in e.values:
            by_value.setdefault(v, code)
    table: dict[str, str] = {}
    for code, e in entries.items():
        if not CODE.match(code) or code == "---" or not e.values:
            continue
        v = e.values[0]
        for other in (v + PICO_NEGATION, v - PICO_NEGATION):
            if other in by_value and by_value[other] != code:
                table[code] = by_value[other]
                break
    return table


def petrarch_stance(ontology: str | Path | None) -> Converted:
    """Stance rules that apply an imported PETRARCH dictionary as PETRARCH does."""
    table = negation_table(ontology) if ontology else {}
    lines = [
        "# tacitus stance rules for dictionaries imported from PETRARCH (written by `tacitus import`).",
        "# PETRARCH's verb dictionaries code intent, refusal and threat verbs with patterns of their",
        "# own, and \"will\" changes nothing; so tacitus' own wrappers are switched off here.",
        "intent: {verbs: [], adjectives: [], nouns: [], modals: [], generic: [], be_to: false}",
        "refusal: {verbs: [], adjectives: [], generic: []}",
        "threat: {verbs: []}",
        "request: {verbs: []}",
        "nominal: {object_of: []}",
        "speech:",
        "  accusation: {verbs: []}",
        "  appeals: {}",
        "# PETRARCH codes acts under could, may, should as it codes any other",
        "hedges: {possibility: []}",
        "# PETRARCH codes a verb in the complement of a coded verb as part of that verb's event",
        "nesting: {keep: upper}",
        "negation:",
        "  wrappers: []",
        "  cancels: []",
        "  denials: []",
        "  subject_words: []",
        "  # the code a negated code becomes (from the ontology's 0xFFFF negation); a negated code",
        "  # not listed is kept, marked negated",
        "  codes: {" + ", ".join(f"{_quote(k)}: {_quote(v)}" for k, v in sorted(table.items())) + "}",
    ]
    return Converted("\n".join(lines) + "\n", [], len(table))


# ------------------------------------------------------------------------------ a whole set

@dataclass
class Imported:
    """The files written for one imported dictionary set, and what was left out."""

    folder: Path
    files: dict[str, Path] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def import_dictionaries(out: str | Path, *, verbs: Sequence[str | Path] = (), actors: Sequence[str | Path] = (),
                        agents: Sequence[str | Path] = (), discards: Sequence[str | Path] = (),
                        ontology: str | Path | None = None, dialect: str | None = None) -> Imported:
    """Convert a set of PETRARCH/TABARI dictionary files into a folder of tacitus data files.

    The folder can then be given to ``tacitus code --dictionaries FOLDER`` (or its files to
    ``--patterns``, ``--actors``, ``--stance`` and ``--discards``).
    """
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    result = Imported(folder)
    parts: list[tuple[str, Converted]] = []
    for path in verbs:
        parts.append(("patterns.yaml" if len(verbs) == 1 else f"patterns-{_slug(Path(path).stem)}.yaml",
                      convert_verbs(path, dialect)))
    if actors:
        parts.append(("actors.yaml", convert_actors(actors)))
    if agents:
        parts.append(("roles.yaml", convert_agents(agents)))
    if discards:
        parts.append(("discards.yaml", convert_discards(discards)))
    if verbs:
        parts.append(("stance.yaml", petrarch_stance(ontology)))
    for name, conv in parts:
        for problem in conv.problems:
            if problem not in result.problems:
                result.problems.append(problem)
        target = folder / name
        target.write_text(conv.text, encoding="utf-8")
        result.files[name] = target
        result.counts[name] = conv.count
    return result

