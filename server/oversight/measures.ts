// Every measure of the partnership's work on /oversight, in the order the page shows them. A measure is one module
// in ./measures/ (its SQL, its definition, its trend and table, and what it counts); add one here to show it.
import type { Measure, MeasureContext, MeasureModule, OversightScope } from "./terms";

export const measureModules: readonly MeasureModule[] = [];

export function findMeasure(id: string): MeasureModule | undefined {
  return measureModules.find((measure) => measure.id === id);
}

/** Every measure for the scope, one after another (they share one database connection pool). */
export async function readMeasures(context: MeasureContext, scope: OversightScope): Promise<Measure[]> {
  const measures: Measure[] = [];
  for (const module of measureModules) measures.push(await module.read(context, scope));
  return measures;
}
