// The portal's own server for the collaboration benchmark, in a process of its own (forked by bench/collab/main.ts).
//   prepare: migrate, seed the demo partnership, add R bench cases with the bench people as members, create C sessions;
//            sends { type: "prepared", tokens } over IPC and exits (so the serving process starts with a clean heap).
//   serve:   the real createPortal (auth, audit, persistence, re-checks) on 127.0.0.1, port 0; answers "stats",
//            "flush", "dbstats" and "stop".
// The database: BENCH_DATABASE_URL when given, otherwise embedded PGlite in BENCH_DATA_DIR (in this process, as the
// embedded portal runs it). BENCH_REDIS_URL (with BENCH_DATABASE_URL): one of several nodes, joined through Redis as
// server/index.ts joins them (REDIS_URL).
import type { ServerBuild } from "@remix-run/node";
import { openDatabase, type Database } from "../db/client";
import { migrate } from "../db/migrate";
import { seedDemoPartnership } from "../db/seed";
import * as Y from "yjs";
import { createSession } from "../server/auth/sessions";
import { checkRedis, connectRedis, redisPrefixFor, type RedisLink } from "../server/cluster/redis";
import { loadDocument } from "../server/collab/persistence";
import { parseConfig, type Config } from "../server/config";
import { createPortal, loadBuild, type Portal } from "../server/portal";
import { createServices } from "../server/services";
import { sleep, watchEventLoopDelay } from "./lib";

/** Demo practitioners who may write case notes when they are members of the case. */
export const benchUserKeys = ["socialWorker", "police", "health", "education", "gp"] as const;
const userEmails: Record<(typeof benchUserKeys)[number], string> = {
  socialWorker: "sam.okafor@sandmere-council.example",
  police: "alex.morgan@kestrelvale-police.example",
  health: "nadia.hussain@sandmere-health.example",
  education: "emma.clarke@larkfield-school.example",
  gp: "olu.adeyemi@harbourlane-surgery.example",
};

const mode = process.argv[2];
const send = (message: unknown) => process.send?.(message);

const eventLoop = watchEventLoopDelay();

function config() {
  return parseConfig({
    NODE_ENV: "production",
    HOST: "127.0.0.1",
    COOKIE_SECURE: "false",
    SHUTDOWN_GRACE_SECONDS: "1",
    DATA_DIR: process.env.BENCH_DATA_DIR,
    DATABASE_URL: process.env.BENCH_DATABASE_URL,
    REDIS_URL: process.env.BENCH_REDIS_URL,
  });
}

async function open(): Promise<Database> {
  const cfg = config();
  return openDatabase({ databaseUrl: cfg.DATABASE_URL, dataDir: cfg.DATA_DIR });
}

async function prepare(rooms: number, clients: number): Promise<void> {
  const db = await open();
  try {
    await migrate(db.sql);
    await seedDemoPartnership(db.sql);
    const sql = db.sql;
    const users = await sql<{ id: string; email: string; agencyId: string }[]>`
      select id, email, agency_id as "agencyId" from users where email in ${sql(Object.values(userEmails))}`;
    const byKey = benchUserKeys.map((key) => {
      const user = users.find((candidate) => candidate.email === userEmails[key]);
      if (!user) throw new Error(`demo user ${key} missing`);
      return { key, id: Number(user.id), agencyId: user.agencyId };
    });
    const caseIds: number[] = [];
    await sql.begin(async (tx) => {
      for (let r = 0; r < rooms; r++) {
        const [row] = await tx<{ id: string }[]>`
          insert into cases (reference, opened_on) values (${`BENCH-${String(r + 1).padStart(5, "0")}`}, '2026-11-01') returning id`;
        const caseId = Number(row.id);
        caseIds.push(caseId);
        const agencies = [...new Set(byKey.map((user) => user.agencyId))];
        await tx`insert into case_agencies ${tx(agencies.map((agencyId, i) => ({ case_id: caseId, agency_id: agencyId, is_lead: i === 0 })))}`;
        await tx`insert into case_members ${tx(
          byKey.map((user, i) => ({ case_id: caseId, user_id: user.id, role_on_case: "Bench member", is_lead: i === 0 })),
        )}`;
      }
    });
    const services = createServices({ sql, config: config(), databaseKind: db.kind });
    // Client i of room r is person (i mod 5): every client has a session of its own.
    const perRoom = Math.ceil(clients / rooms);
    const tokens: { room: string; token: string; userKey: string }[] = [];
    for (let c = 0; c < clients; c++) {
      const r = c % rooms;
      const slot = Math.floor(c / rooms) % perRoom;
      const user = byKey[slot % byKey.length];
      const { token } = await createSession(sql, {
        userId: user.id,
        now: new Date(),
        settings: services.sessionSettings,
        ip: "127.0.0.1",
        userAgent: "bench",
        // Signed in in full, as after both steps (decision 056): the benchmark measures documents, not signing in.
        method: "password+authenticator",
        secondFactorAt: new Date(),
      });
      tokens.push({ room: `case:${caseIds[r]}:notes`, token, userKey: user.key });
    }
    await db.close();
    await new Promise<void>((resolve) => process.send!({ type: "prepared", tokens, description: db.description }, () => resolve()));
    process.exit(0);
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
}

/** build/ is shared with other work on this machine, which may be rebuilding it: wait for it rather than fail the run. */
async function loadBuildPatiently(cfg: Config): Promise<ServerBuild> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await loadBuild(cfg);
    } catch (error) {
      if (attempt >= 90) throw error;
      if (attempt === 1) console.error(`bench our-server: no build yet (${(error as Error).message.split("\n")[0]}); waiting for it`);
      await sleep(2000);
    }
  }
}

