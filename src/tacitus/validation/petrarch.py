"""Running the PETRARCH validation records through tacitus, with the dictionaries they name.

Each record file's ``<Environment>`` names its verb, actor, agent and discard dictionaries
(and, for the UD file, the PICO ontology). They are converted with ``tacitus import``
(:mod:`tacitus.importers.convert`) into a folder of tacitus data files, and every record is
coded by the ordinary pipeline with that folder replacing the built-in dictionaries: nothing
here knows the records' sentences or names.

The records carry PETRARCH's options: ``<Config option="require_dyad" value="False">``
lets one-actor events through (tacitus' ``monadic`` option); the date of each record
decides the date-restricted actor codes. PETRARCH codes events within a country too, so the
runs use tacitus' ``domestic`` option.

``parse="spacy"`` parses each record's text with spaCy; ``parse="conllu"`` uses the parse the
record provides (CoNLL-U in the UD file), converted to spaCy's labels, so that parser errors
and coder errors can be told apart.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tacitus.importers.convert import Imported, import_dictionaries
from tacitus.records import Article, Options
from tacitus.validation.records import Environment, ValidationRecord, option_enabled, read_records
from tacitus.validation.score import Outcome, Score, score

#: The null actor of PETRARCH's codes.
NULL_ACTOR = "---"


@dataclass
class ValidationRun:
    """One record file coded one way."""

    path: Path
    parse: str
    environment: Environment
    records: list[ValidationRecord]
    outcomes: list[Outcome]
    imported: Imported
    score: Score


def import_environment(env: Environment, folder: str | Path) -> Imported:
    """Convert the dictionaries a record file's environment names into ``folder``."""
    return import_dictionaries(
        folder,
        verbs=[env.path(env.verbfile)] if env.verbfile else [],
        actors=[env.path(a) for a in env.actorfiles],
        agents=[env.path(a) for a in env.agentfiles],
        discards=[env.path(env.discardfile)] if env.discardfile else [],
        ontology=env.path(env.ontologyfile) if env.ontologyfile else None,
    )


def code_records(records: list[ValidationRecord], folder: str | Path, *, parse: str = "spacy",
                 evaluated_only: bool = True) -> Iterator[Outcome]:
    """Code each record with the dictionaries in ``folder``; one Outcome per record."""
    from tacitus import nlp
    from tacitus.ingest import parse_text
    from tacitus.nlp.conllu import doc_from_conllu
    from tacitus.pipeline import Pipeline

    pipeline = Pipeline(Options(domestic=True), dictionaries=str(folder))
    for rec in records:
        if evaluated_only and not rec.evaluate:
            continue
        pipeline.coder.monadic = not option_enabled(rec.config.get("require_dyad", "true"))
        if parse == "conllu":
            if rec.parse_format != "conllu" or not rec.parse:
                yield Outcome(rec.id, [], "bad_input_parse")
                continue
            try:
                doc = doc_from_conllu(pipeline.model.nlp, rec.parse, sentence=rec.text)
            except Exception:  # noqa: BLE001 - a malformed parse is the record's expected error
                yield Outcome(rec.id, [], "bad_input_parse")
                continue
            article = Article.from_text(doc.text, published=rec.date)
        else:
            article = Article.from_text(rec.text, published=rec.date)
            doc = next(nlp.parse([parse_text(article.text)]))
        coded = pipeline._code_doc(article, doc)
        discarded = next((scope for _, scope, _ in coded.discarded if scope == "story"), None) or \
            next((scope for _, scope, _ in coded.discarded), None)
        events = [((e.source.code if e.source else NULL_ACTOR), (e.target.code if e.target else NULL_ACTOR),
                   e.cameo, e.confidence) for e in coded.events if not e.negated]
        yield Outcome(rec.id, events, discarded)


def run(path: str | Path, *, parse: str = "spacy", folder: str | Path | None = None) -> ValidationRun:
    """Read a record file, import its dictionaries, code every evaluated record and score it."""
    env, records = read_records(path)
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(folder) if folder is not None else Path(tmp)
        imported = import_environment(env, target)
        outcomes = list(code_records(records, target, parse=parse))
    result = score(records, outcomes)
    return ValidationRun(Path(path), parse, env, records, outcomes, imported, result)
