// Several portal nodes on this machine behind HAProxy, against a PostgreSQL server and Redis it is given: what
// `npm run start:nodes` runs, and what the end-to-end test of several nodes starts and stops. Migrates once and seeds
// the demo partnership into an empty database before any node starts; each node is `server/index.ts` in its own
// process on 127.0.0.1, and only the balancer listens where people reach it.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connectToServer } from "../../db/client";
import { migrate } from "../../db/migrate";
import { databaseHasPeople, isDemoSeeded, seedDemoPartnership } from "../../db/seed";
import { projectRoot } from "../../server/http";
import { findHaproxy, haproxyConfig } from "./haproxy-config";
import { freePort } from "./free-port";

export class ClusterStartError extends Error {}

export type ClusterOptions = {
  nodes: number;
  /** The PostgreSQL database the nodes share (created beforehand; migrated and, when it has no people, seeded here). */
  databaseUrl: string;
  redisUrl: string;
  /** The balancer's port; 0 or unset: a free one. */
  port?: number;
  /** The balancer's address (default 0.0.0.0); the nodes always listen on 127.0.0.1. */
  host?: string;
  /** The address people use; default http://localhost:<port>. Every node is given it, for links in email. */
  publicOrigin?: string;
  /** More settings for every node (DATA_DIR, SMTP_URL, …). */
  env?: Record<string, string>;
  /** Each line the nodes and the balancer write once started, prefixed with who wrote it. Default: dropped. */
  log?: (line: string) => void;
};

export type RunningNode = {
  /** n1, n2, …: the balancer's name for the node, and the value of its sticky cookie PORTAL_NODE. */
  name: string;
  port: number;
  /** The id the node gave itself at start (its banner's "as node <id>"). */
  id: string;
  process: ChildProcess;
};

export type Cluster = {
  /** The balancer's address, as people use it (the public origin). */
  url: string;
  port: number;
  nodes: RunningNode[];
  /** Migrations applied by this start (none when the database was up to date), and whether it seeded the demo. */
  migrated: string[];
  seeded: boolean;
  /** Whether the database holds the demo partnership (seeded now or before). */
  demo: boolean;
  /** The name of the balancer's sticky cookie. */
  stickyCookie: string;
  /** Stops the nodes (each finishing its requests in flight and storing what it accepted), then the balancer. */
  stop(): Promise<void>;
};

export const STICKY_COOKIE = "PORTAL_NODE";
const START_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 30_000;

/** One child process whose output is kept until it has started, then passed on line by line. */
type Child = { process: ChildProcess; output(): string; exited: Promise<void>; started(): void };

