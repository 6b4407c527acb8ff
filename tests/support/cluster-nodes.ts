// Several portal nodes in this process, as in production: one PostgreSQL database (made, migrated and seeded here),
// each node with its own pool and its own link to Redis, on channels of their own so test runs sharing a Redis do not
// hear one another. Helpers act as a person on a given node.
import { signInThroughBothSteps } from "./demo-codes";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { connectToServer, type Sql } from "../../db/client";
import { migrate } from "../../db/migrate";
import { demoUser, DEMO_PASSWORD, seedDemoPartnership } from "../../db/seed";
import { connectRedis } from "../../server/cluster/redis";
import { parseConfig } from "../../server/config";
import { createPortal, type Portal } from "../../server/portal";
import { createServices } from "../../server/services";
import { TestClock } from "./test-server";

export type ClusterNode = {
  name: string;
  url: string;
  origin: string;
  portal: Portal;
  /** What the node logged about Redis and the other nodes. */
  log: string[];
  signIn(userKey: string): Promise<string>;
  post(path: string, form: Record<string, string> | URLSearchParams, cookie?: string): Promise<Response>;
  get(path: string, cookie?: string): Promise<Response>;
  close(): Promise<void>;
};

export type Cluster = {
  nodes: ClusterNode[];
  /** The shared database, for reading what is stored. */
  sql: Sql;
  databaseUrl: string;
  redisPrefix: string;
  startNode(name: string, redisUrl?: string): Promise<ClusterNode>;
  close(): Promise<void>;
};

/** Makes a database on the server at `postgresUrl` and starts `count` nodes on it, joined through `redisUrl`. */
export async function startCluster(servers: { postgresUrl: string; redisUrl: string }, count: number, env: Record<string, string> = {}): Promise<Cluster> {
  const name = `helper_b_cluster_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = postgres(servers.postgresUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(servers.postgresUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const shared = await connectToServer(databaseUrl, { max: 3 });
  await migrate(shared.sql);
  await seedDemoPartnership(shared.sql);
  const redisPrefix = `test-${name}`;
  const dataDir = mkdtempSync(join(tmpdir(), "portal-cluster-"));
  const nodes: ClusterNode[] = [];
  // One clock for every node, as one machine's would be: moved on only to the next authenticator step when a person's
  // codes for now are used (demo-codes.ts), so signing the same person in again needs no 30-second wait.
  const clock = new TestClock();
  const stepClock = { now: clock.now, wait: async (ms: number) => clock.advance(ms) };

  const startNode = async (nodeName: string, redisUrl = servers.redisUrl): Promise<ClusterNode> => {
    const db = await connectToServer(databaseUrl, { max: 5 });
    const config = parseConfig({
      NODE_ENV: "test", COOKIE_SECURE: "false", SHUTDOWN_GRACE_SECONDS: "1", DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, ACCESS_RECHECK_MS: "5000", ...env,
    });
    const log: string[] = [];
    const redis = await connectRedis(redisUrl, (line) => log.push(line), { prefix: redisPrefix });
    const portal = await createPortal(createServices({ sql: db.sql, config, databaseKind: "server", redis, clock: clock.now }));
    const { port } = await portal.listen(0, "127.0.0.1");
    const origin = `http://127.0.0.1:${port}`;
    const get = (path: string, cookie?: string) => fetch(`${origin}${path}`, { redirect: "manual", headers: cookie ? { cookie } : {} });
    const post = (path: string, form: Record<string, string> | URLSearchParams, cookie?: string) =>
      fetch(`${origin}${path}`, {
        method: "POST",
        redirect: "manual",
        body: form instanceof URLSearchParams ? form : new URLSearchParams(form),
        headers: { origin, "content-type": "application/x-www-form-urlencoded", ...(cookie ? { cookie } : {}) },
      });
    let closed = false;
    const node: ClusterNode = {
      name: nodeName,
      url: origin,
      origin,
      portal,
      log,
      get,
      post,
      // The nodes share one database: a person's codes are taken once across all of them (demo-codes.ts).
      signIn: (userKey) =>
        signInThroughBothSteps({ get, post }, { portal: databaseUrl, email: demoUser(userKey).email, password: DEMO_PASSWORD, clock: stepClock }),
      async close() {
        if (closed) return;
        closed = true;
        await portal.close();
        await redis.close();
        await db.close();
      },
    };
    nodes.push(node);
    return node;
  };

  for (let index = 0; index < count; index++) await startNode(String.fromCharCode(65 + index));
  return {
    nodes,
    sql: shared.sql,
    databaseUrl,
    redisPrefix,
    startNode,
    async close() {
      for (const node of nodes) await node.close();
      await shared.close();
      const cleanup = postgres(servers.postgresUrl, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists ${name} with (force)`);
      await cleanup.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
