// The measures read in-process, one module at a time (server/oversight/measures.ts): each measure's read and what it
// counts, timed on their own, to tell which measure makes the dashboard slow. No HTTP, no rendering, no access checks.
import type { Database } from "../../db/client";
import { parseConfig } from "../../server/config";
import { createFrontDoorClocks } from "../../server/calendar/front-door-clock";
import { loadCalendar } from "../../server/calendar/working-days";
import { measureModules, readMeasures } from "../../server/oversight/measures";
import type { MeasureContext, OversightScope } from "../../server/oversight/terms";
import { percentile, sortedCopy } from "../lib";

export type Timing = { p50: number; p95: number; max: number; n: number };
export type DirectResult = { dashboard: Timing; measures: { id: string; read: Timing; counted: Timing; countedRows: number }[] };

export function timing(samples: number[]): Timing {
  const sorted = sortedCopy(samples);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted[sorted.length - 1], n: samples.length };
}

async function timeIt(rounds: number, work: () => Promise<unknown>): Promise<number[]> {
  await work(); // one warm-up
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  return samples;
}

export async function measureDirectly(db: Database, scope: OversightScope, rounds: number, log: (line: string) => void): Promise<DirectResult> {
  const calendar = loadCalendar();
  const context: MeasureContext = { sql: db.sql, calendar, frontDoorClocks: createFrontDoorClocks(calendar, parseConfig({})), now: new Date() };
  const measures: DirectResult["measures"] = [];
  for (const module of measureModules) {
    const read = timing(await timeIt(rounds, () => module.read(context, scope)));
    let countedRows = 0;
    const counted = timing(await timeIt(rounds, async () => (countedRows = (await module.counted(context, scope, null)).length)));
    log(`    ${module.id}: read p50 ${read.p50.toFixed(0)} ms, p95 ${read.p95.toFixed(0)} ms; counted p50 ${counted.p50.toFixed(0)} ms (${countedRows} rows)`);
    measures.push({ id: module.id, read, counted, countedRows });
  }
  const dashboard = timing(await timeIt(rounds, () => readMeasures(context, scope)));
  log(`    every measure (readMeasures): p50 ${dashboard.p50.toFixed(0)} ms, p95 ${dashboard.p95.toFixed(0)} ms`);
  return { dashboard, measures };
}
