// The pages themselves: the built portal started as `npm start` runs it on the generated database, signed in as the
// demo's partnership manager, the dashboard and each drill-down asked for one after another (one warm-up each).
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { DEMO_PASSWORD, demoUser } from "../../db/seed";
import { measureModules } from "../../server/oversight/measures";
import type { OversightScope } from "../../server/oversight/terms";
import { signInOver, startPortalProcess } from "../../tests/support/portal-process";
import { projectRoot, type Target } from "./database";
import { timing, type Timing } from "./direct";

export type PageTiming = { path: string; timing: Timing; statuses: Record<string, number>; bytes: number };
export type HttpResult = { dashboard: PageTiming; drillDowns: PageTiming[] };

export function buildIfNeeded(): void {
  execFileSync(process.execPath, ["--import", "tsx", "scripts/build-if-needed.ts"], { cwd: projectRoot, stdio: "inherit" });
}

/** The build folder is shared with other work on this machine: wait while someone else rebuilds it. */
async function waitForBuild(): Promise<void> {
  for (let waited = 0; waited < 300_000 && !existsSync(join(projectRoot, "build", "server", "index.js")); waited += 5000)
    await new Promise((resolve) => setTimeout(resolve, 5000));
}

async function timePage(url: string, cookie: string, path: string, requests: number): Promise<PageTiming> {
  const statuses: Record<string, number> = {};
  const samples: number[] = [];
  let bytes = 0;
  for (let i = 0; i <= requests; i++) {
    const started = performance.now();
    const response = await fetch(`${url}${path}`, { headers: { cookie }, redirect: "manual" });
    const body = await response.arrayBuffer();
    const ms = performance.now() - started;
    if (i === 0) continue; // the warm-up
    samples.push(ms);
    bytes = body.byteLength;
    statuses[response.status] = (statuses[response.status] ?? 0) + 1;
  }
  return { path, timing: timing(samples), statuses, bytes };
}

export async function measureOverHttp(target: Target, scope: OversightScope, requests: number, drillRequests: number, log: (line: string) => void): Promise<HttpResult> {
  await waitForBuild();
  const portal = startPortalProcess({ ...target.env, NODE_ENV: "production", SMTP_URL: "" });
  try {
    const url = await portal.address();
    const cookie = await signInOver(url, demoUser("partnershipManager").email, DEMO_PASSWORD);
    const query = `from=${scope.from}&to=${scope.to}`;
    const dashboard = await timePage(url, cookie, `/oversight?${query}`, requests);
    log(`    /oversight: p50 ${dashboard.timing.p50.toFixed(0)} ms, p95 ${dashboard.timing.p95.toFixed(0)} ms (${JSON.stringify(dashboard.statuses)})`);
    const drillDowns: PageTiming[] = [];
    for (const module of drillRequests > 0 ? measureModules : []) {
      const page = await timePage(url, cookie, `/oversight/${module.id}?${query}`, drillRequests);
      log(`    /oversight/${module.id}: p50 ${page.timing.p50.toFixed(0)} ms, p95 ${page.timing.p95.toFixed(0)} ms (${JSON.stringify(page.statuses)})`);
      drillDowns.push(page);
    }
    return { dashboard, drillDowns };
  } finally {
    if (portal.child.exitCode !== null || portal.child.signalCode !== null)
      log(`  the portal stopped by itself: code ${portal.child.exitCode}, signal ${portal.child.signalCode}`);
    portal.child.kill("SIGTERM");
    const run = await portal.exited;
    // A server error's cause is in the portal's own output: kept for the reader.
    const errors = run.stderr.split("\n").filter((line) => line.trim()).slice(-20);
    if (errors.length) log(`  the portal's error output (last lines):\n${errors.map((line) => `    ${line}`).join("\n")}`);
  }
}
