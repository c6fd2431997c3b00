"""Read the dictionaries of TABARI, PETRARCH-1, PETRARCH-2 and UD-PETRARCH into typed records.

The readers are faithful structural parsers: they say what a file says (words, joins, codes,
dates, irregular forms) and give it no tacitus meaning. Regular plurals and verb forms are not
generated here; the translator does that from what is recorded (``{}``, ``{...}``, trailing
``_``).

    read_verbs(path)      -> VerbDictionary   CAMEO.2.0.txt (PETRARCH-2 syntax) or a
                                              TABARI / PETRARCH-1 .verbs file
    read_actors(path)     -> [ActorEntry]     *.actors.txt
    read_agents(path)     -> [AgentEntry]     *.agents.txt
    read_discards(path)   -> [Discard]        *.discards.txt
    read_ontology(path)   -> {code: OntologyEntry}   UD-PETRARCH's PICO file
    sniff(path)           -> "verbs" | "actors" | "agents" | "discards" | "ontology" | "issues"

Rules shared by the files (PETRARCH ``docs/source/dictionaries.rst``): ``#`` starts a comment
(except inside ``[...]``, so the TABARI code ``[###]`` survives), ``<!-- ... -->`` is a comment
that may span lines (``<! --`` is accepted too), ``;`` is the legacy KEDS/TABARI comment mark,
blank lines are skipped, tabs are spaces. The PICO file is the exception: there ``#``
separates the alternatives of a line (see :func:`read_ontology`).

Lines that cannot be read, or that read only by a guess, are reported rather than dropped in
silence: in ``VerbDictionary.problems``, and for the other readers in the optional
``problems`` list the caller passes. Each report is ``"path:line: why"``. A file that is not
the format at all raises :class:`tacitus.errors.DataFileError`.

Files are read as UTF-8 (all the shared PETRARCH files are); a file that is not UTF-8 is read
as Latin-1, as old TABARI files were written.
"""

from __future__ import annotations

from tacitus.importers.petrarch.entries import (
    read_actors,
    read_agents,
    read_discards,
    read_ontology,
)
from tacitus.importers.petrarch.lines import sniff
from tacitus.importers.petrarch.records import (
    ActorCode,
    ActorEntry,
    AgentEntry,
    Discard,
    Element,
    OntologyEntry,
    Synset,
    Transformation,
    VerbBlock,
    VerbDictionary,
    VerbForm,
    VerbPattern,
    Where,
)
from tacitus.importers.petrarch.verbs import read_verbs

__all__ = [
    "ActorCode", "ActorEntry", "AgentEntry", "Discard", "Element", "OntologyEntry", "Synset",
    "Transformation", "VerbBlock", "VerbDictionary", "VerbForm", "VerbPattern", "Where",
    "read_actors", "read_agents", "read_discards", "read_ontology", "read_verbs", "sniff",
]
