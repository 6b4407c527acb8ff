// Creates the embedded database in a new data folder, then ends. PostgreSQL's initdb leaves 400 MB and more behind it
// in the process that ran it; run here, in a process of its own, it is all given back when this process ends, and the
// portal's own process never holds it (decision 053). Usage: node embedded-create.mjs <data folder>
import v8 from "node:v8";
import { PGlite } from "@electric-sql/pglite";
import { startParams, v8Flags } from "./embedded-settings.mjs";

v8.setFlagsFromString(v8Flags);

const location = process.argv[2];
try {
  const pglite = await PGlite.create(location, { startParams });
  await pglite.close();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
