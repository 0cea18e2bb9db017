"""Synthetic bilingual profiles for benchmarks and demos (fixed seed, no real data)."""

from __future__ import annotations

import random

from .engine import Profile
from .lexicon import SECTORS

_FR_OFFERS = [
    "application de relation citoyenne",
    "capteurs de qualité de l'air",
    "éclairage public LED intelligent",
    "plateforme de données ouvertes",
    "conseil en rénovation énergétique",
    "autopartage électrique",
    "formation des agents au numérique",
    "télémédecine pour les seniors",
    "circuits courts alimentaires",
    "jumeau numérique de la ville",
    "billettique transport sans contact",
    "recyclage des déchets de chantier",
    "festival de musique et patrimoine",
    "accompagnement des start-up",
    "gestion de l'eau potable",
]
_EN_NEEDS = [
    "resident engagement",
    "air quality monitoring",
    "smart street lighting",
    "open data portal",
    "building retrofit expertise",
    "car sharing for the city fleet",
    "staff digital skills training",
    "remote care for elderly residents",
    "local food supply",
    "digital twin of downtown",
    "contactless transit fare payment",
    "construction waste recycling",
    "heritage tourism promotion",
    "startup incubation partners",
    "drinking water treatment",
]
_FR_PITCH = [
    "Notre ville développe la {0} et cherche des partenaires américains pour la {1}.",
    "Délégation engagée dans la {0}, intéressée par des échanges sur la {1}.",
]
_EN_PITCH = [
    "Our city works on {0} and wants French partners in {1}.",
    "We are a company offering {0} solutions; looking for pilots in {1}.",
]


def demo_profiles(hosts: int, visitors: int, seed: int = 0) -> list[Profile]:
    rng = random.Random(seed)
    sector_ids = list(SECTORS)
    out: list[Profile] = []
    for i in range(hosts + visitors):
        french = i < hosts
        secs = rng.sample(sector_ids, rng.randint(1, 3))
        labels = tuple(SECTORS[s][0] if french else SECTORS[s][1] for s in secs)
        k = rng.sample(range(len(_FR_OFFERS)), 3)
        if french:
            offers = tuple(_FR_OFFERS[j] for j in k[:2])
            needs: tuple[str, ...] = (_FR_OFFERS[k[2]],)
            pitch = rng.choice(_FR_PITCH).format(*(SECTORS[s][0] for s in (secs * 2)[:2]))
        else:
            offers = (_EN_NEEDS[k[0]],)
            needs = tuple(_EN_NEEDS[j] for j in k[1:])
            pitch = rng.choice(_EN_PITCH).format(*(SECTORS[s][1] for s in (secs * 2)[:2]))
        out.append(Profile(f"{'fr' if french else 'us'}{i}", labels, offers, needs, pitch))
    return out
