// How the embedded PGlite runs, for the thread that serves it (embedded-worker.mjs) and the short-lived process that
// first creates it (embedded-create.mjs). Plain JavaScript: both run without the TypeScript loader.
import { PGlite } from "@electric-sql/pglite";

/**
 * PostgreSQL's shared buffers: PGlite's default of 128 MB is resident for as long as the portal runs. 16 MB holds the
 * pages a partnership works on (the rest is in the operating system's file cache, a read away) and keeps more than
 * 100 MB off a laptop (decisions 050 and 053).
 */
export const startParams = [...PGlite.defaultStartParams, "-c", "shared_buffers=16MB"];

/**
 * V8 compiles PGlite's WebAssembly once, quickly (Liftoff), and would then compile its busiest functions again,
 * optimised (TurboFan). For the portal's short queries the second compiler's code, and the memory it keeps, cost more
 * than they give: about 40 MB resident, for queries that scan millions of rows running about a quarter faster
 * (decision 053). A V8 flag is the process's, not the thread's: it is set before the first WebAssembly is compiled,
 * and PGlite is the only WebAssembly the portal runs.
 */
export const v8Flags = "--liftoff-only";