function startChild(
  command: string,
  args: string[],
  env: Record<string, string | undefined>,
  prefix: string,
  log: (line: string) => void,
  skip: (line: string) => boolean = () => false,
): Child {
  const child = spawn(command, args, { cwd: projectRoot, env: env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  let live = false;
  // A chunk may end inside a line: the rest of it waits for the next chunk.
  let partial = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const take = (chunk: Buffer) => {
    const text = chunk.toString();
    if (!live) return void (output += text);
    const lines = (partial + text).split("\n");
    partial = lines.pop()!;
    for (const line of lines) if (line.trim() && !skip(line)) log(`[${prefix}] ${line}`);
  };
  child.stdout!.on("data", take);
  child.stderr!.on("data", take);
  child.once("error", (error) => (output += `\n${error.message}`));
  return { process: child, output: () => output, exited, started: () => (live = true) };
}

async function waitFor<T>(what: string, child: Child, attempt: () => Promise<T | null> | T | null): Promise<T> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    const result = await attempt();
    if (result !== null) return result;
    if (child.process.exitCode !== null) throw new ClusterStartError(`${what} exited while starting:\n${child.output().trim()}`);
    if (Date.now() > deadline) throw new ClusterStartError(`${what} did not start within ${START_TIMEOUT_MS / 1000} s:\n${child.output().trim()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** SIGTERM, and SIGKILL if it has not ended STOP_TIMEOUT_MS later. */
async function stopChild(child: Child): Promise<void> {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return;
  child.process.kill("SIGTERM");
  const killer = setTimeout(() => child.process.kill("SIGKILL"), STOP_TIMEOUT_MS);
  await child.exited;
  clearTimeout(killer);
}

/** Migrates once and seeds the demo into a database with no people, before any node opens it. */
async function prepareDatabase(databaseUrl: string): Promise<{ migrated: string[]; seeded: boolean; demo: boolean }> {
  const db = await connectToServer(databaseUrl, { max: 1 }).catch((error: Error) => {
    throw new ClusterStartError(error.message);
  });
  try {
    const migrated = await migrate(db.sql);
    const seeded = !(await databaseHasPeople(db.sql));
    if (seeded) await seedDemoPartnership(db.sql);
    return { migrated, seeded, demo: await isDemoSeeded(db.sql) };
  } finally {
    await db.close();
  }
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  if (!Number.isInteger(options.nodes) || options.nodes < 1) throw new ClusterStartError("the number of nodes must be a whole number from 1");
  const haproxy = findHaproxy();
  if (!haproxy) throw new ClusterStartError("haproxy is not installed: `apt-get install haproxy` (Debian's package)");
  const log = options.log ?? (() => {});
  const host = options.host ?? "0.0.0.0";
  const port = options.port || (await freePort());
  const url = options.publicOrigin ?? `http://localhost:${port}`;
  const { migrated, seeded, demo } = await prepareDatabase(options.databaseUrl);

  const nodeChildren: Child[] = [];
  let balancer: Child | null = null;
  const workDir = mkdtempSync(join(tmpdir(), "portal-balancer-"));
  const stop = async () => {
    // The nodes first, so each finishes what is in flight through the balancer; then the balancer.
    await Promise.all(nodeChildren.map((node) => stopChild(node)));
    if (balancer) await stopChild(balancer);
    rmSync(workDir, { recursive: true, force: true });
  };

  try {
    const nodes = await Promise.all(
      Array.from({ length: options.nodes }, async (_, index): Promise<RunningNode> => {
        const name = `n${index + 1}`;
        const nodePort = await freePort();
        const env: Record<string, string | undefined> = {
          ...process.env,
          NODE_ENV: "production",
          ...options.env,
          PORT: String(nodePort),
          HOST: "127.0.0.1",
          DATABASE_URL: options.databaseUrl,
          REDIS_URL: options.redisUrl,
          TRUST_PROXY: "true",
          PUBLIC_ORIGIN: url,
        };
        const child = startChild(process.execPath, ["--import", "tsx", "server/index.ts"], env, name, log);
        nodeChildren.push(child);
        // The banner is one write: once its address is there, so is the node's id.
        const id = await waitFor(`node ${name}`, child, () => child.output().match(/as node (\S+)/)?.[1] ?? null);
        child.started();
        return { name, port: nodePort, id, process: child.process };
      }),
    );

    const configFile = join(workDir, "haproxy.cfg");
    writeFileSync(configFile, haproxyConfig({ host, port, nodes }));
    // -db: in the foreground, not as a daemon, so it stops with this process's signal.
    // In the foreground HAProxy writes each event twice, as a warning on stderr and as the configuration's log line.
    const twice = (line: string) => /^\[(NOTICE|WARNING|ALERT)\]/.test(line);
    const started = startChild(haproxy, ["-db", "-f", configFile], process.env, "balancer", log, twice);
    balancer = started;
    // Asked directly rather than through the public origin, which may name a host this machine does not resolve.
    const reach = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;
    const probe = `http://${reach}:${port}/sign-in`;
    await waitFor("haproxy", started, async () => {
      const response = await fetch(probe).catch(() => null);
      return response?.status === 200 ? true : null;
    });
    started.started();
    return { url, port, nodes, migrated, seeded, demo, stickyCookie: STICKY_COOKIE, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
