// A crash loses nothing the server had received well before it: the portal is killed with SIGKILL mid-edit and
// restarted, with the editing clients gone, so only the server's own store can bring the words back. "Well before" is
// a second: ten times the interval between commits, so a loaded machine's late timer does not fail the run, while a
// store that did not commit as it went (only at unload, or at shutdown) still loses a few seconds of typing and fails.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { DEMO_PASSWORD } from "../../db/seed";
import { providerFor, synced, text } from "../support/collab-client";
import { signInOver, startPortalProcess } from "../support/portal-process";

/** How long before the crash an update must have been received for it to be owed back. */
const COMMIT_TOLERANCE_MS = 1000;

const dataDir = mkdtempSync(join(tmpdir(), "portal-crash-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

test("every update received more than a second before a SIGKILL is there after the restart", { timeout: 120_000 }, async () => {
  const env = { DATABASE_URL: process.env.DATABASE_URL ?? "", DATA_DIR: dataDir, ACCESS_RECHECK_MS: "2000" };
  // On a PostgreSQL server the crash test needs a database of its own, seeded.
  let dropDatabase = async () => {};
  if (process.env.DATABASE_URL) {
    const postgres = (await import("postgres")).default;
    const admin = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
    const name = `portal_crash_${Date.now().toString(36)}`;
    await admin.unsafe(`create database ${name}`);
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
    const { connectToServer } = await import("../../db/client");
    const { migrate } = await import("../../db/migrate");
    const { seedDemoPartnership } = await import("../../db/seed");
    const db = await connectToServer(env.DATABASE_URL);
    await migrate(db.sql);
    await seedDemoPartnership(db.sql);
    await db.close();
    dropDatabase = async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  }
  try {
    const first = startPortalProcess(env);
    const url = await first.address();
    const cookie = await signInOver(url, "alex.morgan@kestrelvale-police.example", DEMO_PASSWORD);
    const editor = providerFor(url, "case:1:notes", { cookie });
    // A second person watches: when they see a change, the server had received it.
    const observer = providerFor(url, "case:1:notes", { cookie: await signInOver(url, "emma.clarke@larkfield-school.example", DEMO_PASSWORD) });
    await Promise.all([synced(editor), synced(observer)]);
    const receivedAt = new Map<number, number>();
    observer.doc.getText("notes").observe(() => {
      const now = Date.now();
      for (const match of text(observer).matchAll(/\[(\d+)\]/g)) if (!receivedAt.has(Number(match[1]))) receivedAt.set(Number(match[1]), now);
    });

    let sent = 0;
    const notes = editor.doc.getText("notes");
    const typing = setInterval(() => {
      notes.insert(notes.length, `[${sent}]`);
      sent += 1;
    }, 15);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const killedAt = Date.now();
    first.child.kill("SIGKILL");
    clearInterval(typing);
    editor.destroy(); // the editing clients are gone: they cannot push their copies back
    observer.destroy();
    expect((await first.exited).signal).toBe("SIGKILL");

    const second = startPortalProcess(env);
    const secondUrl = await second.address();
    const reader = providerFor(secondUrl, "case:1:notes", { cookie: await signInOver(secondUrl, "nadia.hussain@sandmere-health.example", DEMO_PASSWORD) });
    await synced(reader);
    const recovered = text(reader);
    const mustSurvive = [...receivedAt].filter(([, at]) => at < killedAt - COMMIT_TOLERANCE_MS).map(([index]) => index);
    expect(mustSurvive.length).toBeGreaterThan(30);
    const missing = mustSurvive.filter((index) => !recovered.includes(`[${index}]`));
    expect(missing).toEqual([]);
    reader.destroy();
    second.child.kill("SIGTERM");
    await second.exited;
  } finally {
    await dropDatabase();
  }
});
