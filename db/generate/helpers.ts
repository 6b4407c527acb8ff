// What every part of the generator writes with: the size and seed, a working-day calendar in SQL, deterministic
// pseudo-random numbers (a hash of a row's number and a salt, so one seed gives one partnership), and explicit ids
// (each table's next ids are taken in a block, and its identity sequence moved past them at the end).
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Sql } from "../client";

export type Plan = {
  /** Cases to open (each from a referral that a strategy discussion answered). */
  cases: number;
  /** Referrals sent to the front door: most answered otherwise than with a case. */
  contacts: number;
  auditRows: number;
  seed: number;
  /** The first day anything happens on (the calendar's first covered year allows no earlier). */
  start: string;
  /** Today in England: nothing is held or decided after it; some actions and clocks fall due after it. */
  today: string;
  now: Date;
};

export type Step = (tx: Sql, plan: Plan) => Promise<void>;

const holidayFile = join(dirname(fileURLToPath(import.meta.url)), "../../server/calendar/bank-holidays-england-and-wales.json");

/** Only whole numbers and ISO dates are ever put into the generator's SQL text. */
export const n = (value: number): string => {
  if (!Number.isFinite(value)) throw new Error(`not a number: ${value}`);
  return String(Math.round(value));
};
export const d = (value: string): string => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new Error(`not a date: ${value}`);
  return `'${value}'::date`;
};

/**
 * Temporary tables and functions for this transaction:
 * - gen_days (day, wd, working): wd is the number of working days on or before the day; gen_wd (n, day) the n-th one;
 * - pg_temp.awd(day, k): k working days after day (k = 0: the day itself, or the working day before it);
 * - pg_temp.r(i, salt) in [0, 1) and pg_temp.ri(i, salt, lo, hi) in lo..hi, from the seed;
 * - pg_temp.at(day, minutes): that many minutes after midnight of the day in England;
 * - pg_temp.pick(list, r): one element of a text array.
 */
export async function createHelpers(tx: Sql, plan: Plan): Promise<void> {
  const file = JSON.parse(readFileSync(holidayFile, "utf8")) as { dates: { date: string }[] };
  const years = file.dates.map((h) => Number(h.date.slice(0, 4)));
  const holidays = file.dates.map((h) => d(h.date)).join(", ");
  await tx.unsafe(`
    create temp table gen_days (day date primary key, wd int not null, working boolean not null) on commit drop;
    insert into gen_days
    select day, (count(*) filter (where working) over (order by day))::int, working
      from (select g::date as day, extract(isodow from g) < 6 and g::date <> all (array[${holidays}]) as working
              from generate_series('${Math.min(...years)}-01-01'::date, '${Math.max(...years)}-12-31'::date, interval '1 day') g) x;
    create temp table gen_wd (n int primary key, day date not null) on commit drop;
    insert into gen_wd select wd, day from gen_days where working;
    create function pg_temp.awd(day date, k int) returns date language sql stable as
      $$ select w.day from gen_wd w where w.n = (select g.wd from gen_days g where g.day = $1) + $2 $$;
    create function pg_temp.r(i bigint, salt int) returns float8 language sql immutable as
      $$ select (hashint8extended($1, $2::bigint * 7919 + ${n(plan.seed)}) & 4503599627370495)::float8 / 4503599627370496 $$;
    create function pg_temp.ri(i bigint, salt int, lo int, hi int) returns int language sql immutable as
      $$ select $3 + floor(pg_temp.r($1, $2) * ($4 - $3 + 1))::int $$;
    create function pg_temp.at(day date, minutes int) returns timestamptz language sql stable as
      $$ select ($1 + make_interval(mins => $2)) at time zone 'Europe/London' $$;
    create function pg_temp.pick(list text[], r float8) returns text language sql immutable as
      $$ select $1[1 + floor($2 * cardinality($1))::int] $$;
  `);
}

/** The id before the first of a block of ids for `table` (its largest id so far). */
export async function lastId(tx: Sql, table: string): Promise<number> {
  const [row] = await tx.unsafe<{ last: string }[]>(`select coalesce(max(id), 0) as last from ${table}`);
  return Number(row.last);
}

/** Moves each identity sequence past the ids the generator wrote itself. */
export async function settleSequences(tx: Sql, tables: string[]): Promise<void> {
  for (const table of tables)
    await tx.unsafe(`select setval(pg_get_serial_sequence('${table}', 'id'), greatest((select max(id) from ${table}), 1))`);
}

/** Text lists the generator picks from, as SQL array literals. */
export const sqlList = (items: string[]): string => `array[${items.map((item) => `'${item.replace(/'/g, "''")}'`).join(", ")}]`;

export const firstNames = [
  "Amelia", "Noah", "Olivia", "Muhammad", "Isla", "Leo", "Ava", "Oliver", "Freya", "Arthur", "Ivy", "George", "Florence",
  "Theo", "Willow", "Harry", "Sophia", "Jack", "Poppy", "Oscar", "Ella", "Archie", "Evie", "Alfie", "Aria", "Finley",
  "Maya", "Jacob", "Zara", "Reuben", "Ruby", "Kai", "Grace", "Ezra", "Millie", "Yusuf", "Daisy", "Rory", "Amara", "Tyler",
];
export const surnames = [
  "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel", "Robinson", "Wright", "Thompson",
  "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Thomas", "Clarke", "Jackson", "Wood", "Harris", "Edwards",
  "Turner", "Martin", "Cooper", "Hill", "Ward", "Hughes", "Moore", "Clark", "King", "Harrison", "Lewis", "Baker", "Lee",
  "Allen", "Morris", "Khan", "Ahmed", "Ali", "Begum", "Scott", "Mitchell", "Kaur", "Singh", "Shaw", "Lloyd", "Young",
];
export const adultNames = [
  "Kelly", "Darren", "Stacey", "Wayne", "Gemma", "Lee", "Kirsty", "Craig", "Donna", "Jason", "Leanne", "Mark", "Nicola",
  "Paul", "Sadia", "Imran", "Joanne", "Ryan", "Tanya", "Shane", "Aisha", "Tariq", "Natalie", "Scott", "Chantelle", "Dean",
];
export const streets = [
  "Gull Lane", "Harbour Road", "Quay Street", "Anchor Close", "Saltings Way", "Beacon Rise", "Marsh View", "Mill Lane",
  "Station Road", "Tern Court", "Dune Crescent", "Ferry Walk", "Netting Row", "Shore Avenue", "Lighthouse Drive",
];
