"""Relevance engine: rank, for each party, the parties worth meeting, with reasons.

Public API (pure Python + numpy, no Django):

- ``Profile(id, sectors, offers, needs, pitch)``: sectors are ids or FR/EN labels.
- ``rank(profiles, for_party, limit=10) -> list[Match]`` and
  ``rank_all(profiles, for_ids, limit=10) -> dict[str, list[Match]]`` (batch, fast).
- ``Match(party, score, reasons)`` with structured ``Reason(kind, sector, mine, theirs,
  terms)`` objects; ``render_reason(reason, "fr" | "en")`` and ``render_reasons`` turn them
  into text ("both: smart city; your offer '...' ~ their need '...'").
- ``concepts(text)``: the bilingual concept ids of a text; ``resolve_sector(label)``.

No embedding model is needed: a bilingual lexicon maps French and English stems to shared
concept ids, and character trigrams catch cognates the lexicon does not list.
"""

from .demo import demo_profiles
from .engine import (
    Index,
    Match,
    Profile,
    Reason,
    concepts,
    rank,
    rank_all,
    render_reason,
    render_reasons,
    resolve_sector,
)
from .lexicon import SECTORS

#: Kept for the benchmark script's naming.
demo_parties = demo_profiles

__all__ = [
    "SECTORS",
    "Index",
    "Match",
    "Profile",
    "Reason",
    "concepts",
    "demo_parties",
    "demo_profiles",
    "rank",
    "rank_all",
    "render_reason",
    "render_reasons",
    "resolve_sector",
]
