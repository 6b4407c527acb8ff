// What the oversight pages read (issue 13): who may read which part, every measure for a scope as the page shows
// it, one measure's drill-down, and each table for its CSV export. The routes guard, parse and render; this decides.
import { z } from "zod";
import { can, type Actor } from "../access/policy";
import type { Services } from "../services";
import { readDrillDown } from "./drill-down";
import type { FiguresCache } from "./figures-cache";
import { findMeasure, measureModules } from "./measures";
import { countedTableView, figureTableView, formatFigure, headlineText, monthName, trendTableView, type TableView } from "./tables";
import type { FigureFormat, Measure, MeasureContext, MeasureGroup, MeasureModule, OversightScope } from "./terms";

/** What of the measures a person may read: the whole partnership (and any agency's part), or their own agency's part. */
export type OversightReach = { whole: true; ownAgencyId: null } | { whole: false; ownAgencyId: string };

export function oversightReach(actor: Actor): OversightReach | null {
  if (can(actor, "read:oversight", { type: "partnership" })) return { whole: true, ownAgencyId: null };
  if (can(actor, "read:oversight", { type: "agency", agencyId: actor.agencyId })) return { whole: false, ownAgencyId: actor.agencyId };
  return null;
}

/** Whether this person may read the figures of this scope's agency (null: the whole partnership). */
export function mayReadScope(actor: Actor, agencyId: string | null): boolean {
  return agencyId === null ? can(actor, "read:oversight", { type: "partnership" }) : can(actor, "read:oversight", { type: "agency", agencyId });
}

/** What the pages read the measures with: the measures' own context, and the node's kept figures. */
export type OversightContext = MeasureContext & { figures: FiguresCache };

export function measureContext(services: Pick<Services, "sql" | "calendar" | "frontDoorClocks" | "clock" | "oversightFigures">): OversightContext {
  return { sql: services.sql, calendar: services.calendar, frontDoorClocks: services.frontDoorClocks, now: services.clock(), figures: services.oversightFigures };
}

const readMeasure = (context: OversightContext, module: MeasureModule, scope: OversightScope) => context.figures.read(context, module, scope);

export const groupTitles: Record<MeasureGroup, string> = {
  "front-door": "The front door",
  "strategy-meetings": "Strategy meetings",
  "conferences-and-core-groups": "Conferences and core groups",
  actions: "Actions on plans",
  plans: "Child protection plans",
  scaling: "Agencies' scaling",
};

export type TrendPointView = { month: string; monthName: string; value: number | null; text: string };

/** One measure as the page shows it, every figure already in words. */
export type MeasureView = {
  id: string;
  group: MeasureGroup;
  title: string;
  definition: string;
  headline: string;
  national: { text: string; source: string } | null;
  trend: { label: string; format: FigureFormat; points: TrendPointView[] };
  trendTable: TableView;
  table: TableView;
};

export function viewOf(measure: Measure): MeasureView {
  return {
    id: measure.id,
    group: measure.group,
    title: measure.title,
    definition: measure.definition,
    headline: headlineText(measure),
    national: measure.national ? { text: formatFigure(measure.national.value, measure.national.format), source: measure.national.source } : null,
    trend: {
      label: measure.trend.label,
      format: measure.trend.format,
      points: measure.trend.points.map((point) => ({
        month: point.month,
        monthName: monthName(point.month),
        value: point.value,
        text: formatFigure(point.value, measure.trend.format),
      })),
    },
    trendTable: trendTableView(measure),
    table: figureTableView(measure),
  };
}

/** Every measure for the scope, grouped as the page shows them, in the list's order. */
export async function readDashboard(context: OversightContext, scope: OversightScope): Promise<{ group: MeasureGroup; title: string; measures: MeasureView[] }[]> {
  const groups: { group: MeasureGroup; title: string; measures: MeasureView[] }[] = [];
  for (const module of measureModules) {
    const view = viewOf(await readMeasure(context, module, scope));
    let group = groups.find((found) => found.group === view.group);
    if (!group) groups.push((group = { group: view.group, title: groupTitles[view.group], measures: [] }));
    group.measures.push(view);
  }
  return groups;
}

