"""Relevance: which parties are worth meeting, with structured, bilingual reasons.

Scores combine three signals, each in [0, 1]:
- shared sectors of a bilingual taxonomy (labels in French or English resolve to one id);
- offers against needs, both ways, compared as concept vectors (a French offer and an
  English need hit the same concept ids) plus character trigrams for unknown words;
- pitch similarity on the same representation.
Each distinct text is analysed once into a sparse vector (concept ids and a trigram
vocabulary, numpy arrays only); scores of a batch of parties against everybody are dense
matrix products over the features both sides use, and reasons are computed in one
vectorised pass for the top `limit` matches only (300 x 3,300 parties: well under a second).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .lexicon import SECTORS, all_concepts

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

_COMBINING = re.compile("[\u0300-\u036f]")


def normalise(text: str) -> str:
    """Lower case without accents ("Santé" -> "sante")."""
    low = text.lower()
    if low.isascii():
        return low
    decomposed = _COMBINING.sub("", unicodedata.normalize("NFKD", low))
    if decomposed.isascii():
        return decomposed
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_WORD = re.compile(r"[a-z0-9&]+(?:['-][a-z0-9]+)*")


@lru_cache(maxsize=65536)
def _tokens(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(normalise(text)))


@lru_cache(maxsize=65536)
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
def _lexicon() -> tuple[dict[str, str], dict[tuple[str, ...], str], dict[str, int]]:
    """Single-word stems and multi-word phrases (as tuples of word stems) to concept ids,
    and the longest phrase starting with each first stem."""
    words: dict[str, str] = {}
    phrases: dict[tuple[str, ...], str] = {}
    longest: dict[str, int] = {}
    for cid, (fr, en, stems) in all_concepts().items():
        for entry in (*stems, fr, en):
            toks = tuple(_WORD.findall(normalise(entry)))
            if len(toks) == 1:
                words.setdefault(toks[0], cid)
            elif toks:
                key = tuple(_stem(t) for t in toks)
                phrases.setdefault(key, cid)
                longest[key[0]] = max(longest.get(key[0], 0), len(key))
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
    toks = _tokens(text)
    stems = [_stem(t) for t in toks]
    _, phrases, longest = _lexicon()
    out: list[str] = []
    i = 0
    while i < len(toks):
        for n in range(min(longest.get(stems[i], 0), len(toks) - i), 1, -1):
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


@lru_cache(maxsize=65536)
def _word_trigrams(word: str) -> tuple[str, ...]:
    if len(word) < 4:
        return ()
    padded = f" {word[:7]} "  # the stem part carries the cognate signal
    return tuple(padded[i : i + 3] for i in range(len(padded) - 2))


def _trigrams(text: str) -> list[str]:
    return [g for word in _tokens(text) for g in _word_trigrams(word)]


def resolve_sector(label: str) -> str | None:
    """A sector id from an id or a French/English label (case and accents ignored)."""
    if label in SECTORS:
        return label
    found = concepts(label)
    return next((c for c in found if c in SECTORS), None)


# --------------------------------------------------------------------------- vectors

#: Dense blocks of the sparse products stay under this many float32 cells (~32 MB).
_BLOCK_CELLS = 8_000_000


class _Sparse:
    """Row-major sparse matrix (CSR) with unique (row, col) entries, built with numpy."""

    __slots__ = ("cols", "indptr", "n_cols", "n_rows", "rows", "vals")

    def __init__(
        self, rows: np.ndarray, cols: np.ndarray, vals: np.ndarray, n_rows: int, n_cols: int
    ) -> None:
        rows = np.asarray(rows, dtype=np.int64)
        cols = np.asarray(cols, dtype=np.int64)
        vals = np.asarray(vals, dtype=np.float64)
        # Sort by (row, col) and sum duplicates (np.unique would import numpy.ma: slow).
        keys = rows * max(1, n_cols) + cols
        order = np.argsort(keys, kind="stable")
        keys = keys[order]
        if len(keys):
            first = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
            summed = np.add.reduceat(vals[order], first)
            keys = keys[first]
        else:
            summed = vals
        self.rows = keys // max(1, n_cols)
        self.cols = keys % max(1, n_cols)
        self.vals = summed.astype(np.float32)
        self.n_rows, self.n_cols = n_rows, n_cols
        self.indptr = np.searchsorted(self.rows, np.arange(n_rows + 1))

    def unit(self) -> _Sparse:
        """Rows scaled to unit Euclidean norm (empty rows stay empty)."""
        norms = np.sqrt(
            np.bincount(self.rows, weights=self.vals.astype(np.float64) ** 2, minlength=self.n_rows)
        )
        scale = np.where(norms > 0, 1.0 / np.where(norms > 0, norms, 1.0), 0.0)
        return _Sparse(self.rows, self.cols, self.vals * scale[self.rows], self.n_rows, self.n_cols)

    def entries(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(local row, col, val) of the given rows, local row = position in `rows`."""
        rows = np.asarray(rows, dtype=np.int64)
        lo, hi = self.indptr[rows], self.indptr[rows + 1]
        lengths = hi - lo
        local = np.repeat(np.arange(len(rows)), lengths)
        offsets = np.arange(int(lengths.sum())) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        idx = np.repeat(lo, lengths) + offsets
        return local, self.cols[idx], self.vals[idx]

    def combine(self, groups: Sequence[Sequence[int]]) -> _Sparse:
        """Row g of the result is the sum of the rows listed in groups[g]."""
        owner = np.repeat(np.arange(len(groups)), [len(g) for g in groups])
        members = np.fromiter((i for g in groups for i in g), dtype=np.int64, count=len(owner))
        local, cols, vals = self.entries(members)
        return _Sparse(owner[local], cols, vals, len(groups), self.n_cols)


