// The oversight figures a node keeps (decision 045): one count shared by everyone reading a scope, counted again in
// the background when anything it may count changes, and the oversight room told only once the new count is in.
import { afterEach, describe, expect, test, vi } from "vitest";
import { createFiguresCache } from "../../server/oversight/figures-cache";
import { createEventHub, OVERSIGHT_NOTICE_DELAY_MS, type ChangeNotice } from "../../server/services";
import type { Measure, MeasureContext, MeasureModule, OversightScope } from "../../server/oversight/terms";

const scope: OversightScope = { from: "2026-01-01", to: "2026-06-30", agencyId: null };
const at = (iso: string) => ({ now: new Date(iso) }) as MeasureContext;
const value = (measure: Measure) => measure.headline.value;

/** A measure that counts how often it has been counted, and answers with that number; the first count may fail. */
function countingMeasure(opts: { failFirst?: boolean } = {}) {
  let reads = 0;
  const module: MeasureModule = {
    id: "counting",
    read: async () => {
      reads += 1;
      if (opts.failFirst && reads === 1) throw new Error("the database went away");
      return { id: "counting", headline: { value: reads, format: "count" } } as Measure;
    },
    counted: async () => [],
  };
  return { module, reads: () => reads };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("the oversight figures a node keeps", () => {
  test("readers of one scope share one count; another scope or agency counts again; a later minute counts again", async () => {
    const cache = createFiguresCache();
    const { module, reads } = countingMeasure();
    const both = await Promise.all([cache.read(at("2026-07-01T10:00:05Z"), module, scope), cache.read(at("2026-07-01T10:00:50Z"), module, scope)]);
    expect(both.map(value)).toEqual([1, 1]);
    await cache.read(at("2026-07-01T10:00:59Z"), module, { ...scope, agencyId: "kestrel-vale-police" });
    await cache.read(at("2026-07-01T10:00:59Z"), module, { ...scope, to: "2026-05-31" });
    expect(reads()).toBe(3);
    // A minute on, the figures are counted again: served at once as they stood while the count runs, then the new ones.
    expect(value(await cache.read(at("2026-07-01T10:01:00Z"), module, scope))).toBe(1);
    expect(value(await cache.read(at("2026-07-01T10:01:01Z"), module, scope))).toBe(4);
    // Five minutes or more on (figures such as "overdue now" move with time alone), the new count is waited for.
    expect(value(await cache.read(at("2026-07-01T10:06:01Z"), module, scope))).toBe(5);
  });

  test("after a change, readers get the kept figures at once while they are counted again; refresh brings the new count", async () => {
    const cache = createFiguresCache();
    const { module, reads } = countingMeasure();
    const now = at("2026-07-01T10:00:00Z");
    expect(value(await cache.read(now, module, scope))).toBe(1);
    cache.changed();
    expect(value(await cache.read(now, module, scope))).toBe(1);
    await cache.refresh(now.now);
    expect(reads()).toBe(2);
    expect(value(await cache.read(now, module, scope))).toBe(2);
    // Nothing changed since: refresh counts nothing again.
    await cache.refresh(now.now);
    expect(reads()).toBe(2);
  });

  test("a count that failed is not kept: the next reader counts again", async () => {
    const cache = createFiguresCache();
    const { module } = countingMeasure({ failFirst: true });
    const now = at("2026-07-01T10:00:00Z");
    await expect(cache.read(now, module, scope)).rejects.toThrow("the database went away");
    expect(value(await cache.read(now, module, scope))).toBe(2);
  });

  test("the EventHub marks the figures stale at once on a change to a case or the front door, and tells the oversight room only after the recount", async () => {
    vi.useFakeTimers();
    const cache = createFiguresCache();
    let finishRecount = () => {};
    const recount = vi.fn(() => new Promise<void>((resolve) => (finishRecount = resolve)));
    const changed = vi.spyOn(cache, "changed");
    const hub = createEventHub({ onOversightChange: cache.changed, beforeOversightNotice: recount });
    const sent: ChangeNotice[] = [];
    hub.attach((notice) => sent.push(notice));
    hub.publish({ room: "user:4", what: "invitation" });
    expect(changed).not.toHaveBeenCalled();
    hub.publish({ room: "case:7:meeting:3", what: "meeting" });
    hub.publish({ room: "front-door", what: "front-door" });
    expect(changed).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(OVERSIGHT_NOTICE_DELAY_MS);
    expect(recount).toHaveBeenCalledTimes(1);
    expect(sent.filter((notice) => notice.room === "oversight")).toEqual([]);
    finishRecount();
    await vi.advanceTimersByTimeAsync(0);
    expect(sent.filter((notice) => notice.room === "oversight")).toEqual([{ room: "oversight", what: "oversight" }]);
  });
});