/** What a figure counts is shown, judged by the access policy and downloaded a page of this many at a time. */
export const DRILL_DOWN_PAGE_SIZE = 100;

/** `?page=` of a drill-down or its download: absent is the first; anything but a whole number from 1 is refused. */
export const pageNumberParam = z
  .string()
  .regex(/^[1-9]\d{0,6}$/)
  .nullable()
  .transform((page) => (page === null ? 1 : Number(page)));

export type DrillDownPage = {
  id: string;
  title: string;
  definition: string;
  headline: string;
  /** The row asked for, in words (its first cell), or null for everything the figure counts. */
  row: { key: string; label: string } | null;
  /** This page of what the figure counts. */
  counted: TableView;
  /** How many it counts in all, which page this is (from 1), how many pages there are (at least 1), and in words. */
  total: number;
  pageNumber: number;
  pages: number;
  showing: string;
};

/** "Showing 101 to 200 of 1,250.", or "It counts nothing in this range." */
function showingInWords(total: number, first: number, shownCount: number): string {
  if (total === 0) return "It counts nothing in this range.";
  const number = (value: number) => value.toLocaleString("en-GB");
  const range = shownCount === 1 ? number(first + 1) : `${number(first + 1)} to ${number(first + shownCount)}`;
  return `Showing ${range} of ${number(total)}.`;
}

/**
 * One page of what a measure's figure (or one row of its table) counts, as this person may see it; null for a row the
 * measure's table does not have, or a page past the last.
 */
export async function readDrillDownPage(
  context: OversightContext,
  actor: Actor,
  module: MeasureModule,
  scope: OversightScope,
  rowKey: string | null,
  pageNumber = 1,
): Promise<DrillDownPage | null> {
  const measure = await readMeasure(context, module, scope);
  const view = viewOf(measure);
  const rowIndex = rowKey === null ? -1 : measure.table.rows.findIndex((row) => row.key === rowKey);
  if (rowKey !== null && rowIndex < 0) return null;
  const row = rowKey === null ? null : { key: rowKey, label: view.table.rows[rowIndex].cells[0] ?? rowKey };
  const counted = await module.counted(context, scope, rowKey);
  const pages = Math.max(1, Math.ceil(counted.length / DRILL_DOWN_PAGE_SIZE));
  if (pageNumber > pages) return null;
  const first = (pageNumber - 1) * DRILL_DOWN_PAGE_SIZE;
  // Only the page shown is judged by the policy and put into words: a figure may count a hundred thousand things.
  const items = await readDrillDown(context.sql, actor, counted.slice(first, first + DRILL_DOWN_PAGE_SIZE), context.now);
  const caption = row ? `What “${measure.title}” counts for ${row.label}` : `What “${measure.title}” counts`;
  return {
    id: measure.id,
    title: measure.title,
    definition: measure.definition,
    headline: view.headline,
    row,
    counted: countedTableView(caption, items),
    total: counted.length,
    pageNumber,
    pages,
    showing: showingInWords(counted.length, first, items.length),
  };
}

export type ExportTable = "figures" | "trend" | "counted";

/** The table a CSV export asks for, exactly as its page shows it; null for a measure or row there is no such table of. */
export async function readExport(
  context: OversightContext,
  actor: Actor,
  measureId: string,
  scope: OversightScope,
  table: ExportTable,
  rowKey: string | null,
  pageNumber = 1,
): Promise<{ view: TableView; fileName: string } | null> {
  const module = findMeasure(measureId);
  if (!module) return null;
  const pagePart = table === "counted" && pageNumber > 1 ? `-page-${pageNumber}` : "";
  const fileName = `${measureId}-${table}${rowKey ? `-${rowKey}` : ""}-${scope.from}-to-${scope.to}${scope.agencyId ? `-${scope.agencyId}` : ""}${pagePart}.csv`;
  if (table === "counted") {
    const page = await readDrillDownPage(context, actor, module, scope, rowKey, pageNumber);
    return page ? { view: page.counted, fileName } : null;
  }
  if (rowKey !== null || pageNumber !== 1) return null;
  const view = viewOf(await readMeasure(context, module, scope));
  return { view: table === "trend" ? view.trendTable : view.table, fileName };
}
