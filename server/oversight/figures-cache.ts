// Each measure's figures for a scope, kept between requests and counted again in the background when something they
// may count changes (decision 045). At a partnership's size a measure takes tens to hundreds of milliseconds to count
// and a dashboard reads sixteen; in a partnership where some case changes every few seconds, recounting on every
// request would make every manager wait seconds.
// - A change (any notice to a case's room or the front door) makes every kept figure stale at once.
// - Two seconds later the EventHub asks for `refresh`: every figure read in the last ten minutes is counted again,
//   and only then is the oversight room told, so open pages fetch figures counted after the change.
// - Figures are fresh for the minute they were counted in. A reader of stale figures counted within the last five
//   minutes gets them at once while they are counted again; older figures (some, such as "overdue now", move with
//   time alone), or figures never counted, are waited for.
// - Readers share one count; a failed count is not kept. What a figure counts (the drill-down) is not kept: it is read
//   a page at a time, and each person sees it through the access policy.
import type { Measure, MeasureContext, MeasureModule, OversightScope } from "./terms";

export type FiguresCache = {
  read(context: MeasureContext, module: MeasureModule, scope: OversightScope): Promise<Measure>;
  /** Something the figures may count has changed: every kept figure is stale from now. */
  changed(): void;
  /** Counts again every stale figure read lately, at `now`; resolves when all are counted (or have failed). */
  refresh(now: Date): Promise<void>;
};

/**
 * Figures counted this few minutes ago are served at once while they are counted again; older ones are waited for
 * (figures such as "overdue now" move with time alone).
 */
const SERVED_WHILE_RECOUNTING_MINUTES = 5;
/** Figures not read for this long are forgotten rather than recounted. */
const KEPT_FOR_MS = 10 * 60_000;
/** How many scopes' figures one node keeps at most (the least lately read go first). */
const MAX_ENTRIES = 400;

type Entry = {
  module: MeasureModule;
  scope: OversightScope;
  context: MeasureContext;
  measure: Measure | null;
  /** The change generation and the minute the kept figures were counted in. */
  countedFor: number;
  minute: number;
  counting: { generation: number; done: Promise<Measure> } | null;
  lastRead: number;
};

const minuteOf = (now: Date) => Math.floor(now.getTime() / 60_000);

export function createFiguresCache(): FiguresCache {
  const entries = new Map<string, Entry>();
  let generation = 0;

  function count(entry: Entry, context: MeasureContext): Promise<Measure> {
    const counted = generation;
    const done = entry.module.read(context, entry.scope).then((measure) => {
      if (counted >= entry.countedFor) Object.assign(entry, { measure, countedFor: counted, minute: minuteOf(context.now) });
      return measure;
    });
    entry.counting = { generation: counted, done };
    const settle = () => {
      if (entry.counting?.done === done) entry.counting = null;
    };
    done.then(settle, settle);
    return done;
  }

  /** The count in progress for this generation, or a new one. */
  const counting = (entry: Entry, context: MeasureContext) =>
    entry.counting && entry.counting.generation === generation ? entry.counting.done : count(entry, context);

  return {
    read(context, module, scope) {
      const key = `${module.id}|${scope.from}|${scope.to}|${scope.agencyId ?? ""}`;
      let entry = entries.get(key);
      if (!entry) {
        entry = { module, scope, context, measure: null, countedFor: -1, minute: -1, counting: null, lastRead: 0 };
        entries.set(key, entry);
        forgetBeyond(entries, MAX_ENTRIES);
      }
      entry.context = context;
      entry.lastRead = Date.now();
      const age = minuteOf(context.now) - entry.minute;
      if (entry.measure !== null && age === 0 && entry.countedFor === generation) return Promise.resolve(entry.measure);
      const recount = counting(entry, context);
      return entry.measure !== null && age >= 0 && age < SERVED_WHILE_RECOUNTING_MINUTES ? Promise.resolve(entry.measure) : recount;
    },
    changed() {
      generation += 1;
    },
    async refresh(now) {
      const since = Date.now() - KEPT_FOR_MS;
      for (const [key, entry] of entries) if (entry.lastRead < since) entries.delete(key);
      // One after another: a recount competes with the pages being served, and need not finish in a hurry.
      for (const entry of [...entries.values()]) {
        if (entry.countedFor === generation) continue;
        await counting(entry, { ...entry.context, now }).catch(() => undefined);
      }
    },
  };
}

/** Forgets the least lately read entries past `max`. */
function forgetBeyond(entries: Map<string, Entry>, max: number): void {
  if (entries.size <= max) return;
  const byRead = [...entries.entries()].sort((a, b) => a[1].lastRead - b[1].lastRead);
  for (const [key] of byRead.slice(0, entries.size - max)) entries.delete(key);
}
