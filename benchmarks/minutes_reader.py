"""Minutes reader benchmark: `python benchmarks/minutes_reader.py [--verbose]`.

Reads every fixture of cityties/meetings/reader/tests/fixtures (minutes of varied shapes,
each with a `.expected.json`) and compares the proposal with what a person reading the
minutes expects: attendance recall and precision (people found in any list), list
accuracy (expected people found in the right list: present, excused, absent,
represented), meeting dates, dated events (start and precision), action owners and the
next meeting. The last line printed is machine-readable (RESULT ...).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import unicodedata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from cityties.meetings.reader import Person, Proposal, read_file  # noqa: E402
from cityties.meetings.reader.tests import render  # noqa: E402

FIXTURES = ROOT / "cityties" / "meetings" / "reader" / "tests" / "fixtures"
LISTS = ("present", "excused", "absent", "represented")


def fold(text: str | None) -> str:
    decomposed = unicodedata.normalize("NFKD", (text or "").casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def matches(expected: str, person: Person) -> bool:
    """`expected` is "First|Last" (an empty part when the minutes give none)."""
    first, _, last = expected.partition("|")
    if last:
        if fold(person.last_name) != fold(last):
            return False
        return not (first and person.first_name) or fold(person.first_name) == fold(first)
    return not person.last_name and fold(person.first_name) == fold(first)


def found_lists(proposal: Proposal) -> dict[str, list[Person]]:
    return {
        "present": proposal.present,
        "excused": proposal.excused,
        "absent": proposal.absent,
        "represented": [person for person, _ in proposal.represented],
    }


def score(proposal: Proposal, expected: dict[str, Any]) -> dict[str, Any]:
    wanted = {kind: list(expected[kind]) for kind in ("present", "excused", "absent")}
    wanted["represented"] = list(expected["represented"])
    found = found_lists(proposal)
    everyone = [(kind, person) for kind in LISTS for person in found[kind]]
    expected_people = [(kind, name) for kind in LISTS for name in wanted[kind]]
    recalled = right_list = 0
    for kind, name in expected_people:
        hits = [k for k, person in everyone if matches(name, person)]
        recalled += bool(hits)
        right_list += kind in hits
    precise = sum(
        any(matches(name, person) for _, name in expected_people) for _, person in everyone
    )
    proxies = dict(expected["represented"])
    proxy_right = sum(
        any(matches(name, person) and fold(proxy) == fold(want) for name, want in proxies.items())
        for person, proxy in proposal.represented
    )
    events_found = sum(
        any(
            event.start.isoformat().startswith(start) and event.precision == precision
            for event in proposal.events
        )
        for start, precision in expected["events"]
    )
    owners = [fold(action.owner) for action in proposal.actions if action.owner]
    owners_found = sum(
        any(fold(want) in owner or owner in fold(want) for owner in owners)
        for want in expected["owners"]
    )
    next_meeting = (
        proposal.next_meeting.strftime("%Y-%m-%dT%H:%M") if proposal.next_meeting else None
    )
    return {
        "expected": len(expected_people),
        "found": len(everyone),
        "recalled": recalled,
        "precise": precise,
        "right_list": right_list,
        "proxies": (proxy_right, len(proxies)),
        "date": (proposal.date.isoformat() if proposal.date else None) == expected["date"],
        "events": (events_found, len(expected["events"])),
        "owners": (owners_found, len(expected["owners"])),
        "next": next_meeting == expected["next_meeting"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--verbose", action="store_true", help="print the proposals")
    parser.add_argument(
        "--format",
        choices=("source", "docx", "pdf"),
        default="source",
        help="read each fixture as written, or rendered as a Word document or a PDF",
    )
    args = parser.parse_args()
    totals = {"expected": 0, "found": 0, "recalled": 0, "precise": 0, "right_list": 0}
    dates = nexts = 0
    events = [0, 0]
    owners = [0, 0]
    proxies = [0, 0]
    seconds = 0.0
    paths = sorted(p for p in FIXTURES.iterdir() if p.suffix in (".txt", ".md"))
    print(f"{'fixture':32} people  found recall  prec  list  date events owners next")
    for path in paths:
        expected = json.loads(path.with_suffix(".expected.json").read_text())
        data, name = path.read_bytes(), path.name
        if args.format == "docx":
            data, name = render.to_docx(data.decode()), f"{path.stem}.docx"
        elif args.format == "pdf":
            data, name = render.to_pdf(data.decode()), f"{path.stem}.pdf"
        started = time.perf_counter()
        proposal = read_file(data, name)
        seconds += time.perf_counter() - started
        result = score(proposal, expected)
        for key in totals:
            totals[key] += result[key]
        dates += result["date"]
        nexts += result["next"]
        for bucket, key in ((events, "events"), (owners, "owners"), (proxies, "proxies")):
            bucket[0] += result[key][0]
            bucket[1] += result[key][1]
        print(
            f"{path.name:32} {result['expected']:6} {result['found']:6}"
            f" {result['recalled'] / max(1, result['expected']):6.2f}"
            f" {result['precise'] / max(1, result['found']):5.2f}"
            f" {result['right_list'] / max(1, result['expected']):5.2f}"
            f" {'ok' if result['date'] else 'NO':>5}"
            f" {result['events'][0]:3}/{result['events'][1]:<3}"
            f" {result['owners'][0]:2}/{result['owners'][1]:<3}"
            f" {'ok' if result['next'] else 'NO':>4}"
        )
        if args.verbose:
            print(json.dumps(proposal.to_json(), ensure_ascii=False, indent=1)[:3000])
    recall = totals["recalled"] / max(1, totals["expected"])
    precision = totals["precise"] / max(1, totals["found"])
    accuracy = totals["right_list"] / max(1, totals["expected"])
    print(
        f"\n{len(paths)} fixtures ({args.format}), {totals['expected']} people expected,"
        f" {totals['found']} found;"
        f" meeting dates {dates}/{len(paths)}; events {events[0]}/{events[1]};"
        f" owners {owners[0]}/{owners[1]}; proxies {proxies[0]}/{proxies[1]};"
        f" next meetings {nexts}/{len(paths)}; {1000 * seconds / max(1, len(paths)):.0f} ms a file"
    )
    print(
        f"RESULT attendance_recall={recall:.3f} attendance_precision={precision:.3f}"
        f" list_accuracy={accuracy:.3f} date_accuracy={dates / max(1, len(paths)):.3f}"
        f" event_recall={events[0] / max(1, events[1]):.3f}"
        f" owner_recall={owners[0] / max(1, owners[1]):.3f}"
    )


if __name__ == "__main__":
    main()