def _cross(
    x: _Sparse, x_rows: np.ndarray, y: _Sparse, y_rows: np.ndarray | None = None
) -> np.ndarray:
    """Dense (len(x_rows), len(y_rows)) matrix of dot products of sparse rows.

    Only the columns both sides use are materialised, in blocks, and multiplied by BLAS.
    """
    xl, xc, xv = x.entries(x_rows)
    if y_rows is None:
        yl, yc, yv = y.rows, y.cols, y.vals
        n_y = y.n_rows
    else:
        yl, yc, yv = y.entries(y_rows)
        n_y = len(y_rows)
    out = np.zeros((len(x_rows), n_y), dtype=np.float32)
    # Columns both sides use, numbered 0..len(used)-1.
    seen = np.zeros(max(x.n_cols, y.n_cols), dtype=np.int8)
    seen[xc] = 1
    seen[yc] |= 2
    used = np.flatnonzero(seen == 3)
    if used.size == 0:
        return out
    number = np.full(len(seen), -1, dtype=np.int64)
    number[used] = np.arange(len(used))
    xpos = number[xc]
    keep = xpos >= 0
    dense_x = np.zeros((len(x_rows), len(used)), dtype=np.float32)
    dense_x[xl[keep], xpos[keep]] = xv[keep]
    ypos = number[yc]
    keep = ypos >= 0
    yl, ypos, yv = yl[keep], ypos[keep], yv[keep]
    order = np.argsort(ypos, kind="stable")
    yl, ypos, yv = yl[order], ypos[order], yv[order]
    block = max(1, _BLOCK_CELLS // max(1, n_y, len(x_rows)))
    for lo in range(0, len(used), block):
        hi = min(len(used), lo + block)
        a, b = np.searchsorted(ypos, [lo, hi])
        dense_y = np.zeros((n_y, hi - lo), dtype=np.float32)
        dense_y[yl[a:b], ypos[a:b] - lo] = yv[a:b]
        out += dense_x[:, lo:hi] @ dense_y.T
    return out


def _distinct(ids: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """Sorted distinct values of ids (all in [0, size)) and each id's position among them."""
    present = np.zeros(size, dtype=bool)
    present[ids] = True
    values = np.flatnonzero(present)
    number = np.zeros(size, dtype=np.int64)
    number[values] = np.arange(len(values))
    return values, number[ids]


def _unit(m: np.ndarray) -> np.ndarray:
    n = np.linalg.norm(m, axis=1, keepdims=True)
    return m / np.where(n > 0, n, 1)


class _Lists:
    """Variable-length lists of ints (text ids per profile) as flat numpy arrays."""

    __slots__ = ("items", "lengths", "starts")

    def __init__(self, lists: Sequence[Sequence[int]]) -> None:
        self.lengths = np.array([len(x) for x in lists], dtype=np.int64)
        self.starts = np.cumsum(self.lengths) - self.lengths
        self.items = np.fromiter(
            (i for x in lists for i in x), dtype=np.int64, count=int(self.lengths.sum())
        )


class Index:
    """Sparse vectors of a set of profiles, built once, queried many times.

    Every distinct text (offer, need or pitch) becomes one unit vector: concept ids weighted
    by their inverse document frequency over profiles, plus character trigrams scaled to a
    third of the weight. A profile's offer (need) vector is the normalised sum of its offers
    (needs); its pitch vector is its pitch's.
    """

    def __init__(self, profiles: Sequence[Profile]) -> None:
        self.profiles = list(profiles)
        n = len(self.profiles)
        self.pos = {p.id: i for i, p in enumerate(self.profiles)}

        # --- distinct texts
        tid: dict[str, int] = {}
        for p in self.profiles:
            for t in (*p.offers, *p.needs, p.pitch):
                tid.setdefault(t, len(tid))
        self.texts = list(tid)
        self.offer_tids = [[tid[t] for t in p.offers] for p in self.profiles]
        self.need_tids = [[tid[t] for t in p.needs] for p in self.profiles]
        self.pitch_tid = [tid[p.pitch] for p in self.profiles]
        text_concepts = [concepts(t) for t in self.texts]
        self.text_concept_sets = [frozenset(c) for c in text_concepts]

        # --- concept columns and IDF over profiles
        concept_ids = list(all_concepts())
        col = {c: i for i, c in enumerate(concept_ids)}
        df = np.zeros(len(concept_ids))
        for i in range(n):
            found: set[str] = set()
            for k in (*self.offer_tids[i], *self.need_tids[i], self.pitch_tid[i]):
                found |= self.text_concept_sets[k]
            for c in found:
                df[col[c]] += 1
        # Smoothed IDF: a concept everybody mentions ("international") says little.
        idf = np.log((1 + n) / (1 + df)) + 1.0

        # --- text x feature matrix: concepts first, then a trigram vocabulary
        vocab: dict[str, int] = {}
        base = len(concept_ids)
        c_cols: list[int] = []
        c_len: list[int] = []
        g_cols: list[int] = []
        g_len: list[int] = []
        word_cols: dict[str, list[int]] = {}
        for t, found_c in zip(self.texts, text_concepts, strict=True):
            c_cols.extend([col[c] for c in found_c])
            c_len.append(len(found_c))
            before = len(g_cols)
            for word in _tokens(t):
                ids = word_cols.get(word)
                if ids is None:
                    ids = [base + vocab.setdefault(g, len(vocab)) for g in _word_trigrams(word)]
                    word_cols[word] = ids
                g_cols.extend(ids)
            g_len.append(len(g_cols) - before)
        n_texts = len(self.texts)
        c_cols_a = np.array(c_cols, dtype=np.int64)
        g_len_a = np.array(g_len, dtype=np.int64)
        # Trigrams are a weaker signal than concepts; scaled to a third of the norm.
        g_scale = 0.35 / np.sqrt(np.maximum(g_len_a, 1))
        rows = np.concatenate(
            [np.repeat(np.arange(n_texts), c_len), np.repeat(np.arange(n_texts), g_len_a)]
        )
        cols = np.concatenate([c_cols_a, np.array(g_cols, dtype=np.int64)])
        vals = np.concatenate([idf[c_cols_a], np.repeat(g_scale, g_len_a)])
        self.n_features = base + len(vocab)
        self.text_vecs = _Sparse(rows, cols, vals, n_texts, self.n_features).unit()
        self.offer = self.text_vecs.combine(self.offer_tids).unit()
        self.need = self.text_vecs.combine(self.need_tids).unit()
        self.pitch = self.text_vecs.combine([[t] for t in self.pitch_tid])

        # --- sectors (a small dense matrix)
        sector_ids = list(SECTORS)
        scol = {s: i for i, s in enumerate(sector_ids)}
        self.sectors = [
            frozenset(s for s in (resolve_sector(x) for x in p.sectors) if s is not None)
            for p in self.profiles
        ]
        sec = np.zeros((n, len(sector_ids)), dtype=np.float32)
        for i, found_s in enumerate(self.sectors):
            for s in found_s:
                sec[i, scol[s]] = 1.0
        self.sec = _unit(sec)
        self.offer_lists = _Lists(self.offer_tids)
        self.need_lists = _Lists(self.need_tids)
        self.pitch_concepts = [self.text_concept_sets[t] for t in self.pitch_tid]
        self._sector_reason = {s: Reason("sector", sector=s) for s in SECTORS}
        # Reasons are immutable, so equal ones are shared between matches.
        self._reason_cache: dict[object, Reason] = {}

    def scores(self, rows: Sequence[int]) -> np.ndarray:
        """Scores of the given parties against everybody (rows x all); -1 against itself."""
        r = np.asarray(rows, dtype=np.int64)
        sector = self.sec[r] @ self.sec.T
        offer = _cross(self.offer, r, self.need)
        need = _cross(self.need, r, self.offer)
        pitch = _cross(self.pitch, r, self.pitch)
        total = W_SECTOR * sector + W_OFFER * np.maximum(offer, need) + W_PITCH * pitch
        total += 0.1 * W_OFFER * np.minimum(offer, need)  # both ways is better than one way
        total[np.arange(len(r)), r] = -1.0
        return total

    def _best_text_pairs(
        self, a: np.ndarray, b: np.ndarray, mine: _Lists, theirs: _Lists
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """For each pair (a[g], b[g]): the most similar (mine text, their text), as text ids
        and similarity; -1 ids when either side has no text. Ties go to the first pair in
        row-major order over (mine, theirs), as np.argmax would."""
        n_pairs = len(a)
        best_i = np.full(n_pairs, -1, dtype=np.int64)
        best_j = np.full(n_pairs, -1, dtype=np.int64)
        best_v = np.zeros(n_pairs, dtype=np.float32)
        la, lb = mine.lengths[a], theirs.lengths[b]
        count = la * lb
        total = int(count.sum())
        if total == 0:
            return best_i, best_j, best_v
        group = np.repeat(np.arange(n_pairs), count)
        starts = np.cumsum(count) - count
        within = np.arange(total) - starts[group]
        width = lb[group]
        ti = mine.items[mine.starts[a[group]] + within // width]
        tj = theirs.items[theirs.starts[b[group]] + within % width]
        ui, inv_i = _distinct(ti, len(self.texts))
        uj, inv_j = _distinct(tj, len(self.texts))
        values = _cross(self.text_vecs, ui, self.text_vecs, uj)[inv_i, inv_j]
        nonempty = np.flatnonzero(count)
        first = starts[nonempty]
        top = np.maximum.reduceat(values, first)
        is_top = values >= top[np.searchsorted(first, np.arange(total), side="right") - 1]
        pos = np.minimum.reduceat(np.where(is_top, np.arange(total), total), first)
        best_i[nonempty], best_j[nonempty], best_v[nonempty] = ti[pos], tj[pos], top
        return best_i, best_j, best_v

    def reasons_many(self, pairs: Sequence[tuple[int, int]]) -> list[tuple[Reason, ...]]:
        """Reasons of each (a, b) pair, computed in one batch."""
        if not pairs:
            return []
        arr = np.array(pairs, dtype=np.int64).reshape(-1, 2)
        a, b = arr[:, 0], arr[:, 1]
        hits = []
        for kind, mine, theirs in (
            ("offer", self.offer_lists, self.need_lists),
            ("need", self.need_lists, self.offer_lists),
        ):
            i, j, v = self._best_text_pairs(a, b, mine, theirs)
            ok = (i >= 0) & (v >= 0.2)
            hits.append((kind, np.where(ok, i, -1).tolist(), np.where(ok, j, -1).tolist()))
        cache = self._reason_cache
        sectors, pitch_sets = self.sectors, self.pitch_concepts
        out: list[tuple[Reason, ...]] = []
        for g, (x, y) in enumerate(pairs):
            found: list[Reason] = []
            shared_sectors = sectors[x] & sectors[y]
            if shared_sectors:
                found.extend(self._sector_reason[s] for s in sorted(shared_sectors))
            for kind, best_i, best_j in hits:
                i = best_i[g]
                if i >= 0:
                    key = (kind, i, best_j[g])
                    reason = cache.get(key)
                    if reason is None:
                        j = best_j[g]
                        terms = tuple(sorted(self.text_concept_sets[i] & self.text_concept_sets[j]))
                        reason = Reason(kind, mine=self.texts[i], theirs=self.texts[j], terms=terms)
                        cache[key] = reason
                    found.append(reason)
            common = pitch_sets[x] & pitch_sets[y]
            if common:
                common = common - sectors[x] - sectors[y]
                if common:
                    terms = tuple(sorted(common)[:4])
                    pitch = cache.get(terms)
                    if pitch is None:
                        pitch = cache[terms] = Reason("pitch", terms=terms)
                    found.append(pitch)
            out.append(tuple(found))
        return out

    def reasons(self, a: int, b: int) -> tuple[Reason, ...]:
        return self.reasons_many([(a, b)])[0]


#: Query rows per batch: the score matrices of a batch stay around 16 MB each.
_ROWS_CELLS = 4_000_000


def rank_all(
    profiles: Sequence[Profile], for_ids: Sequence[str], limit: int = 10, min_score: float = 0.05
) -> dict[str, list[Match]]:
    """For each id in for_ids, the best `limit` other parties, best first, with reasons."""
    index = Index(profiles)
    out: dict[str, list[Match]] = {}
    rows = [index.pos[i] for i in for_ids]
    n = len(index.profiles)
    k = min(limit, n - 1)
    step = max(1, _ROWS_CELLS // max(1, n))
    for start in range(0, len(rows), step):
        chunk = rows[start : start + step]
        if k <= 0:
            out.update({index.profiles[a].id: [] for a in chunk})
            continue
        scores = index.scores(chunk)
        top = (
            np.argpartition(-scores, k - 1, axis=1)[:, :k]
            if k < scores.shape[1]
            else np.argsort(-scores, axis=1)
        )
        top_scores = np.take_along_axis(scores, top, axis=1).tolist()
        picked: list[tuple[int, list[tuple[float, int]]]] = []
        pairs: list[tuple[int, int]] = []
        for row, a in enumerate(chunk):
            cand = [
                (s, b)
                for s, b in zip(top_scores[row], top[row].tolist(), strict=True)
                if s >= min_score
            ]
            cand.sort(key=lambda sb: (-sb[0], index.profiles[sb[1]].id))
            picked.append((a, cand))
            pairs.extend((a, b) for _, b in cand)
        reasons = iter(index.reasons_many(pairs))
        for a, cand in picked:
            out[index.profiles[a].id] = [
                Match(index.profiles[b].id, round(s, 4), next(reasons)) for s, b in cand
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
