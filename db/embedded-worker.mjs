// The embedded database's own thread (decision 050): PGlite, and the Unix socket that serves it to postgres.js, run
// here, so its queries are worked off the event loop that serves people's pages and live sockets. Plain JavaScript, not
// TypeScript: a worker thread starts without the TypeScript loader the rest of the process runs under.
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

/** @type {{ location: string, socketPath: string }} */
const { location, socketPath } = workerData;

/** @param {unknown} error */
const describe = (error) => (error instanceof Error ? error.message : String(error));

/**
 * PostgreSQL's shared buffers: PGlite's default of 128 MB is resident for as long as the portal runs; 32 MB holds a
 * partnership's working set of pages (the rest is in the operating system's file cache) and keeps about 110 MB of
 * memory off a laptop (decision 050).
 */
const SHARED_BUFFERS = "32MB";

try {
  const pglite = await PGlite.create(location, { startParams: [...PGlite.defaultStartParams, "-c", `shared_buffers=${SHARED_BUFFERS}`] });
  const server = new PGLiteSocketServer({ db: pglite, path: socketPath });
  await server.start();
  parentPort.on("message", async (message) => {
    if (message !== "stop") return;
    try {
      await server.stop();
      await pglite.close();
      parentPort.postMessage({ stopped: true });
    } catch (error) {
      parentPort.postMessage({ stopped: true, error: describe(error) });
    }
  });
  parentPort.postMessage({ ready: true });
} catch (error) {
  parentPort.postMessage({ ready: false, error: describe(error) });
}
