// Each measure's figures for a scope, kept between requests until something they may count changes (decision 045).
// At a partnership's size a measure takes from tens to hundreds of milliseconds to count, and a dashboard reads
// sixteen of them; managers reading the same range should not each pay for all of it. An entry lives until any change
// notice to a case or the front door (the EventHub clears the cache as it publishes, before the oversight room hears),
// and never past the minute it was counted in, so figures that move with time alone ("overdue now") are at most a
// minute old. Concurrent readers of one entry share one count. What a figure counts (the drill-down) is not kept: it
// is read a page at a time, and each person sees it through the access policy.
import type { Measure, MeasureContext, MeasureModule, OversightScope } from "./terms";

export type FiguresCache = {
  read(context: MeasureContext, module: MeasureModule, scope: OversightScope): Promise<Measure>;
  /** Forget every figure: something they count has changed. */
  clear(): void;
};

/** How many scopes' figures one node keeps at most (the oldest go first). */
const MAX_ENTRIES = 400;

export function createFiguresCache(): FiguresCache {
  const entries = new Map<string, Promise<Measure>>();
  return {
    read(context, module, scope) {
      const minute = Math.floor(context.now.getTime() / 60_000);
      const key = `${module.id}|${scope.from}|${scope.to}|${scope.agencyId ?? ""}|${minute}`;
      const kept = entries.get(key);
      if (kept) return kept;
      const reading = module.read(context, scope);
      entries.set(key, reading);
      // A count that failed is not kept: the next reader tries again.
      reading.catch(() => {
        if (entries.get(key) === reading) entries.delete(key);
      });
      while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
      return reading;
    },
    clear() {
      entries.clear();
    },
  };
}
