// Work many callers ask for at once, done for them together: an idle batcher starts a caller's item at once; items
// that arrive while a run is in flight wait for it and then go in one run (at most `max`). Under a burst (a meeting's
// attendees opening the same documents) the database sees a few statements instead of one per caller; alone, a caller
// waits for nothing. Each caller's promise settles with its own item's outcome.

export type Settled<O> = { ok: true; value: O } | { ok: false; error: unknown };

/** `run` gets the waiting items in arrival order and answers each, in the same order. */
export function batchWhileBusy<I, O>(run: (items: I[]) => Promise<Settled<O>[]>, max = 200): (item: I) => Promise<O> {
  let waiting: { item: I; settle: (outcome: Settled<O>) => void }[] = [];
  let running = false;

  const drain = async (): Promise<void> => {
    running = true;
    while (waiting.length > 0) {
      const batch = waiting.slice(0, max);
      waiting = waiting.slice(batch.length);
      let outcomes: Settled<O>[];
      try {
        outcomes = await run(batch.map((entry) => entry.item));
      } catch (error) {
        outcomes = batch.map(() => ({ ok: false, error }));
      }
      batch.forEach((entry, i) => entry.settle(outcomes[i] ?? { ok: false, error: new Error("no outcome for this item") }));
    }
    running = false;
  };

  return (item) =>
    new Promise<O>((resolve, reject) => {
      waiting.push({ item, settle: (outcome) => (outcome.ok ? resolve(outcome.value) : reject(outcome.error)) });
      if (!running) void drain();
    });
}

/**
 * Writes batched while one is being stored: all of a run in one write, and if the database refuses it, each item on its
 * own, so one bad item costs no other its place; each caller hears of its own item only.
 */
export function batchWritesWhileBusy<I>(writeAll: (items: I[]) => Promise<void>, max = 200): (item: I) => Promise<void> {
  return batchWhileBusy<I, void>(async (items) => {
    try {
      await writeAll(items);
      return items.map((): Settled<void> => ({ ok: true, value: undefined }));
    } catch (error) {
      if (items.length === 1) return [{ ok: false, error }];
      const each = await Promise.allSettled(items.map((item) => writeAll([item])));
      return each.map((result): Settled<void> => (result.status === "fulfilled" ? { ok: true, value: undefined } : { ok: false, error: result.reason }));
    }
  }, max);
}
