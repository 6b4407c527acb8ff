// `npm run db:generate -- --cases 10000 [--seed 1] [--data-dir DIR]`: a generated partnership (./generate.ts) into
// DATABASE_URL, or the embedded database in DIR (default DATA_DIR); only into an empty database.
import { parseArgs } from "node:util";
import { parseConfig } from "../../server/config";
import { openDatabase } from "../client";
import { migrate } from "../migrate";
import { GenerateRefused, generatePartnership } from "./generate";

let options: { cases: number; seed: number; dataDir?: string };
try {
  const { values } = parseArgs({ options: { cases: { type: "string", default: "10000" }, seed: { type: "string", default: "1" }, "data-dir": { type: "string" } } });
  options = { cases: Number(values.cases), seed: Number(values.seed), dataDir: values["data-dir"] };
  if (!Number.isInteger(options.seed)) throw new Error("--seed must be a whole number");
} catch (error) {
  console.error(`Not generated: ${(error as Error).message}`);
  process.exit(2);
}
const config = parseConfig(process.env);
const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: options.dataDir ?? config.DATA_DIR }).catch((error: Error) => {
  console.error(`Cannot generate: ${error.message}`);
  process.exit(1);
});
try {
  await migrate(db.sql);
  const counts = await generatePartnership(db.sql, { cases: options.cases, seed: options.seed, log: (line) => console.log(line) });
  console.log(`Generated into ${db.description}:`);
  for (const [table, count] of Object.entries(counts)) console.log(`  ${table.padEnd(24)} ${count.toLocaleString("en-GB").padStart(10)}`);
} catch (error) {
  console.error(error instanceof GenerateRefused ? `Not generated: ${error.message}` : `Cannot generate: ${(error as Error).stack}`);
  process.exitCode = 1;
} finally {
  await db.close();
}
