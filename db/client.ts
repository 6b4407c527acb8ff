// The database connection: postgres.js to a PostgreSQL server, or to the embedded PGlite served in this process from
// a thread of its own (embedded-worker.mjs).
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Worker } from "node:worker_threads";
import postgres from "postgres";
import { projectRoot } from "./project-root";

export type Sql = postgres.Sql<Record<string, never>>;

export type Database = {
  sql: Sql;
  kind: "server" | "embedded";
  /** Where the data lives, for the start-up message; never includes a password. */
  description: string;
  close(): Promise<void>;
};

export class DatabaseError extends Error {}

/**
 * Runs `work` in a transaction: its own, or a savepoint in the caller's (the demo seed tells Lily's story through the
 * server's own functions inside the one transaction that seeds everything).
 */
export function inTransaction<T>(sql: Sql, work: (tx: Sql) => Promise<T>): Promise<T> {
  const open = sql as Sql & { savepoint?: (fn: (tx: Sql) => Promise<T>) => Promise<T> };
  if (typeof open.savepoint === "function") return open.savepoint(work);
  return sql.begin((tx) => work(tx as unknown as Sql)) as Promise<T>;
}

const quiet = { onnotice: () => {} };

/** Connects to DATABASE_URL, checking it answers; throws a DatabaseError with a one-line reason. */
export async function connectToServer(databaseUrl: string, options: { max?: number } = {}): Promise<Database> {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    throw new DatabaseError("DATABASE_URL: is not a valid URL");
  }
  const sql = postgres(databaseUrl, { ...quiet, max: options.max ?? 10, connect_timeout: 5 }) as Sql;
  try {
    await sql`select 1`;
  } catch (error) {
    await sql.end({ timeout: 0 }).catch(() => {});
    throw new DatabaseError(`DATABASE_URL: cannot use ${url.hostname}:${url.port || 5432}${url.pathname} (${describe(error)})`);
  }
  return {
    sql,
    kind: "server",
    description: `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}`,
    close: () => sql.end({ timeout: 5 }),
  };
}

/**
 * Starts PGlite on `dataDir` ("memory://" for a throwaway database) in a worker thread, behind a Unix socket in a
 * private folder, and connects postgres.js to it with a pool of one: the same SQL and driver as a real server, and the
 * database's work off the event loop that serves people (decision 050). PGlite asks for no password, so it is never on
 * a TCP port another local user could reach.
 */
export async function openEmbedded(dataDir: string): Promise<Database> {
  const inMemory = dataDir.startsWith("memory://");
  const location = inMemory ? dataDir : resolve(dataDir);
  if (!inMemory && !existsSync(join(location, "PG_VERSION"))) await createEmbedded(location);
  const socketDir = mkdtempSync(join(tmpdir(), "portal-db-")); // created 0700: only this user may connect
  const socketPath = join(socketDir, ".s.PGSQL.5432");
  let thread: DatabaseThread;
  try {
    thread = await startDatabaseThread(location, socketPath);
  } catch (error) {
    rmSync(socketDir, { recursive: true, force: true });
    throw error;
  }
  const sql = postgres({
    ...quiet,
    path: socketPath,
    user: "postgres",
    database: "postgres",
    max: 1,
    // The one connection is kept: PGlite has no other to hand out.
    max_lifetime: null,
    idle_timeout: 0,
    ssl: false,
  }) as Sql;
  await sql`select 1`;
  return {
    sql,
    kind: "embedded",
    description: inMemory ? "embedded PGlite in memory" : `embedded PGlite in ${location}`,
    async close() {
      await sql.end({ timeout: 5 });
      await thread.stop();
      rmSync(socketDir, { recursive: true, force: true });
    },
  };
}

/**
 * Creates a new embedded database in a process of its own, which ends when it is done: PostgreSQL's initdb leaves
 * hundreds of megabytes behind in the process that runs it (decision 053).
 */
async function createEmbedded(location: string): Promise<void> {
  const failed = (why: string) => new DatabaseError(`The embedded database in ${location} could not be created (${why})`);
  if (existsSync(location) && readdirSync(location).length > 0) throw failed("the folder holds other files and no database");
  // Made beside it and moved into place whole, so a creation cut short never leaves a half-made database behind.
  const making = `${location}.creating`;
  rmSync(making, { recursive: true, force: true });
  mkdirSync(making, { recursive: true });
  await new Promise<void>((resolveCreate, rejectCreate) => {
    execFile(process.execPath, [join(projectRoot, "db", "embedded-create.mjs"), making], (error, _stdout, stderr) => {
      if (!error) return resolveCreate();
      rmSync(making, { recursive: true, force: true });
      rejectCreate(failed(stderr.trim().split("\n").pop() || error.message.split("\n")[0]));
    });
  });
  if (existsSync(location)) rmdirSync(location); // empty, as checked above
  renameSync(making, location);
}

type DatabaseThread = { stop(): Promise<void> };

/** Starts embedded-worker.mjs and waits until it serves the socket; throws a DatabaseError if PGlite cannot start. */
function startDatabaseThread(location: string, socketPath: string): Promise<DatabaseThread> {
  // Not a process of its own: the worker runs no loader and no inspector flags; only a CPU profile asked of the
  // process (--cpu-prof, as `npm run bench:collab -- --profile-server` asks) is taken of the database's thread too.
  const profiling = process.execArgv.flatMap((arg, i, all) =>
    arg === "--cpu-prof" ? [arg] : arg === "--cpu-prof-dir" ? [arg, all[i + 1]] : arg.startsWith("--cpu-prof-dir=") ? [arg] : [],
  );
  const worker = new Worker(join(projectRoot, "db", "embedded-worker.mjs"), { workerData: { location, socketPath }, execArgv: profiling });
  let stopping = false;
  let started = false;
  return new Promise((resolveStart, rejectStart) => {
    const failed = (why: string) => rejectStart(new DatabaseError(`The embedded database in ${location} could not start (${why})`));
    worker.once("message", (message: { ready: boolean; error?: string }) => {
      if (!message.ready) {
        void worker.terminate();
        return failed(message.error ?? "unknown reason");
      }
      started = true;
      resolveStart({
        stop: () =>
          new Promise<void>((resolveStop) => {
            stopping = true;
            worker.once("message", () => void worker.terminate().then(() => resolveStop()));
            worker.once("exit", () => resolveStop());
            worker.postMessage("stop");
          }),
      });
    });
    worker.on("error", (error) => {
      failed(error.message);
      // After the start the database is gone with its thread: every query fails from here, and the log says why.
      console.error(`The embedded database's thread failed: ${error.message}`);
    });
    worker.once("exit", (code) => {
      if (stopping) return;
      failed(`its thread ended with code ${code}`);
      if (started) console.error(`The embedded database's thread ended unasked (code ${code}): queries fail until the portal is restarted`);
    });
  });
}

export async function openDatabase(options: { databaseUrl?: string; dataDir: string }): Promise<Database> {
  if (options.databaseUrl) return connectToServer(options.databaseUrl);
  return openEmbedded(`${options.dataDir.replace(/\/$/, "")}/pglite`);
}

function describe(error: unknown): string {
  if (error && typeof error === "object") {
    const { code, message } = error as { code?: string; message?: string };
    if (code && message && !message.includes(code)) return `${code}: ${message}`;
    if (message) return message.split("\n")[0];
    if (code) return code;
  }
  return String(error);
}
