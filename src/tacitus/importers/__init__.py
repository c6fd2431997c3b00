"""Readers for other event coders' dictionaries, so their users can bring them to tacitus.

``petrarch`` reads the TABARI, PETRARCH-1, PETRARCH-2 and UD-PETRARCH files (verbs, actors,
agents, discards, the PICO ontology) into typed records. The readers are faithful structural
parsers with no tacitus meaning; translating the records into tacitus patterns and actors is a
separate step.
"""
