// Several nodes, end to end: two browsers come in through HAProxy, the balancer puts them on different nodes (each
// stays on its own, by the sticky cookie), and both type into Lily's live case notes: each sees the other's words,
// labelled caret and presence, as on one node. The nodes and balancer are `npm run start:nodes`'s own
// (scripts/start-nodes.ts, in a child process: the Playwright loader cannot load the server's modules), on a fresh
// database on the PostgreSQL server and Redis of tests/support/cluster-env.ts, never the embedded server the other
// end-to-end tests share.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import postgres from "postgres";
import { clusterServers } from "../support/cluster-env";
import { demoUser, signIn } from "../support/e2e-fixtures";
import { freePort } from "../../scripts/cluster/free-port";
import { findHaproxy } from "../../scripts/cluster/haproxy-config";

// CI installs haproxy (.ci/run) and must run this test; elsewhere a machine without it skips, saying so.
const haproxyMissing = findHaproxy() === null;
const missing = !clusterServers
  ? "needs a PostgreSQL server and Redis (tests/support/cluster-env.ts)"
  : haproxyMissing && !process.env.CI
    ? "needs haproxy (apt-get install haproxy)"
    : null;

const notesEditor = (page: Page) => page.getByRole("textbox", { name: "Case notes (live)" });
const presenceList = (page: Page) => page.getByRole("list", { name: "Who is here now" });

/** Which node answers this browser: `/health` through the balancer, with the browser's own cookies. */
async function servingNode(page: Page): Promise<string> {
  const response = await page.request.get("/health");
  expect(response.status()).toBe(200);
  return ((await response.json()) as { node: string }).node;
}

type Nodes = { url: string; nodeIds: string[]; output(): string; stop(): Promise<void> };

/** `npm run start:nodes -- --nodes <count>` on a free port; resolves once it has printed the address and the nodes. */
async function startNodes(count: number, env: Record<string, string>): Promise<Nodes> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start-nodes.ts", "--nodes", String(count)], {
    env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1", PUBLIC_ORIGIN: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited;
  };
  for (const deadline = Date.now() + 150_000; !output.includes("Ctrl-C stops"); ) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`npm run start:nodes did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const url = output.match(/running at (http:\/\/\S+)/)![1];
  const nodeIds = [...output.matchAll(/^ {2}n\d+ {2}\S+ {2}node (\S+)$/gm)].map((match) => match[1]);
  return { url, nodeIds, output: () => output, stop };
}

test.describe("several nodes behind the balancer", () => {
  test.skip(missing !== null, missing ?? "");

  const run = randomBytes(4).toString("hex");
  const database = `c_e2e_nodes_${run}`;
  let dataDir = "";
  let nodes: Nodes | null = null;
  const contexts: BrowserContext[] = [];

  const admin = () => postgres(clusterServers!.postgresUrl, { max: 1, onnotice: () => {} });

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    dataDir = mkdtempSync(join(tmpdir(), "portal-e2e-nodes-"));
    const sql = admin();
    await sql.unsafe(`create database ${database}`);
    await sql.end();
    const url = new URL(clusterServers!.postgresUrl);
    url.pathname = `/${database}`;
    nodes = await startNodes(2, {
      DATABASE_URL: url.toString(),
      REDIS_URL: clusterServers!.redisUrl,
      DATA_DIR: dataDir,
      SMTP_URL: "",
      SHUTDOWN_GRACE_SECONDS: "2",
    });
  });

  test.afterEach(async ({}, testInfo) => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
    if (nodes && testInfo.status !== testInfo.expectedStatus) await testInfo.attach("nodes and balancer", { body: nodes.output() });
  });

  test.afterAll(async () => {
    test.setTimeout(90_000);
    await nodes?.stop();
    const sql = admin();
    await sql.unsafe(`drop database if exists ${database} with (force)`);
    await sql.end();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  /** A new browser through the balancer, signed in as a demo person. */
  async function through(browser: Browser, userKey: string): Promise<Page> {
    const context = await browser.newContext({ baseURL: nodes!.url });
    contexts.push(context);
    const page = await context.newPage();
    await signIn(page, userKey, { axe: false });
    return page;
  }

  test("two people on different nodes type into the same notes and see each other's words, carets and presence", async ({ browser }) => {
    test.setTimeout(120_000);
    const police = await through(browser, "police");
    const health = await through(browser, "health");

    // The balancer gave each browser a node by round robin, and keeps each on its own.
    const nodeIds = nodes!.nodeIds;
    expect(nodeIds).toHaveLength(2);
    const policeNode = await servingNode(police);
    const healthNode = await servingNode(health);
    expect(nodeIds).toContain(policeNode);
    expect(nodeIds).toContain(healthNode);
    expect(healthNode).not.toBe(policeNode);
    for (const [page, node] of [[police, policeNode], [health, healthNode]] as const)
      for (let again = 0; again < 3; again += 1) expect(await servingNode(page)).toBe(node);

    for (const page of [police, health]) {
      await page.goto("/cases/1");
      await expect(notesEditor(page)).toBeVisible({ timeout: 15_000 });
      await expect(page.getByTestId("live-notes-status")).toHaveText("Connected");
    }
    const policePerson = demoUser("police");
    const healthPerson = demoUser("health");
    for (const page of [police, health]) {
      await expect(presenceList(page)).toContainText(`${policePerson.fullName}, Kestrel Vale Police`);
      await expect(presenceList(page)).toContainText(`${healthPerson.fullName}, Sandmere Community Health NHS Trust`);
    }

    const policeWords = `Police visit planned across nodes ${run}`;
    const healthWords = `Health visitor saw Lily across nodes ${run}`;
    await typeAtEnd(police, policeWords);
    await expect(notesEditor(health)).toContainText(policeWords);
    await expect(health.locator(".collaboration-carets__label", { hasText: `${policePerson.fullName} (Kestrel Vale Police)` })).toBeVisible();

    await typeAtEnd(health, healthWords);
    await expect(notesEditor(police)).toContainText(healthWords);
    await expect(
      police.locator(".collaboration-carets__label", { hasText: `${healthPerson.fullName} (Sandmere Community Health NHS Trust)` }),
    ).toBeVisible();

    // Both hold the same notes, and a new visit reads them back.
    await expect(notesEditor(police)).toContainText(policeWords);
    await expect(notesEditor(health)).toContainText(policeWords);
    await health.reload();
    await expect(notesEditor(health)).toContainText(policeWords, { timeout: 15_000 });
    await expect(notesEditor(health)).toContainText(healthWords);
  });
});

/** Types a new paragraph at the end of the notes. */
async function typeAtEnd(page: Page, text: string) {
  await notesEditor(page).click();
  await page.keyboard.press("Control+End");
  await page.keyboard.press("Enter");
  await page.keyboard.type(text, { delay: 10 });
}
