// The oversight figures a node keeps between requests: one count shared by everyone reading the same scope in the same
// minute, forgotten the moment anything it may count changes, and never kept when counting failed.
import { describe, expect, test } from "vitest";
import { createFiguresCache } from "../../server/oversight/figures-cache";
import { createEventHub } from "../../server/services";
import type { Measure, MeasureContext, MeasureModule, OversightScope } from "../../server/oversight/terms";

const scope: OversightScope = { from: "2026-01-01", to: "2026-06-30", agencyId: null };
const at = (iso: string) => ({ now: new Date(iso) }) as MeasureContext;

/** A measure that counts how often it has been asked, and answers with that number. */
function countingMeasure(fail = false) {
  let reads = 0;
  const module: MeasureModule = {
    id: "counting",
    read: async () => {
      reads += 1;
      if (fail && reads === 1) throw new Error("the database went away");
      return { id: "counting", headline: { value: reads, format: "count" } } as Measure;
    },
    counted: async () => [],
  };
  return { module, reads: () => reads };
}

describe("the oversight figures a node keeps", () => {
  test("readers of one scope in one minute share one count; another scope, agency or minute counts again", async () => {
    const cache = createFiguresCache();
    const { module, reads } = countingMeasure();
    const both = await Promise.all([cache.read(at("2026-07-01T10:00:05Z"), module, scope), cache.read(at("2026-07-01T10:00:50Z"), module, scope)]);
    expect(both.map((measure) => measure.headline.value)).toEqual([1, 1]);
    expect(reads()).toBe(1);
    await cache.read(at("2026-07-01T10:00:59Z"), module, { ...scope, agencyId: "kestrel-vale-police" });
    await cache.read(at("2026-07-01T10:00:59Z"), module, { ...scope, to: "2026-05-31" });
    expect(reads()).toBe(3);
    // Figures that move with time alone ("overdue now") are never more than a minute old.
    expect((await cache.read(at("2026-07-01T10:01:00Z"), module, scope)).headline.value).toBe(4);
  });

  test("a change to a case or at the front door forgets every figure at once, before the oversight room is told", async () => {
    const cache = createFiguresCache();
    const hub = createEventHub({ onOversightChange: cache.clear });
    const { module, reads } = countingMeasure();
    const now = at("2026-07-01T10:00:00Z");
    await cache.read(now, module, scope);
    hub.publish({ room: "user:4", what: "invitation" });
    await cache.read(now, module, scope);
    expect(reads()).toBe(1);
    hub.publish({ room: "case:7:meeting:3", what: "meeting" });
    expect((await cache.read(now, module, scope)).headline.value).toBe(2);
    hub.publish({ room: "front-door", what: "front-door" });
    expect((await cache.read(now, module, scope)).headline.value).toBe(3);
  });

  test("a count that failed is not kept: the next reader counts again", async () => {
    const cache = createFiguresCache();
    const { module } = countingMeasure(true);
    const now = at("2026-07-01T10:00:00Z");
    await expect(cache.read(now, module, scope)).rejects.toThrow("the database went away");
    expect((await cache.read(now, module, scope)).headline.value).toBe(2);
  });
});