async function serve(): Promise<void> {
  const cfg = config();
  if (cfg.REDIS_URL) await checkRedis(cfg.REDIS_URL);
  const db = await open();
  let stopping = false;
  // Quitting Redis on the way out is not worth a line.
  const log = (line: string) => void (stopping || console.error(`bench node: ${line}`));
  // Prefixed by the database, as server/index.ts does: the run's fresh database keeps its channels apart on a shared Redis.
  const redis: RedisLink | null = cfg.REDIS_URL ? await connectRedis(cfg.REDIS_URL, log, { prefix: redisPrefixFor(cfg.DATABASE_URL!) }) : null;
  const services = createServices({ sql: db.sql, config: cfg, databaseKind: db.kind, redis });
  // With services.redis, createPortal builds the Redis collaboration bus itself, as for `npm start` with REDIS_URL.
  const portal: Portal = await createPortal(services, { build: await loadBuildPatiently(cfg) });
  const address = await portal.listen(0, "127.0.0.1");
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await portal.close().catch(() => {});
    await redis?.close().catch(() => {});
    await db.close().catch(() => {});
    send({ type: "stopped" });
    process.exit(0);
  };
  process.on("message", (message: { type: string }) => {
    if (message.type === "eld-reset") eventLoop.reset();
    else if (message.type === "stats") send({ type: "stats", cpu: process.cpuUsage(), memory: process.memoryUsage(), eventLoop: eventLoop.read(), collab: portal.collab.stats() });
    else if (message.type === "flush")
      // Every pending write of this node stored, then the accepted updates stored so far (by any node).
      void (async () => {
        await portal.collab.flush();
        const [row] = await db.sql<{ changes: string }[]>`select coalesce(sum(changes), 0) as changes from collab_updates`;
        send({ type: "flushed", changes: Number(row.changes) });
      })().catch((error: Error) => send({ type: "flushed", changes: Number.NaN, error: error.message }));
    else if (message.type === "dbstats")
      void (async () => {
        await portal.collab.flush().catch(() => {});
        const [row] = await db.sql<{ rows: string; bytes: string; changes: string; snapshots: string; snapshotBytes: string; opens: string; audits: string }[]>`
          select (select count(*) from collab_updates) as rows,
                 (select coalesce(sum(octet_length(update)), 0) from collab_updates) as bytes,
                 (select coalesce(sum(changes), 0) from collab_updates) as changes,
                 (select count(*) from collab_snapshots) as snapshots,
                 (select coalesce(sum(octet_length(state)), 0) from collab_snapshots) as "snapshotBytes",
                 (select count(*) from audit_events where action = 'open:document') as opens,
                 (select count(*) from audit_events) as audits`;
        const refusals = await db.sql<{ action: string; outcome: string; reason: string | null; count: string }[]>`
          select action, outcome, details->>'reason' as reason, count(*) as count from audit_events
          where outcome <> 'success' group by 1, 2, 3 order by count(*) desc`;
        // Each document's merged state, loaded as a cold load would, against what is stored for it.
        let stateBytes = 0;
        const documents = await db.sql<{ document: string }[]>`select distinct document from collab_updates`;
        for (const { document } of documents) {
          const loaded = await loadDocument(db.sql, document);
          stateBytes += Y.encodeStateAsUpdate(loaded.doc).byteLength;
          loaded.doc.destroy();
        }
        send({
          type: "dbstats",
          documents: documents.length,
          stateBytes,
          ...Object.fromEntries(Object.entries(row).map(([key, value]) => [key, Number(value)])),
          refusals: refusals.map((r) => `${r.action} ${r.outcome}${r.reason ? ` (${r.reason})` : ""}: ${r.count}`).join("; "),
        });
      })().catch((error: Error) => send({ type: "dbstats", error: error.message }));
    else if (message.type === "stop") void stop();
  });
  process.on("SIGTERM", () => void stop());
  process.on("disconnect", () => void stop());
  send({ type: "listening", port: address.port, description: db.description, nodeId: redis?.nodeId });
}

const run = mode === "prepare" ? prepare(Number(process.argv[3]), Number(process.argv[4])) : mode === "serve" ? serve() : Promise.reject(new Error("usage: our-server.ts prepare R C | serve"));
run.catch((error: unknown) => {
  console.error("bench our-server:", error instanceof Error ? error.stack : error);
  process.exit(1);
});
