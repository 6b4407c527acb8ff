// The health endpoints of one process on its own (no REDIS_URL): a load balancer or a monitor asks them without a
// session and is told the node is "single", the database is up and Redis is not used; a database that stops answering
// makes /ready 503 while /health stays 200.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestServer, type TestServer } from "../support/test-server";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

describe("health and readiness of a single process", () => {
  test("/health is alive and names no node; /ready has the database up and Redis not used; no session is set", async () => {
    const health = await server.get("/health");
    expect(health.status).toBe(200);
    expect(health.headers.get("set-cookie")).toBeNull();
    expect(health.headers.get("cache-control")).toBe("no-store");
    expect(await health.json()).toEqual({ status: "ok", node: "single" });
    const ready = await server.get("/ready");
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready", node: "single", database: "up", redis: "not used" });
  });

  test("a database that fails makes /ready 503, naming the database, while /health stays 200", async () => {
    const services = server.portal.services;
    const working = services.sql;
    services.sql = Object.assign(() => Promise.reject(new Error("the database has gone")), working) as unknown as typeof working;
    try {
      const ready = await server.get("/ready");
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ status: "not ready", node: "single", database: "down", redis: "not used" });
      expect((await server.get("/health")).status).toBe(200);
    } finally {
      services.sql = working;
    }
  });
});
