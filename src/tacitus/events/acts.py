"""Acts named again: "the operation", "this agreement", "the arrests" point at whoever did them.

A later sentence often names an act by a definite noun instead of its doers: "Turkey launched
an offensive ... The operation was condemned by the EU" (the EU criticises Turkey), "Gondor
signed a border agreement with Rohan ... Arnor called the agreement illegal" (both parties).
:class:`NamedActs`, mixed into :class:`tacitus.events.arguments.Arguments`, finds the doers
from the acts coded shortly before (``ActorIndex.acts``), else from the same noun's fuller
mention before; the nouns and the roots of the acts they may name are data (``stance.yaml``,
``arguments.act_nouns``). Here too, other parties a phrase names (an agreement's other party
is in ``parties.py``): the state where an act of its authorities happened ("the arrest of
two reporters in Iran"), the owner of what a light verb is about ("denied the Somali
claims") or of what a reaction is over ("a protest over the remarks of a Gondorian envoy"),
the agent of a passive named in the statement that made it ("was condemned in a joint
statement by Egypt"), the maker of what an earlier mention names ("passed a law ... the law") and the object a free
relative names ("condemned what it called Rohan's aggression"). What an object slot itself
says (a gift, a recipient, captives and their holder) is in ``objects.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from tacitus.events.candidates import ActorIndex, Found, own_keys
from tacitus.events.stance import summing_up
from tacitus.nlp.misparse import phrase_on_verb
from tacitus.records import Actor

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from tacitus.actors.mentions import Mention

#: Determiners of a noun that names again something told before ("the/this agreement").
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
#: The roots of the uses of force whose victims a claim of them points at (``act_victims``).
VICTIM_ROOTS = frozenset({"18", "19", "20"})
#: The prepositions that name who such an act struck ("the attack on Rohan"), and who an
#: intrusion struck ("interference in Rohan's affairs").
VICTIM_OF_ACT = frozenset({"on", "against", "upon", "of"})
#: ... and where such an act was or went, whose state it struck too ("the offensive in Rohan",
#: "the deployment of troops to Rohan").
STRUCK_AT = frozenset({"in", "inside", "near", "to", "into"})
INTRUDED = frozenset({"in", "into", "on"})
#: How far back a definite act noun ("the agreement") looks for its earlier, fuller mention.
NAMED_BEFORE_SENTENCES = 10
#: How far back an act noun ("the operation") looks for a coded act of its roots.
ACTS_BEFORE_SENTENCES = 6
#: How far back a definite noun no list names looks for the verb it is made from.
VERB_TOLD_SENTENCES = 3


#: Subordinators of a clause that tells what a reaction answered ("protested after ...").
REASON_MARKS = frozenset({"after"})
#: ... and of the act a verb of reacting answers ("reacted angrily after/when Rohan ...").
REACTED_MARKS = REASON_MARKS | {"when"}


def reacted_to(verb: Token, response_verbs: frozenset[str]) -> Token | None:
    """The clause of the act a verb of reacting answers: "Gondor reacted angrily after Rohan
    closed the border" (the "after" or "when" clause of ``arguments.response_verbs``)."""
    if verb.lemma_.lower() not in response_verbs:
        return None
    return next((c for c in verb.children if c.dep_ == "advcl" and any(
        m.dep_ == "mark" and m.lower_ in REACTED_MARKS for m in c.children)), None)
#: Verb endings and the noun stems they become: detain/detention, expel/expulsion,
#: decide/decision, exclude/exclusion.
NOUN_STEMS = (("ain", "en"), ("el", "ul"), ("ide", "is"), ("ude", "us"))


def derived_from(noun: str, verb: str) -> bool:
    """Whether an act noun is made from a verb: "attack" from "attack", "seizure" from
    "seize", "invasion" from "invade", "detention" from "detain" (the verb less a final "e",
    or its stem by ``NOUN_STEMS``, and the noun share their first four letters at least, and
    the stem is most of the noun's start)."""
    stems = {verb[:-1] if verb.endswith("e") else verb}
    stems |= {verb[: -len(a)] + b for a, b in NOUN_STEMS if verb.endswith(a)}
    for stem in stems:
        shared = next((k for k, (a, b) in enumerate(zip(stem, noun, strict=False)) if a != b), min(len(stem), len(noun)))
        if shared >= 4 and shared >= len(stem) - 2:
            return True
    return False


