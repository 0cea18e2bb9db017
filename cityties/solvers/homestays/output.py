"""The command line's output document."""

from __future__ import annotations

from typing import Any

from .model import Reason, Result
from .reasons import reason_text_en


def reason_to_json(reason: Reason) -> dict[str, Any]:
    out: dict[str, Any] = {"code": reason.code, "hosts": list(reason.hosts)}
    if reason.nights:
        out["nights"] = [n.isoformat() for n in reason.nights]
    return out


def result_to_json(result: Result) -> dict[str, Any]:
    """The issue's output shape. Each unplaced guest's ``reasons`` are English sentences;
    ``codes`` holds the same reasons as codes with the hosts (and nights) concerned."""
    return {
        "assignments": [{"guest": a.guest, "host": a.host} for a in result.assignments],
        "unplaced": [
            {
                "guest": u.guest,
                "reasons": [reason_text_en(r) for r in u.reasons],
                "codes": [reason_to_json(r) for r in u.reasons],
            }
            for u in result.unplaced
        ],
        "stats": {
            "placed": result.placed,
            "priority": result.priority,
            "pairs": result.pairs,
            "upper_bound": result.upper_bound,
            "seconds": result.seconds,
            "method": result.method,
        },
    }
