// The real portal on port 0 against a fresh database, with a clock the test moves, and helpers to act as a person.
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { demoUser, DEMO_PASSWORD } from "../../db/seed";
import type { CollabOptions } from "../../server/collab/collab-server";
import { parseConfig, type Config } from "../../server/config";
import { createPortal, type Portal } from "../../server/portal";
import { createServices, sessionCookieName } from "../../server/services";

const SESSION_COOKIE = sessionCookieName({ COOKIE_SECURE: false });
import { signInThroughBothSteps } from "./demo-codes";
import { createTestDatabase, type TestDatabase } from "./test-database";

export class TestClock {
  private offsetMs = 0;
  now = () => new Date(Date.now() + this.offsetMs);
  advance(ms: number) {
    this.offsetMs += ms;
  }
  advanceMinutes(minutes: number) {
    this.advance(minutes * 60_000);
  }
}

export type TestServer = {
  url: string;
  origin: string;
  port: number;
  db: TestDatabase;
  clock: TestClock;
  portal: Portal;
  config: Config;
  /** Signs in through the real form; returns the Cookie header value to send. */
  signIn(userKey: string, password?: string): Promise<string>;
  /** A same-origin form POST, as the portal's own pages send it. */
  post(path: string, form: Record<string, string>, cookie?: string, init?: RequestInit): Promise<Response>;
  get(path: string, cookie?: string): Promise<Response>;
  close(): Promise<void>;
};

export async function startTestServer(
  env: Record<string, string> = {},
  opts: { collab?: Partial<CollabOptions> } = {},
): Promise<TestServer> {
  const db = await createTestDatabase();
  // Its own data folder, so mail written to the outbox (no SMTP_URL) never lands in a developer's `.data`.
  const dataDir = mkdtempSync(join(tmpdir(), "partnership-portal-test-"));
  const config = parseConfig({ NODE_ENV: "test", COOKIE_SECURE: "false", SHUTDOWN_GRACE_SECONDS: "1", DATA_DIR: dataDir, ...env });
  const clock = new TestClock();
  const portal = await createPortal(createServices({ sql: db.sql, config, clock: clock.now, databaseKind: db.kind }), opts);
  const address: AddressInfo = await portal.listen(0, "127.0.0.1");
  const origin = `http://127.0.0.1:${address.port}`;

  const get = (path: string, cookie?: string) =>
    fetch(`${origin}${path}`, { redirect: "manual", headers: cookie ? { cookie } : {} });
  const post = (path: string, form: Record<string, string>, cookie?: string, init: RequestInit = {}) =>
    fetch(`${origin}${path}`, {
      method: "POST",
      redirect: "manual",
      body: new URLSearchParams(form),
      ...init,
      headers: {
        origin,
        "content-type": "application/x-www-form-urlencoded",
        ...(cookie ? { cookie } : {}),
        ...(init.headers as Record<string, string> | undefined),
      },
    });

  return {
    url: origin,
    origin,
    port: address.port,
    db,
    clock,
    portal,
    config,
    get,
    post,
    async signIn(userKey, password = DEMO_PASSWORD) {
      return signInThroughBothSteps({ post, get }, { portal: origin, email: demoUser(userKey).email, password, clock: stepClock({ clock }) });
    },
    async close() {
      await portal.close();
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The test's clock as the sign-in helpers use it: moved on to the next code's step when a person's codes for now are used. */
export function stepClock(server: { clock: TestClock }) {
  return { now: server.clock.now, wait: async (ms: number) => server.clock.advance(ms) };
}

export function sessionTokenFrom(response: Response): string | null {
  for (const header of response.headers.getSetCookie()) {
    const match = header.match(new RegExp(`^${SESSION_COOKIE}=([^;]*)`));
    if (match) return match[1] || null;
  }
  return null;
}
