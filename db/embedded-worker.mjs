// The embedded database's own thread (decision 050): PGlite, and the Unix socket that serves it to postgres.js, run
// here, so its queries are worked off the event loop that serves people's pages and live sockets. Plain JavaScript, not
// TypeScript: a worker thread starts without the TypeScript loader the rest of the process runs under.
import v8 from "node:v8";
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { startParams, v8Flags } from "./embedded-settings.mjs";

v8.setFlagsFromString(v8Flags);

/** @type {{ location: string, socketPath: string }} */
const { location, socketPath } = workerData;

/** @param {unknown} error */
const describe = (error) => (error instanceof Error ? error.message : String(error));

try {
  const pglite = await PGlite.create(location, { startParams });
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
