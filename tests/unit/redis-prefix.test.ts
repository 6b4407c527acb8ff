// Portals sharing one Redis keep apart by their database: the nodes of one portal agree on the prefix, a portal on
// another database gets another, and a changed user or password does not split a portal's nodes.
import { describe, expect, it } from "vitest";
import { redisPrefixFor } from "../../server/cluster/redis";

describe("the Redis prefix a node takes from its database", () => {
  const production = "postgres://portal:secret@db.sandmere.example:5432/portal";

  it("is the same for every node on the same database, whoever signs in to it", () => {
    expect(redisPrefixFor(production)).toBe(redisPrefixFor("postgres://other:changed@DB.sandmere.example/portal"));
    expect(redisPrefixFor(production)).toMatch(/^portal:[0-9a-f]{12}$/);
  });

  it("differs for another database, port or server", () => {
    const prefixes = new Set([
      redisPrefixFor(production),
      redisPrefixFor("postgres://portal:secret@db.sandmere.example:5432/portal_staging"),
      redisPrefixFor("postgres://portal:secret@db.sandmere.example:5433/portal"),
      redisPrefixFor("postgres://portal:secret@db2.sandmere.example:5432/portal"),
    ]);
    expect(prefixes.size).toBe(4);
  });

  it("never carries the password", () => {
    expect(redisPrefixFor(production)).not.toContain("secret");
  });
});
