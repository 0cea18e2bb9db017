"""Relevance: which parties are worth meeting, with structured, bilingual reasons.

Scores combine three signals, each in [0, 1]:
- shared sectors of a bilingual taxonomy (labels in French or English resolve to one id);
- offers against needs, both ways, compared as concept vectors (a French offer and an
  English need hit the same concept ids) plus character trigrams for unknown words;
- pitch similarity on the same representation.
Only the top candidates get their reasons computed, so batch ranking stays fast.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .lexicon import SECTORS, all_concepts

HASH_DIM = 2048
W_SECTOR, W_OFFER, W_PITCH = 0.4, 0.4, 0.2


@dataclass(frozen=True, slots=True)
class Profile:
    """What a party says about itself; sectors may be ids or labels in French or English."""

    id: str
    sectors: tuple[str, ...] = ()
    offers: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    pitch: str = ""


@dataclass(frozen=True, slots=True)
class Reason:
    """kind: "sector" (sector id in `sector`), "offer" (our offer meets their need),
    "need" (their offer meets our need) or "pitch" (shared concept ids in `terms`)."""

    kind: str
    sector: str | None = None
    mine: str | None = None
    theirs: str | None = None
    terms: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Match:
    party: str
    score: float
    reasons: tuple[Reason, ...]


# --------------------------------------------------------------------------- text


def normalise(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_WORD = re.compile(r"[a-z0-9&]+(?:['-][a-z0-9]+)*")


def _stem(word: str) -> str:
    """Crude FR/EN stem for phrase keys: plurals and final -e dropped, 6 letters kept."""
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 3 and word.endswith("s"):
        word = word[:-1]
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    return word[:6]


@lru_cache(maxsize=1)
def _lexicon() -> tuple[dict[str, str], dict[tuple[str, ...], str], int]:
    """Single-word stems and multi-word phrases (as tuples of word stems) to concept ids."""
    words: dict[str, str] = {}
    phrases: dict[tuple[str, ...], str] = {}
    longest = 1
    for cid, (fr, en, stems) in all_concepts().items():
        for entry in (*stems, fr, en):
            toks = tuple(_WORD.findall(normalise(entry)))
            if len(toks) == 1:
                words.setdefault(toks[0], cid)
            elif toks:
                phrases.setdefault(tuple(_stem(t) for t in toks), cid)
                longest = max(longest, len(toks))
    return words, phrases, longest


@lru_cache(maxsize=65536)
def _word_concept(token: str) -> str | None:
    words = _lexicon()[0]
    if token in words:
        return words[token]
    # Longest known stem the token starts with; short stems must match exactly.
    for n in range(len(token) - 1, 3, -1):
        cid = words.get(token[:n])
        if cid is not None:
            return cid
    return None


@lru_cache(maxsize=65536)
def concepts(text: str) -> tuple[str, ...]:
    """Concept ids found in a text, phrases first (so "smart city" is not "city")."""
    toks = _WORD.findall(normalise(text))
    stems = [_stem(t) for t in toks]
    _, phrases, longest = _lexicon()
    out: list[str] = []
    i = 0
    while i < len(toks):
        for n in range(min(longest, len(toks) - i), 1, -1):
            cid = phrases.get(tuple(stems[i : i + n]))
            if cid is not None:
                out.append(cid)
                i += n
                break
        else:
            cid = _word_concept(toks[i])
            if cid is not None:
                out.append(cid)
            i += 1
    return tuple(out)


def _trigrams(text: str) -> list[str]:
    out: list[str] = []
    for word in _WORD.findall(normalise(text)):
        if len(word) < 4:
            continue
        padded = f" {word[:7]} "  # the stem part carries the cognate signal
        out.extend(padded[i : i + 3] for i in range(len(padded) - 2))
    return out


def resolve_sector(label: str) -> str | None:
    """A sector id from an id or a French/English label (case and accents ignored)."""
    if label in SECTORS:
        return label
    found = concepts(label)
    return next((c for c in found if c in SECTORS), None)


# --------------------------------------------------------------------------- vectors


class _Space:
    def __init__(self, profiles: Sequence[Profile]) -> None:
        self.concept_ids = list(all_concepts())
        self.col = {c: i for i, c in enumerate(self.concept_ids)}
        self.dim = len(self.concept_ids) + HASH_DIM
        texts = [" ".join((*p.offers, *p.needs, p.pitch)) for p in profiles]
        df = np.zeros(len(self.concept_ids))
        for t in texts:
            for c in set(concepts(t)):
                df[self.col[c]] += 1
        # Smoothed IDF: a concept everybody mentions ("international") says little.
        self.idf = np.log((1 + len(texts)) / (1 + df)) + 1.0
        self.cache: dict[str, np.ndarray] = {}

    def vector(self, text: str) -> np.ndarray:
        cached = self.cache.get(text)
        if cached is not None:
            return cached
        v = np.zeros(self.dim, dtype=np.float32)
        for c in concepts(text):
            v[self.col[c]] += self.idf[self.col[c]]
        grams = _trigrams(text)
        if grams:
            base = len(self.concept_ids)
            # Trigrams are a weaker signal than concepts; scaled to a third of the norm.
            scale = 0.35 / np.sqrt(len(grams))
            for g in grams:
                v[base + zlib.crc32(g.encode()) % HASH_DIM] += scale
        n = float(np.linalg.norm(v))
        out = v / n if n > 0 else v
        self.cache[text] = out
        return out

    def many(self, texts: Iterable[str]) -> np.ndarray:
        rows = [self.vector(t) for t in texts]
        return np.vstack(rows) if rows else np.zeros((0, self.dim), dtype=np.float32)


def _unit(m: np.ndarray) -> np.ndarray:
    n = np.linalg.norm(m, axis=1, keepdims=True)
    return m / np.where(n > 0, n, 1)


class Index:
    """Vectors of a set of profiles, built once, queried many times."""

    def __init__(self, profiles: Sequence[Profile]) -> None:
        self.profiles = list(profiles)
        self.pos = {p.id: i for i, p in enumerate(self.profiles)}
        self.space = _Space(self.profiles)
        sector_ids = list(SECTORS)
        col = {s: i for i, s in enumerate(sector_ids)}
        self.sectors = [
            {s for s in (resolve_sector(x) for x in p.sectors) if s is not None}
            for p in self.profiles
        ]
        sec = np.zeros((len(self.profiles), len(sector_ids)), dtype=np.float32)
        for i, found in enumerate(self.sectors):
            for s in found:
                sec[i, col[s]] = 1.0
        self.sec = _unit(sec)
        self.offer_vecs = [self.space.many(p.offers) for p in self.profiles]
        self.need_vecs = [self.space.many(p.needs) for p in self.profiles]
        dim = self.space.dim
        self.offer = _unit(
            np.vstack([v.sum(0) if len(v) else np.zeros(dim) for v in self.offer_vecs]).astype(
                np.float32
            )
        )
        self.need = _unit(
            np.vstack([v.sum(0) if len(v) else np.zeros(dim) for v in self.need_vecs]).astype(
                np.float32
            )
        )
        self.pitch = self.space.many(p.pitch for p in self.profiles)

    def scores(self, rows: Sequence[int]) -> np.ndarray:
        """Scores of the given parties against everybody (rows x all)."""
        r = np.asarray(rows)
        sector = self.sec[r] @ self.sec.T
        offer = self.offer[r] @ self.need.T
        need = self.need[r] @ self.offer.T
        pitch = self.pitch[r] @ self.pitch.T
        total = W_SECTOR * sector + W_OFFER * np.maximum(offer, need) + W_PITCH * pitch
        total += 0.1 * W_OFFER * np.minimum(offer, need)  # both ways is better than one way
        total[np.arange(len(r)), r] = -1.0
        return total

    def reasons(self, a: int, b: int) -> tuple[Reason, ...]:
        out: list[Reason] = [
            Reason("sector", sector=s) for s in sorted(self.sectors[a] & self.sectors[b])
        ]
        pa, pb = self.profiles[a], self.profiles[b]
        for kind, mine_texts, mine_vecs, their_texts, their_vecs in (
            ("offer", pa.offers, self.offer_vecs[a], pb.needs, self.need_vecs[b]),
            ("need", pa.needs, self.need_vecs[a], pb.offers, self.offer_vecs[b]),
        ):
            if len(mine_vecs) and len(their_vecs):
                sim = mine_vecs @ their_vecs.T
                i, j = np.unravel_index(int(np.argmax(sim)), sim.shape)
                if sim[i, j] >= 0.2:
                    shared = sorted(set(concepts(mine_texts[i])) & set(concepts(their_texts[j])))
                    out.append(
                        Reason(kind, mine=mine_texts[i], theirs=their_texts[j], terms=tuple(shared))
                    )
        shared = sorted(
            set(concepts(pa.pitch)) & set(concepts(pb.pitch)) - self.sectors[a] - self.sectors[b]
        )
        if shared:
            out.append(Reason("pitch", terms=tuple(shared[:4])))
        return tuple(out)


def rank_all(
    profiles: Sequence[Profile], for_ids: Sequence[str], limit: int = 10, min_score: float = 0.05
) -> dict[str, list[Match]]:
    """For each id in for_ids, the best `limit` other parties, best first, with reasons."""
    index = Index(profiles)
    out: dict[str, list[Match]] = {}
    rows = [index.pos[i] for i in for_ids]
    for start in range(0, len(rows), 256):
        chunk = rows[start : start + 256]
        scores = index.scores(chunk)
        k = min(limit, scores.shape[1] - 1)
        if k <= 0:
            out.update({index.profiles[a].id: [] for a in chunk})
            continue
        top = (
            np.argpartition(-scores, k - 1, axis=1)[:, :k]
            if k < scores.shape[1]
            else np.argsort(-scores, axis=1)
        )
        for row, a in enumerate(chunk):
            cand = sorted(top[row], key=lambda b: (-scores[row, b], index.profiles[b].id))
            out[index.profiles[a].id] = [
                Match(
                    index.profiles[b].id, round(float(scores[row, b]), 4), index.reasons(a, int(b))
                )
                for b in cand
                if scores[row, b] >= min_score
            ]
    return out


def rank(profiles: Sequence[Profile], for_party: str, limit: int = 10) -> list[Match]:
    """The best `limit` parties for `for_party`, best first, each with its reasons."""
    return rank_all(profiles, [for_party], limit)[for_party]


# --------------------------------------------------------------------------- rendering


def _label(cid: str, lang: str) -> str:
    fr, en, _ = all_concepts()[cid]
    return fr if lang == "fr" else en


def render_reason(reason: Reason, lang: str = "en") -> str:
    """One reason as a sentence fragment in "fr" or "en"."""
    if lang not in ("fr", "en"):
        raise ValueError(f"unsupported language {lang!r}")
    fr = lang == "fr"
    if reason.kind == "sector" and reason.sector:
        return (
            f"{'secteur commun' if fr else 'both'} : {_label(reason.sector, lang)}"
            if fr
            else f"both: {_label(reason.sector, lang)}"
        )
    if reason.kind in ("offer", "need"):
        if reason.kind == "offer":
            text = (
                f"votre offre « {reason.mine} » ~ leur besoin « {reason.theirs} »"
                if fr
                else f"your offer '{reason.mine}' ~ their need '{reason.theirs}'"
            )
        else:
            text = (
                f"leur offre « {reason.theirs} » ~ votre besoin « {reason.mine} »"
                if fr
                else f"their offer '{reason.theirs}' ~ your need '{reason.mine}'"
            )
        return text
    if reason.kind == "pitch":
        terms = ", ".join(_label(t, lang) for t in reason.terms)
        return f"présentations proches : {terms}" if fr else f"similar pitches: {terms}"
    return reason.kind


def render_reasons(reasons: Iterable[Reason], lang: str = "en") -> str:
    return "; ".join(render_reason(r, lang) for r in reasons)
