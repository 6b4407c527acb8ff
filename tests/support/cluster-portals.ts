// Several portal nodes in this process for multi-node tests: each with its own services, database pool, Redis link
// and Redis collaboration bus, all on one PostgreSQL database made (migrated, seeded) for the test file, and on channels
// of the file's own, so tests sharing the machine's Redis do not hear each other.
import type { AddressInfo } from "node:net";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { connectToServer } from "../../db/client";
import { migrate } from "../../db/migrate";
import { demoUser, DEMO_PASSWORD, seedDemoPartnership } from "../../db/seed";
import { connectRedis } from "../../server/cluster/redis";
import { createRedisCollabBus, type RedisCollabBusOptions } from "../../server/cluster/collab-bus";
import type { CollabBus } from "../../server/collab/bus";
import type { CollabOptions } from "../../server/collab/options";
import { parseConfig } from "../../server/config";
import { createPortal, loadBuild, type Portal } from "../../server/portal";
import { createServices } from "../../server/services";
import { httpTo, signInThroughBothSteps } from "./demo-codes";
import { stepClock, TestClock } from "./test-server";

export type ClusterDatabase = { url: string; drop(): Promise<void> };

/**
 * One clock for every node on a database, as one machine's would be: moved on only to the next authenticator step when
 * a person's codes for now are used, so signing the same person in again needs no 30-second wait.
 */
const clocks = new Map<string, TestClock>();
function clockOf(databaseUrl: string): TestClock {
  if (!clocks.has(databaseUrl)) clocks.set(databaseUrl, new TestClock());
  return clocks.get(databaseUrl)!;
}

/** A database of the test's own on the PostgreSQL server, migrated and seeded. */
export async function createClusterDatabase(postgresUrl: string, label = "cluster"): Promise<ClusterDatabase> {
  const name = `${label}_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
  const admin = postgres(postgresUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  const db = await connectToServer(url.toString(), { max: 2 });
  await migrate(db.sql);
  await seedDemoPartnership(db.sql);
  await db.close();
  return {
    url: url.toString(),
    async drop() {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

export type ClusterNode = {
  url: string;
  portal: Portal;
  nodeId: string;
  /** What the node's collaboration bus logged. */
  log: string[];
  bus: CollabBus;
  /** Signs in through the real form on this node; the session holds on every node. */
  signIn(userKey: string): Promise<string>;
  close(): Promise<void>;
};

/** A Redis prefix of the test's own. */
export const testPrefix = (label: string) => `test:${label}:${process.pid}:${Date.now().toString(36)}`;

export async function startClusterNode(
  databaseUrl: string,
  redisUrl: string,
  opts: { prefix: string; bus?: RedisCollabBusOptions; collab?: Partial<CollabOptions>; env?: Record<string, string> },
): Promise<ClusterNode> {
  const dataDir = mkdtempSync(join(tmpdir(), "portal-cluster-"));
  const config = parseConfig({
    NODE_ENV: "test",
    COOKIE_SECURE: "false",
    SHUTDOWN_GRACE_SECONDS: "1",
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    ...opts.env,
  });
  const db = await connectToServer(databaseUrl, { max: 5 });
  const redis = await connectRedis(redisUrl, () => {}, { prefix: opts.prefix });
  const clock = clockOf(databaseUrl);
  const services = createServices({ sql: db.sql, config, databaseKind: db.kind, redis, clock: clock.now });
  const log: string[] = [];
  const bus = createRedisCollabBus(services, { log: (line) => log.push(line), ...opts.bus });
  const portal = await createPortal(services, { build: await loadBuild(config), bus, collab: opts.collab });
  const address: AddressInfo = await portal.listen(0, "127.0.0.1");
  const url = `http://127.0.0.1:${address.port}`;
  const http = httpTo(url);
  return {
    url,
    portal,
    nodeId: redis.nodeId,
    log,
    bus,
    // Both steps; the nodes share one database, so a person's codes are taken once across them (demo-codes.ts).
    signIn: (userKey) =>
      signInThroughBothSteps(http, { portal: databaseUrl, email: demoUser(userKey).email, password: DEMO_PASSWORD, clock: stepClock({ clock }) }),
    async close() {
      await portal.close();
      await redis.close();
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
