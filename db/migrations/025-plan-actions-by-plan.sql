-- Oversight reads a plan's actions by the plan (overdue actions, actions done on time): an index for it. Measured on
-- a generated partnership of 10,000 cases (bench/results/oversight-2026-11-30.md), actions-overdue's query went from
-- 435 to 317 ms with it.
create index plan_actions_plan on plan_actions (plan_id, id);