def own_states(src: Found) -> set[str]:
    """The keys and states of the sources: what another party of their act may not be."""
    return own_keys(src.actors)


def outside(actor: Actor, own: set[str]) -> bool:
    """Whether an actor is neither one of ``own`` (:func:`own_states`) nor of their states."""
    return actor.key not in own and actor.country not in own


class NamedActs:
    """The doers of an act a definite noun names again (a mixin of ``Arguments``)."""

    act_nouns: dict[str, tuple[str, ...]]
    not_deeds: tuple[str, ...]
    opinion_place_verbs: frozenset[str]
    intrusion_nouns: frozenset[str]
    speech_verbs: frozenset[str]
    speaker_verbs: frozenset[str]
    statement_nouns: frozenset[str]
    making_verbs: frozenset[str]
    decision_verbs: frozenset[str]
    announcing_verbs: frozenset[str]
    act_synonyms: dict[str, frozenset[str]]
    intent_codes: dict[str, str]
    naming_verbs: frozenset[str]
    of_phrase_heads: frozenset[str]
    reason_preps: frozenset[str]
    forum_nouns: frozenset[str]
    response_verbs: frozenset[str]
    response_nouns: frozenset[str]
    response_adjectives: frozenset[str]
    answered_roots: frozenset[str]
    internal_act_nouns: frozenset[str]
    np_actors: Callable[..., list[tuple[Actor, str]]]
    group: Callable[..., list[tuple[Actor, str]]]
    subject: Callable[..., Found]

    def act_owners(self, noun: Token | None, idx: ActorIndex, src: Found) -> list[tuple[Actor, str]]:
        """Who did the act a definite noun names again: "Turkey launched an offensive ... The
        operation was condemned by the EU" (the EU criticises Turkey).

        The noun must be one of ``arguments.act_nouns``, with "the" (or "this", "that") and no
        actor of its own; its owner is whoever did the last act of a matching root, coded in
        this sentence's three predecessors (both parties of an agreement), else the actors of
        its fuller mention before (:meth:`named_before`). Marked ``via = "context"``.
        """
        if noun is None:
            return []
        summed = self.summed_up(noun, idx, src)
        if summed:
            return summed
        # "the" on the noun, or on the head it is folded into ("called the agreement null")
        dets = [*noun.children, *(noun.head.children if noun.dep_ == "compound" else ())]
        if not any(c.dep_ == "det" and c.lower_ in DEFINITE for c in dets) or \
                noun.i in idx.np_at or noun.i in idx.mods_of:
            return []
        if noun.lemma_.lower() not in self.act_nouns:
            return self.verb_told(noun, idx, src)
        # "criticised the decision by Rohan", its "by" hung on the verb by the small model
        by = [a for p in phrase_on_verb(noun, "by") for g in p.children if g.dep_ == "pobj"
              for a in self.group(g, idx) if outside(a[0], own_states(src))]
        if by:
            return by
        roots = self.act_nouns[noun.lemma_.lower()]
        sent = idx.sent_of[noun.i]
        own = {a.key for a, _ in src.actors}
        if noun.lemma_.lower() in self.statement_nouns:
            # "the statement" is the one named before, whoever spoke last
            found = self.named_before(noun, idx, src)
            if found:
                return found
        if not roots:
            # "the law", "the plan": a noun of any act is first the one it named before ("passed
            # a law"); not whatever act was coded last
            found = self.named_before(noun, idx, src)
            if not found and noun.lemma_.lower() in self.internal_act_nouns:
                # "the AU condemned the coup": a state's own upheaval is that state's, the one
                # the article is about
                own = own_states(src)
                return [(a, "context") for a in idx.pair_in_focus(sent) if outside(a, own)][:1]
            same = self.same_act(noun)
            if found or any(t.pos_ == "NOUN" and t.lemma_.lower() in same for t in noun.doc[:noun.i]):
                return found  # named before with no owner found: no other act is meant
        aimed = self.aimed_at_source(roots, sent, idx, src)
        if aimed:
            return aimed
        # "Gondor seized a ship after Rohan confiscated oil ... the seizure": the act whose
        # verb the noun is made from, else the latest of its kind
        first = roots[0] if roots and len(roots[0]) > 2 else None  # "the claims": an accusation first
        acts = sorted((a for a in idx.acts if 0 < sent - a[0] <= ACTS_BEFORE_SENTENCES),
                      key=lambda a: (first is not None and a[1].startswith(first), derived_from(noun.lemma_.lower(), a[3])))
        for s, code, _owners, _ in reversed(acts):
            if not roots and code.startswith(self.not_deeds):
                continue  # "the decision" is no criticism, praise or appeal
            if not roots or code.startswith(roots) or self.intended_root(code) in roots:
                # with the others who did the same act in that sentence ("Egypt and Sudan
                # called on Ethiopia ... Ethiopia rejected the statement": both)
                found = [(a, "context") for s2, code2, owners2, _ in idx.acts if s2 == s and code2 == code
                         for a in owners2 if a is not None and a.key not in own]
                found = list({a.key: (a, via) for a, via in found}.values())
                if found:
                    return found
        found = self.named_before(noun, idx, src) if roots else []
        if not found and not roots:
            # "the move", "the decision": whatever was just done; "the operation" must have
            # been coded as a use of force to be anyone's
            found = self.previous_doer(noun, idx, src) or idx.judged(src.actors, sent)
        return found

    def summed_up(self, noun: Token, idx: ActorIndex, src: Found) -> list[tuple[Actor, str]]:
        """Who levelled the charge or criticism that a noun at the end of a sentence sums up
        (``stance.summing_up``): "Rohan accused Gondor of arming rebels, a charge Gondor
        denies" (Rohan). The noun's roots are answered ones (``arguments.answered_roots``); its
        owner is the subject of the sentence's main verb, not the source's own. Marked ``via =
        "context"``."""
        roots = self.act_nouns.get(noun.lemma_.lower(), ())
        if not roots or not all(r[:2] in self.answered_roots for r in roots) or not summing_up(noun):
            return []
        subj = next((c for c in noun.sent.root.children if c.dep_ == "nsubj"), None)
        own = own_states(src)
        return [(a, "context") for a, _ in self.group(subj, idx) if outside(a, own)] if subj is not None else []

    def aimed_at_source(self, roots: tuple[str, ...], sent: int, idx: ActorIndex,
                        src: Found) -> list[tuple[Actor, str]]:
        """Everyone who did a hostile act of the noun's roots (``arguments.answered_roots``)
        to the source in the ``ACTS_BEFORE_SENTENCES`` before: whoever answers "the criticism"
        or "the accusations" answers all who levelled them at it, not only the last to speak
        ("Rohan, Arnor and Harad condemned the treaty ... Gondor dismissed the criticism").
        Marked ``via = "context"``."""
        if not roots or not all(r[:2] in self.answered_roots for r in roots):
            return []
        own = own_states(src)
        found = {by.key: (by, "context") for s, code, by, to in idx.told
                 if 0 < sent - s <= ACTS_BEFORE_SENTENCES and code.startswith(roots)
                 and not outside(to, own) and outside(by, own)}
        return list(found.values())

    def verb_told(self, noun: Token, idx: ActorIndex, src: Found) -> list[tuple[Actor, str]]:
        """Who did the act a definite noun no list names makes a noun of a verb told in the
        ``VERB_TOLD_SENTENCES`` before: the subject of that verb, or of the verb it goes on
        ("Gondor began filling the dam ... Rohan called the filling a violation", "Gondor began
        constructing a fence ... Rohan condemned the construction"); not the source's own; the
        noun is definite and names no actor (:meth:`act_owners` checked), nor an owner or a
        complement of its own. Marked ``via = "context"``."""
        if any(c.dep_ in ("poss", "prep") for c in noun.children):
            return []
        lemma, sent, own = noun.lemma_.lower(), idx.sent_of[noun.i], own_states(src)
        for tok in reversed(noun.doc[:noun.i]):
            if sent - idx.sent_of[tok.i] > VERB_TOLD_SENTENCES:
                break
            if idx.sent_of[tok.i] == sent or tok.pos_ != "VERB" or not derived_from(lemma, tok.lemma_.lower()):
                continue
            doer = tok.head if tok.dep_ == "xcomp" and not any(c.dep_ == "nsubj" for c in tok.children) else tok
            subj = next((c for c in doer.children if c.dep_ == "nsubj"), None)
            found = [(a, "context") for a, _ in self.group(subj, idx) if outside(a, own)] if subj is not None else []
            if found:
                return found
        return []

    def struck_by(self, noun: Token, idx: ActorIndex) -> set[str]:
        """The keys of the actors a hostile act's noun names as struck: "the attack on Rohan",
        "interference in Rohan's affairs" (``arguments.intrusion_nouns``). Whoever condemns
        the act does not condemn them."""
        lemma = noun.lemma_.lower()
        preps = VICTIM_OF_ACT | STRUCK_AT if set(self.act_nouns.get(lemma, ())) & VICTIM_ROOTS else \
            INTRUDED if lemma in self.intrusion_nouns else frozenset()
        return {a.key for c in noun.children if c.dep_ == "prep" and c.lower_ in preps
                for p in c.children if p.dep_ == "pobj" for a, _ in self.group(p, idx)}

    def act_victims(self, noun: Token | None, idx: ActorIndex, src: Found) -> list[tuple[Actor, str]]:
        """Whom a use of force a definite noun names again struck, for the doer who claims
        it: "Gondor's border posts were shelled on Sunday ... Rohirric rebels claimed
        responsibility for the attack" (Gondor is the target). The noun must be one of
        ``arguments.act_nouns`` naming force (roots 18-20), with "the" (or "this", "these") and
        no actor of its own; its victims are those of the last use of force told in this
        sentence or its three predecessors, coded or reported with no doer
        (``ActorIndex.victims``), other than the claimant's own side. Marked ``via = "context"``."""
        if noun is None or not set(self.act_nouns.get(noun.lemma_.lower(), ())) & VICTIM_ROOTS:
            return []
        if not any(c.dep_ == "det" and c.lower_ in DEFINITE for c in noun.children) or \
                noun.i in idx.np_at or noun.i in idx.mods_of:
            return []
        roots = set(self.act_nouns[noun.lemma_.lower()])
        sent = idx.sent_of[noun.i]
        own = own_states(src)
        for s, code, struck in reversed(idx.victims):
            if sent - s > 3 or s > sent or not code.startswith(tuple(roots)):
                continue
            found = [(a, "context") for a in struck if outside(a, own)]
            if found:
                return found
        return []

    def previous_doer(self, noun: Token, idx: ActorIndex, src: Found) -> list[tuple[Actor, str]]:
        """The doer of the act the sentence before reports, when no coded act and no fuller
        mention say whose a noun of any act ("the move", "the decision", "the coup": no roots
        in ``arguments.act_nouns``) is: "Gondor's generals seized power on Monday. Rohan
        condemned the coup." The subject of that sentence's main verb (of the clause it
        reports, after a verb of saying; else the speaker's: "Gondor announced that the museum
        would become a mosque. Rohan condemned the move"), if it names an actor other than the
        source; marked ``via = "context"``. Only the sentence right before: an act told earlier has usually
        been named since by another noun."""
        sent = idx.sent_of[noun.i]
        if sent == 0:
            return []
        doc = noun.doc
        root = None
        for tok in reversed(doc[:noun.i]):  # back through this sentence and the one before only
            if idx.sent_of[tok.i] < sent - 1:
                break
            if idx.sent_of[tok.i] == sent - 1 and tok.dep_ == "ROOT":
                root = tok
        if root is None or root.pos_ not in ("VERB", "AUX"):
            return []
        # "Gondor reacted angrily after Rohan closed the border. Arnor called the move ...": the
        # act reacted to, not the reaction
        after = reacted_to(root, self.response_verbs)
        told = [code for s, code, _, _ in idx.acts if s == sent - 1]
        if after is None and told and all(code.startswith(self.not_deeds) for code in told) and \
                root.lemma_.lower() not in self.decision_verbs:
            # "Rohan called Gondor's king a dictator. Arnor welcomed the move": no deed; but a
            # decision is one, whatever it decided ("Gondor decided to annex ... the decision")
            return []
        own = own_states(src)
        said = next((c for c in root.children if c.dep_ == "ccomp"), None) \
            if root.lemma_.lower() in self.speech_verbs else None
        # the reported clause's doer, else the speaker's when the speech was itself a deed
        # ("announced", "decided"; not "said": "'This will not help,' Rohan said" does nothing)
        speaker = root if said is None or root.lemma_.lower() in self.announcing_verbs else None
        for verb in (v for v in (after, said, speaker) if v is not None):
            subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subj is None:
                continue
            found = [(a, "context") for a, _ in self.group(subj, idx)
                     if outside(a, own) and (verb is said or "MED" not in (a.role or ""))]
            if found or (verb is said and subj.pos_ == "PRON"):
                return found  # (a pronoun that names no actor: nobody's, not the speaker's)
        return []

    def named_as(self, verb: Token) -> Token | None:
        """The object a free relative names: "condemned what it called Rohan's aggression",
        "denounced what he described as Gondorian provocations" (the parser makes "what" the
        object of the naming verb, ``evaluation.qualifying_verbs``, and the verb its clause)."""
        for clause in verb.children:
            if clause.dep_ != "ccomp" or clause.i < verb.i or clause.lemma_.lower() not in self.naming_verbs or \
                    not any(c.dep_ == "dobj" and c.tag_ == "WP" for c in clause.children):
                continue
            for c in clause.children:
                if c.dep_ in ("oprd", "attr", "xcomp") and c.pos_ in ("NOUN", "PROPN"):
                    return c
                if c.dep_ == "prep" and c.lower_ == "as":
                    return next((g for g in c.children if g.dep_ == "pobj"), None)
        return None

    def named_phrases(self, noun: Token) -> list[Token]:
        """The phrases right after a free relative's named object that the parser hangs on the
        naming verb: "rejected what he called threats from Rohan" ("from Rohan" is the threats')."""
        clause = noun.head
        if noun.dep_ not in ("oprd", "attr", "xcomp") or clause.lemma_.lower() not in self.naming_verbs or \
                not any(c.dep_ == "dobj" and c.tag_ == "WP" for c in clause.children):
            return []
        return [c for c in clause.children if c.dep_ == "prep" and c.i == noun.right_edge.i + 1]

    def named_before(self, noun: Token, idx: ActorIndex, src: Found) -> list[tuple[Actor, str]]:
        """The actors of the same noun named with them shortly before: "Gondor signed a border
        agreement with Rohan ... Arnor called the agreement illegal" (the agreement is Gondor's
        and Rohan's), "the Gondor-Rohan pact ... the pact". The nearest earlier mention of the
        noun's lemma, within ``NAMED_BEFORE_SENTENCES``, that names actors (its possessor, its
        adjective, its complement) gives them, marked ``via = "context"``."""
        same = self.same_act(noun)
        sent = idx.sent_of[noun.i]
        own = own_states(src)
        doc = noun.doc
        for tok in reversed(doc[:noun.i]):
            if sent - idx.sent_of[tok.i] > NAMED_BEFORE_SENTENCES:
                break
            if tok.pos_ != "NOUN" or tok.lemma_.lower() not in same:
                continue
            # (not whom it struck: "the attack on Rohan ... condemned the attack" judges not Rohan)
            struck = self.struck_by(tok, idx)
            # a statement's "on" is its topic: "adopted a resolution on Rohan" is the adopter's
            said = tok.lemma_.lower() in self.statement_nouns and self.doer_of(tok, idx)
            found = [(a, "context") for a, _ in said or self.np_actors(tok, idx) or self.doer_of(tok, idx)
                     if outside(a, own) and a.key not in struck]
            if found:
                return found
        return []

    def intended_root(self, code: str) -> str | None:
        """The root of the act an intent code announces ("0356" intent to withdraw: "08"), so
        that "said its troops would leave ... opposed the withdrawal" finds who will withdraw;
        None for a code that is no intent or names no one act ("030")."""
        if not code.startswith("03") or code == "030":
            return None
        found = {k[:2] for k, v in self.intent_codes.items() if v in (code, code[:3]) and len(v) > 2}
        return found.pop() if len(found) == 1 else None

    def same_act(self, noun: Token) -> frozenset[str]:
        """The lemmas that may name the act ``noun`` names: its own and its class's in
        ``arguments.act_synonyms`` ("the vote" after "the election")."""
        lemma = noun.lemma_.lower()
        return self.act_synonyms.get(lemma, frozenset({lemma}))

    def doer_of(self, noun: Token, idx: ActorIndex) -> list[tuple[Actor, str]]:
        """Who made what an earlier mention of an act noun names, by the verb it is the object of:
        "Gondor's parliament passed a law ... Rohan criticised the law", "a ban was imposed by
        Rohan"; only a verb that makes it (``arguments.making_verbs``): "Rohan cannot accept a
        law" makes no law Rohan's. What one is judged over is one's own."""
        verb = noun.head
        if noun.dep_ == "pobj" and noun.lemma_.lower() in self.statement_nouns and verb.lower_ in ("in", "through") \
                and verb.head.pos_ == "VERB":
            # "In a joint statement, Gondor and Arnor rejected ...": the statement is theirs
            return self.subject(verb.head, idx).actors
        if noun.dep_ == "pobj" and verb.lower_ in ("over", "for") and verb.head.pos_ == "VERB":
            # "criticised Rohan (lashed out at Rohan) over new fees": what one is judged over is one's own
            kids = list(verb.head.children)
            judged = [c for c in kids if c.dep_ == "dobj"] + [
                g for c in kids if c.dep_ == "prep" and c.lower_ == "at" for g in c.children if g.dep_ == "pobj"]
            return [a for g in judged for a in self.np_actors(g, idx)]
        if noun.dep_ not in ("dobj", "nsubjpass") or verb.pos_ != "VERB" or \
                verb.lemma_.lower() not in self.making_verbs:
            return []
        return self.subject(verb, idx).actors

    def host(self, verb: Token, tgt: list[tuple[Actor, str]], idx: ActorIndex) -> list[tuple[Actor, str]]:
        """Who called the subject of an agentless passive in, by where it was called to: "the
        ambassador was summoned to the foreign ministry in Moscow" (Russia), "... to the Russian
        foreign ministry" (``arguments.host_passive_verbs``). Not the subject's own state."""
        own = {a.country or a.key for a, _ in tgt}
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ == "to":
                found = [(a, "context") for g in prep.children if g.dep_ == "pobj"
                         for a, _ in self.np_actors(g, idx) if (a.country or a.key) not in own]
                if found:
                    return found
        return []

    def authority(self, act: Token, idx: ActorIndex, depth: int) -> list[tuple[Actor, str]]:
        """The state where an act of its authorities happened (``arguments.authority_acts``):
        "the arrest of two reporters in Iran" is Iran's act, wherever the parser hangs "in
        Iran" (on the act or on the reporters). Nothing when "by X" says who did it."""
        if any(c.dep_ in ("prep", "agent") and c.lower_ == "by" for c in act.children):
            return []
        verb = act.head
        if act.dep_ == "dobj" and not any(c.dep_ == "auxpass" for c in verb.children):
            # "criticised the detention of two men by Gondorian police": the small model hangs
            # the act's "by" on the active verb, which has no agent of its own
            for prep in verb.children:
                if prep.dep_ == "prep" and prep.lower_ == "by" and prep.i > act.i:
                    doers = [a for g in prep.children if g.dep_ == "pobj" for a in self.group(g, idx, depth + 1)]
                    if doers:
                        return doers
        hosts = [act, *(g for c in act.children if c.dep_ == "prep" and c.lower_ == "of"
                        for g in c.children if g.dep_ == "pobj")]
        for host in hosts:
            for prep in host.children:
                if prep.dep_ != "prep" or prep.lower_ not in ("in", "inside"):
                    continue
                for place in prep.children:
                    found = [a for a in self.group(place, idx, depth + 1) if a[0].kind == "country"] \
                        if place.dep_ == "pobj" else []
                    if found:
                        return found
        return []

    def clause_subject(self, verb: Token, obj: Token | None, idx: ActorIndex, src: Found) -> list[tuple[Actor, str]]:
        """Whom a worry is about when a "that"-clause says it: "voiced concern that Rohan is
        arming the rebels" (Rohan), "expressed alarm that conditions in Rohan have not improved"
        (the state its subject names). The clause hangs on the verb or on its object noun; its
        subject's actors, else those named inside the subject, other than the source's own."""
        own = own_states(src)
        for head in (obj, verb):
            if head is None:
                continue
            for clause in head.children:
                if clause.dep_ not in ("acl", "ccomp") or not any(
                        c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
                    continue
                subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subj is None:
                    continue
                found = self.group(subj, idx) or self.np_actors(subj, idx)
                found = [a for a in found if outside(a[0], own)]
                if found:
                    return [(a, "context") for a, _ in found]
        return []

    def object_owner(self, obj: Token, idx: ActorIndex, src: Found, verb: Token) -> list[tuple[Actor, str]]:
        """Whose the event noun of a light verb is, by its possessor or adjective ("denied the
        Somali claims", "rejected Rohan's proposal"): the act is addressed to them. Not the
        source's own ("withdrew its claim")."""
        own = own_states(src)
        found = [a for c in obj.children if c.dep_ == "poss" for a in self.np_actors(c, idx)]
        found += [(a, m.via) for m in self.modifiers(obj, idx) for a in m.actors]
        if not found and obj.head.i != verb.i:
            # "Rohan announced a naval mission, which Gondor joined": whoever made it (not
            # asked of the verb's own object, whose maker would be the source itself)
            found = [(a, "context") for a, _ in self.doer_of(obj, idx)]
        return [(a, via) for a, via in found if outside(a, own) and a.kind != "region"]

    def modifiers(self, noun: Token, idx: ActorIndex) -> list[Mention]:
        """The actor mentions that modify a noun ("Western sanctions", "Franco-Kazakh talks"),
        less an organisation before a complaint brought to it ("a WTO complaint over Rohan's
        tariffs": the body hears it, ``arguments.forum_nouns``)."""
        mods = idx.mods_of.get(noun.i) or []
        if noun.lemma_.lower() in self.forum_nouns:
            return [m for m in mods if not all(a.kind == "igo" for a in m.actors)]
        return list(mods)

    def heard_by(self, tok: Token, idx: ActorIndex) -> bool:
        """Whether an organisation is where a complaint is brought: "its WTO case", "its complaint at the WTO"."""
        at = tok.head if tok.dep_ in ("compound", "nmod") else \
            tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ in ("at", "before", "with") else None
        forum = at is not None and any(h.lemma_.lower() in self.forum_nouns for h in (
            at, *(c for c in at.children if c.dep_ == "dobj" and tok.dep_ == "pobj")))
        return forum and bool(found := self.np_actors(tok, idx)) and all(a.kind == "igo" for a, _ in found)

    def responds(self, verb: Token) -> bool:
        """Whether a verb's act is told as an answer to one done to its doer: a response verb
        itself ("Rohan protested", "Rohan retaliated") or the act it is done by or with
        ("responded by recalling its ambassador", "hit back with sanctions"), an object said to be
        one ("imposed retaliatory tariffs"), or an "in response" / "in retaliation" phrase on it
        or its sentence's root (``arguments.response_verbs``, ``response_nouns``,
        ``response_adjectives``)."""
        if verb.lemma_.lower() in self.response_verbs:
            return True
        up = verb.head.head if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" else verb.head
        if verb.dep_ in ("pcomp", "xcomp", "advcl") and up.lemma_.lower() in self.response_verbs:
            return True
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        if any(a.dep_ in ("amod", "nmod", "compound") and "".join(t.text for t in a.subtree).lower() in self.response_adjectives
               for o in objects for a in o.children):
            return True  # "imposed retaliatory tariffs", "tit-for-tat sanctions" (three words to the parser)
        # (the small model may hang the phrase on the object: "recalled its envoy in protest")
        for head in {verb, verb.sent.root, *objects}:
            for prep in head.children:
                if prep.dep_ == "prep" and prep.lower_ == "in" and any(
                        g.dep_ == "pobj" and g.lemma_.lower() in self.response_nouns for g in prep.children):
                    return True
        return False

    def reason_owner(self, verb: Token, obj: Token | None, idx: ActorIndex, src: Found,
                     preps: frozenset[str] | None = None) -> list[tuple[Actor, str]]:
        """Whom a reaction addresses when only what it is about is named: the owner of the
        noun of an ``arguments.reason_prepositions`` phrase on the verb or its object
        ("lodged a protest over the remarks of a Gondorian envoy", "voiced anger about Rohan's
        decision"): its possessor, adjective or complement, or the doer of the act it names
        again ("over the incident"), else the subject of an "after" clause on the verb
        ("protested after a Rohirric ship rammed its boat"); not the source's own. ``preps``
        replaces the reason prepositions ("for" in "vowed revenge for the killing")."""
        own = own_states(src)
        preps = self.reason_preps if preps is None else preps
        for head in (verb, obj):
            if head is None:
                continue
            for prep in head.children:
                if prep.dep_ != "prep" or prep.lower_ not in preps:
                    continue
                for noun in prep.children:
                    if noun.dep_ != "pobj" or noun.pos_ != "NOUN":
                        continue
                    found = self.doers(noun, idx, src, own)  # "protested over the attack on Rohan"
                    if found:
                        return found  # (an act named again: "voiced concern over the incident")
        # "lodged a protest after a Rohirric ship rammed its boat": the doer of what came before
        for clause in verb.children:
            if clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in REASON_MARKS for c in clause.children):
                found = [a for a in self.subject(clause, idx).actors if outside(a[0], own)]
                if found:
                    return found
        return []

    def waged_by(self, words: Sequence[Token], idx: ActorIndex, src: Found) -> list[tuple[Actor, str]]:
        """Who wages the use of force, or imposes the sanctions, that an appeal or a demand asks
        to end (``arguments.ending_codes``): the owner of a noun the pattern matched ("an end to
        Gondor's offensive", "the lifting of Arnor's sanctions"), or the doer of the act it
        names again ("a halt to the operation"); not the source's own, not whom the act struck."""
        own = own_states(src)
        for noun in words:
            if noun.pos_ != "NOUN":
                continue
            found = self.doers(noun, idx, src, own)
            if found:
                return found
        return []

    def doers(self, noun: Token, idx: ActorIndex, src: Found, own: set[str]) -> list[tuple[Actor, str]]:
        """Whose act a noun names: the actors it names itself (its possessor, adjective or
        complement), else the doer of the act it names again (:meth:`act_owners`); not ``own``
        (the source's states) and not whom the act struck ("the attack on Rohan")."""
        struck = self.struck_by(noun, idx)
        return [a for a in self.np_actors(noun, idx) or self.act_owners(noun, idx, src)
                if outside(a[0], own) and a[0].key not in struck]

    def _agent(self, verb: Token, idx: ActorIndex) -> list[tuple[Actor, str]]:
        """The "by X" of a passive; also when the parser hangs it on the statement that made
        the act ("was condemned in a joint statement by Egypt and Greece")."""
        for child in verb.children:
            if child.dep_ == "agent":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return self.group(pobj, idx)
        for prep in verb.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("in", "through", "with", "via"):
                continue
            for noun in prep.children:
                if noun.dep_ == "pobj" and noun.lemma_.lower() in self.statement_nouns:
                    for by in noun.children:
                        if by.lower_ == "by" and by.dep_ in ("prep", "agent"):
                            for pobj in by.children:
                                if pobj.dep_ == "pobj":
                                    return self.group(pobj, idx)
        if verb.lemma_.lower() in self.opinion_place_verbs:
            # "he was praised in the West", "the move was condemned in Washington": with no
            # agent, where a judgement was voiced says whose it was (a state, a region, a capital)
            return [a for prep in verb.children if prep.dep_ == "prep" and prep.lower_ == "in"
                    for noun in prep.children if noun.dep_ == "pobj" and noun.i in idx.np_at
                    for a in self.group(noun, idx) if a[0].kind in ("country", "region", "bloc")]
        return []
