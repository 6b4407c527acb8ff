// Several nodes starting at once against one PostgreSQL server each migrate it: on an empty database exactly one
// applies each migration and none fails, and on a migrated one none applies anything.
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { connectToServer, type Database } from "../../db/client";
import { migrate, readMigrations } from "../../db/migrate";
import { clusterServers } from "../support/cluster-env";

const NODES = 4;

describe.skipIf(!clusterServers)("migrations when several nodes start at once", () => {
  const name = `c_migrate_${process.pid}_${Date.now().toString(36)}`;
  const admin = () => postgres(clusterServers!.postgresUrl, { max: 1, onnotice: () => {} });
  const nodes: Database[] = [];

  beforeAll(async () => {
    const sql = admin();
    await sql.unsafe(`create database ${name}`);
    await sql.end();
    const url = new URL(clusterServers!.postgresUrl);
    url.pathname = `/${name}`;
    for (let node = 0; node < NODES; node += 1) nodes.push(await connectToServer(url.toString(), { max: 1 }));
  });

  afterAll(async () => {
    await Promise.all(nodes.map((node) => node.close()));
    const sql = admin();
    await sql.unsafe(`drop database if exists ${name} with (force)`);
    await sql.end();
  });

  test("on an empty database each migration is applied once, by one node, and every node starts", async () => {
    const applied = await Promise.all(nodes.map((node) => migrate(node.sql)));
    const every = readMigrations().map((migration) => migration.name);
    expect(applied.flat().sort()).toEqual([...every].sort());
    const rows = await nodes[0].sql<{ name: string }[]>`select name from schema_migrations order by version`;
    expect(rows.map((row) => row.name)).toEqual(every);
  });

  test("on a migrated database no node applies anything", async () => {
    const applied = await Promise.all(nodes.map((node) => migrate(node.sql)));
    expect(applied).toEqual(nodes.map(() => []));
  });
});
