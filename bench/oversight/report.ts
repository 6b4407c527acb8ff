// The oversight benchmark's report, as Markdown: the machine, the sizes, the figures side by side.
import type { OversightScope } from "../../server/oversight/terms";
import type { Timing } from "./direct";
import type { RunResult } from "./main";

export type Report = {
  date: string;
  seconds: number;
  machine: string;
  load: string;
  command: string;
  code: string;
  scope: OversightScope;
  requests: number;
  drillRequests: number;
  rounds: number;
  note?: string;
  runs: RunResult[];
};

const ms = (t: Timing | undefined) => (t ? `${t.p50.toFixed(0)} / ${t.p95.toFixed(0)}` : "–");
const kb = (bytes: number | undefined) => (bytes === undefined ? "–" : `${Math.round(bytes / 1024).toLocaleString("en-GB")} KB`);
const statusNote = (statuses: Record<string, number> | undefined) => {
  const failed = Object.entries(statuses ?? {}).filter(([status]) => status !== "200");
  return failed.length ? ` [${failed.map(([status, count]) => `${count}× ${status}`).join(", ")}]` : "";
};
const aim = (t: Timing | undefined) => (t ? (t.p95 < 200 ? "yes" : "no") : "–");

export function writeReport(report: Report): string {
  const { runs } = report;
  const head = (title: string) => `| ${title} | ${runs.map((run) => run.kind).join(" | ")} |\n| --- |${runs.map(() => " ---: |").join("")}`;
  const lines = [
    "# Oversight benchmark",
    "",
    `- Date: ${report.date} (took ${report.seconds.toFixed(0)} s)`,
    `- Machine: ${report.machine}; load average ${report.load}`,
    `- Command: \`${report.command}\``,
    `- Code: ${report.code}`,
    `- Scope: ${report.scope.from} to ${report.scope.to}, the whole partnership; signed in as the demo's partnership manager`,
    ...runs.map((run) => `- ${run.kind}: ${run.where}${run.generatedSeconds === null ? " (generated in an earlier run)" : ` (generated in this run in ${run.generatedSeconds.toFixed(0)} s)`}`),
    ...(report.note ? [`- Note: ${report.note}`] : []),
    "",
    "## Sizes",
    "",
    head("rows"),
    ...Object.keys(runs[0]?.sizes ?? {}).map((key) => `| ${key} | ${runs.map((run) => (run.sizes[key] ?? 0).toLocaleString("en-GB")).join(" | ")} |`),
    "",
  ];
  if (runs.some((run) => run.http)) {
    lines.push(
      `## Pages over HTTP (p50 / p95 ms: the dashboard over ${report.requests} requests${report.drillRequests ? `, each drill-down over ${report.drillRequests}` : ""}; one after another, after one warm-up)`,
      "",
      head("page"),
      `| **dashboard** \`/oversight\` | ${runs.map((run) => ms(run.http?.dashboard.timing)).join(" | ")} |`,
      `| dashboard p95 under 200 ms | ${runs.map((run) => aim(run.http?.dashboard.timing)).join(" | ")} |`,
      ...(runs[0].http?.drillDowns ?? []).map(
        (page, i) =>
          `| drill-down \`/oversight/${page.path.split("/")[2].split("?")[0]}\` | ${runs.map((run) => `${ms(run.http?.drillDowns[i]?.timing)}${statusNote(run.http?.drillDowns[i]?.statuses)} (${kb(run.http?.drillDowns[i]?.bytes)})`).join(" | ")} |`,
      ),
      "",
      `Responses: ${runs.map((run) => `${run.kind}: dashboard ${JSON.stringify(run.http?.dashboard.statuses)} (${run.http?.dashboard.bytes.toLocaleString("en-GB")} bytes)`).join("; ")}.`,
      "",
    );
  }
  if (runs.some((run) => run.direct)) {
    lines.push(
      `## Measures in-process (p50 / p95 ms over ${report.rounds} rounds after one warm-up): each measure's read, and what it counts`,
      "",
      `| measure | ${runs.map((run) => `${run.kind} read | ${run.kind} counted`).join(" | ")} | rows counted |`,
      `| --- |${runs.map(() => " ---: | ---: |").join("")} ---: |`,
      `| **every measure** (readMeasures) | ${runs.map((run) => `${ms(run.direct?.dashboard)} | `).join(" | ")} |`,
      ...(runs[0].direct?.measures ?? []).map(
        (measure, i) =>
          `| ${measure.id} | ${runs.map((run) => `${ms(run.direct?.measures[i]?.read)} | ${ms(run.direct?.measures[i]?.counted)}`).join(" | ")} | ${measure.countedRows.toLocaleString("en-GB")} |`,
      ),
      "",
    );
  }
  return lines.join("\n");
}
