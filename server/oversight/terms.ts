// The terms every oversight measure is written in (issue 13): what a figure is for (a scope), what a measure shows
// (a headline, a trend by month, a table) and what it counts (for the drill-down). A measure is one module in this
// folder; ./measures.ts lists them. Figures are counted here without names: the drill-down (./drill-down.ts) asks
// the access policy what of each counted thing a person may see.
import type { Sql } from "../../db/client";
import type { FrontDoorClocks } from "../calendar/front-door-clock";
import type { Calendar } from "../calendar/working-days";

/** What the figures are for: the days `from`..`to` inclusive (dates in England), and one agency's part or the whole. */
export type OversightScope = { from: string; to: string; agencyId: string | null };

/** What a measure needs: the database, the working-day calendar, the front door's clocks and the time now. */
export type MeasureContext = { sql: Sql; calendar: Calendar; frontDoorClocks: FrontDoorClocks; now: Date };

/** How a figure reads: a count, a percentage (0–100, one decimal), a number of days, or a score (0–10). */
export type FigureFormat = "count" | "percent" | "days" | "working-days" | "score" | "text";

export type Cell = string | number | null;
export type Column = { key: string; label: string; format: FigureFormat };
/** A row's `key` names what it is (a rating, an agency's id, a category): the drill-down opens what that row counts. */
export type FigureRow = { key: string; cells: Record<string, Cell> };
export type FigureTable = { caption: string; columns: Column[]; rows: FigureRow[] };

/** One month (YYYY-MM) of a trend; `of` is what a percentage is of (null: nothing to count that month). */
export type MonthPoint = { month: string; value: number | null; of?: number };

export type MeasureGroup = "front-door" | "strategy-meetings" | "conferences-and-core-groups" | "actions" | "plans" | "scaling";

export type Measure = {
  /** Its address: /oversight/<id>. */
  id: string;
  group: MeasureGroup;
  title: string;
  /** What it counts and how, in plain words, shown on the page beside the figure. */
  definition: string;
  /** The figure itself for the whole scope; `numerator`/`denominator` where it is a share. */
  headline: { value: number | null; format: FigureFormat; numerator?: number; denominator?: number };
  /** The published national figure beside it, where there is one. */
  national?: { value: number; format: FigureFormat; source: string };
  /** By month, over the scope's months. */
  trend: { label: string; format: FigureFormat; points: MonthPoint[] };
  table: FigureTable;
};

/** One thing a figure counts: the case or contact it is about, the agency it counts for, its dates and its outcome. */
export type Counted = {
  caseId: number | null;
  contactId: number | null;
  /** The child's name as recorded: shown only where the policy lets the person read the case (./drill-down.ts). */
  childName: string;
  agencyId: string;
  dates: { label: string; date: string }[];
  /** How it counts, in words: "Decided in time", "Missed by 2 working days", "Apologies". */
  outcome: string;
  /**
   * Words written on the case that explain the outcome (why a conference was late, as its chair recorded): free text
   * that may name the family, so shown, like the child's name, only where the policy lets the person read the case.
   */
  caseWords?: string;
};

export type MeasureModule = {
  id: string;
  read(context: MeasureContext, scope: OversightScope): Promise<Measure>;
  /** What the figure counts; `rowKey`: only what one row of its table counts. */
  counted(context: MeasureContext, scope: OversightScope, rowKey: string | null): Promise<Counted[]>;
};
