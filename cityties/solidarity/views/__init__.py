"""Pages of the solidarity area: `crises` (crises and funds), `pledges` (pledges,
decisions, payments, water budgets), `projects` (projects, budget, reports and their
files), `expertise` (offers, needs, ranking, matches), `public` (a fund's public page)."""
