// `npm run db:seed`: seeds the demo partnership into DATABASE_URL (or the embedded database), only if it is empty.
import { parseConfig } from "../server/config";
import { openDatabase } from "./client";
import { migrate } from "./migrate";
import { DEMO_PASSWORD, SeedRefused, seedDemoPartnership } from "./seed";

const config = parseConfig(process.env);
const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR }).catch((error: Error) => {
  console.error(`Cannot seed: ${error.message}`);
  process.exit(1);
});
try {
  await migrate(db.sql);
  await seedDemoPartnership(db.sql);
  console.log(`Seeded the fictional Sandmere partnership into ${db.description}. Demo password: ${DEMO_PASSWORD}`);
} catch (error) {
  console.error(error instanceof SeedRefused ? `Not seeded: ${error.message}` : `Cannot seed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await db.close();
}
