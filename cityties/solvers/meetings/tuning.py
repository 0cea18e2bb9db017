"""The scheduler's tuning constants, in one place.

Sizes decide which exact methods are attempted; shares are fractions of the time budget
given to `solve`; the rest are search breadths. Changing one changes the benchmark
figures (`benchmarks/scheduler.py`), so change them with the figures at hand.
"""

from __future__ import annotations

# --- Sizes ------------------------------------------------------------------------------

#: Above this many x[r, s] variables the exact slot-indexed MILP is not attempted.
EXACT_MAX_VARS = 20_000
#: Above this many x[r, s] variables its LP relaxation is not attempted either (HiGHS
#: needs seconds to minutes on these degenerate LPs beyond that).
LP_MAX_VARS = 100_000

# --- Time budget (seconds, and shares of the budget) ------------------------------------

#: The budget when the caller gives no time limit, and the least one accepted.
DEFAULT_TIME_LIMIT = 30.0
MIN_TIME_LIMIT = 0.5
#: The aggregate LP bound (always run): its share of the budget, and at least this long.
AGGREGATE_LP_SHARE = 0.2
AGGREGATE_LP_MIN_SECONDS = 0.2
#: The least time HiGHS is ever given, and the least left for the exact MILP to start.
HIGHS_MIN_SECONDS = 0.05
MILP_MIN_LEFT_SECONDS = 0.1
#: Share of the time left given to the exact MILP, and to the slot model's LP relaxation.
MILP_SHARE_OF_LEFT = 0.6
LP_SHARE_OF_LEFT = 0.5
#: The LP relaxation runs only while at least this share of the budget is left.
LP_MIN_LEFT_SHARE = 0.5
#: Repair at depth 1 runs until this share of the budget has passed, depth 2 until this.
REPAIR1_UNTIL_SHARE = 0.4
REPAIR2_UNTIL_SHARE = 0.6
#: Repair stops after this long without a gain: a share of the budget, at least the floor.
REPAIR_STALL_SHARE = 0.05
REPAIR_STALL_MIN_SECONDS = 0.25
#: Compaction (a secondary objective) gets this share of the budget, at least the floor.
COMPACT_SHARE = 0.1
COMPACT_MIN_SECONDS = 0.05

# --- Search breadth ---------------------------------------------------------------------

#: Rounds of repair over the queue of unplaced requests.
REPAIR_ROUNDS = 4
#: The clock is read every this many requests (a power of two) in repair and compaction.
REPAIR_CLOCK_EVERY = 16
COMPACT_CLOCK_EVERY = 256
#: A relocation tries at most this many slots where only a party conflict blocks it.
RELOCATE_MAX_SLOTS = 8
#: Making room in a full slot tries to relocate at most this many of its lightest meetings.
EVICT_MAX_TRIES = 6
#: A slot next to a party's other meetings is preferred while this share of it is free.
NEAR_SHARE = 0.25
