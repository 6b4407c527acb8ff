// The portal as `npm start` runs it: a real process, its messages, its exit codes and its shutdown.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { projectRoot } from "../../server/http";
import { signInOver, startPortalProcess, type Run } from "../support/portal-process";

const startPortal = startPortalProcess;

const dataDirs: string[] = [];
afterAll(() => {
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

describe("a bad DATABASE_URL stops the start with one line naming it", () => {
  test.each([
    ["malformed", "mysql://root@localhost/portal", /^Cannot start: DATABASE_URL: must be a URL of the form postgres:\/\/user@host:port\/database$/],
    ["not a URL", "not a url", /^Cannot start: DATABASE_URL: must be a URL/],
    ["unreachable", "postgres://portal@127.0.0.1:1/portal", /^Cannot start: DATABASE_URL: cannot use 127\.0\.0\.1:1\/portal \(.*ECONNREFUSED.*\)$/],
  ])("%s", async (_name, url, message) => {
    const run = await startPortal({ DATABASE_URL: url }).exited;
    expect(run.code).not.toBe(0);
    const lines = run.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
  });

  test("a bad PORT is named too", async () => {
    const run = await startPortal({ PORT: "seventy", DATABASE_URL: "" }).exited;
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toMatch(/^Cannot start: PORT: /);
  });
});

describe("the embedded database", () => {
  test("is created and seeded on first start, kept on the next, and the portal stops cleanly on SIGTERM", { timeout: 120_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "portal-start-"));
    dataDirs.push(dataDir);
    const env = { DATABASE_URL: "", DATA_DIR: dataDir };

    const first = startPortal(env);
    const url = await first.address();
    expect(first.output()).toContain("First start: seeding the fictional Sandmere partnership");
    expect(first.output()).toContain("Demo sign-ins (password for all: sandmere-demo-2026)");
    expect(first.output()).toContain("alex.morgan@kestrelvale-police.example");
    expect(first.output()).toContain(`Mail: no SMTP_URL set: email is written to ${join(dataDir, "outbox")}`);
    const cookie = await signInOver(url, "alex.morgan@kestrelvale-police.example", "sandmere-demo-2026");
    first.child.kill("SIGTERM");
    const stopped = await first.exited;
    expect(stopped.code).toBe(0);
    expect(stopped.stdout).toContain("Stopped.");

    const second = startPortal(env);
    const secondUrl = await second.address();
    expect(second.output()).not.toContain("First start");
    expect(second.output()).toContain("Demo sign-ins");
    // The session made before the restart is still there: the data was kept on disk.
    expect((await fetch(`${secondUrl}/`, { headers: { cookie }, redirect: "manual" })).status).toBe(200);
    second.child.kill("SIGINT");
    expect((await second.exited).code).toBe(0);
  });
});

describe.runIf(process.env.DATABASE_URL)("a PostgreSQL server", () => {
  test("is migrated at start but never seeded silently; `npm run db:seed` seeds an empty one only", { timeout: 120_000 }, async () => {
    const postgres = (await import("postgres")).default;
    const admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    const name = `portal_start_${Date.now().toString(36)}`;
    await admin.unsafe(`create database ${name}`);
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `/${name}`;
    try {
      const portal = startPortal({ DATABASE_URL: url.toString() });
      await portal.address();
      expect(portal.output()).toContain("run `npm run db:seed`");
      expect(portal.output()).not.toContain("Demo sign-ins");
      portal.child.kill("SIGTERM");
      expect((await portal.exited).code).toBe(0);

      const seed = (extraEnv: Record<string, string>) =>
        new Promise<Run>((resolve) => {
          const child = spawn(process.execPath, ["--import", "tsx", "db/seed-cli.ts"], { cwd: projectRoot, env: { ...process.env, ...extraEnv } });
          let stdout = "";
          let stderr = "";
          child.stdout.on("data", (chunk) => (stdout += chunk));
          child.stderr.on("data", (chunk) => (stderr += chunk));
          child.on("exit", (code, signal) => resolve({ code, signal, stdout, stderr }));
        });
      const seeded = await seed({ DATABASE_URL: url.toString() });
      expect(seeded.code).toBe(0);
      expect(seeded.stdout).toContain("Seeded the fictional Sandmere partnership");
      const again = await seed({ DATABASE_URL: url.toString() });
      expect(again.code).toBe(1);
      expect(again.stderr).toContain("Not seeded: The database already has people in it");
    } finally {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });
});
