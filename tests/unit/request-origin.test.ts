import type { IncomingMessage } from "node:http";
import { describe, expect, test } from "vitest";
import { createRefusalLimiter } from "../../server/audit/refusal-limiter";
import { parseConfig } from "../../server/config";
import { clientAddress, isSameOriginRequest, sessionCookieName } from "../../server/services";

const request = (headers: Record<string, string>, remoteAddress = "10.0.0.5") =>
  ({ headers, socket: { remoteAddress } }) as unknown as IncomingMessage;

describe("the client's address", () => {
  test("is the socket's own address unless a proxy is trusted", () => {
    const config = parseConfig({});
    expect(clientAddress(config, request({ "x-forwarded-for": "1.2.3.4" }))).toBe("10.0.0.5");
  });
  test("behind a trusted proxy, is the entry the proxy added (the last), not what the client wrote before it", () => {
    const config = parseConfig({ TRUST_PROXY: "true" });
    expect(clientAddress(config, request({ "x-forwarded-for": "6.6.6.6, 203.0.113.7" }))).toBe("203.0.113.7");
  });
});

describe("same-origin requests", () => {
  const config = parseConfig({});
  const host = { host: "portal.example:3000" };
  test.each([
    [{ ...host, origin: "http://portal.example:3000" }, true],
    [{ ...host, origin: "https://evil.example" }, false],
    [{ ...host, origin: "null", "sec-fetch-site": "same-origin" }, true],
    [{ ...host, origin: "null", "sec-fetch-site": "cross-site" }, false],
    [{ ...host, origin: "null" }, false],
    [{ ...host, "sec-fetch-site": "same-origin" }, true],
    [{ ...host }, false],
  ])("%j → %s", (headers, expected) => {
    expect(isSameOriginRequest(config, request(headers))).toBe(expected);
  });
});

describe("the session cookie's name", () => {
  test("takes the __Host- prefix when the cookie is Secure", () => {
    expect(sessionCookieName({ COOKIE_SECURE: true })).toBe("__Host-pp_session");
    expect(sessionCookieName({ COOKIE_SECURE: false })).toBe("pp_session");
  });
});

describe("refusals of unknown callers", () => {
  test("are written at most 20 a minute per caller, and the next row says how many were held back", () => {
    const limiter = createRefusalLimiter(20);
    const now = new Date("2026-11-22T10:00:05Z");
    const written = Array.from({ length: 50 }, () => limiter.take("1.2.3.4", now)).filter((verdict) => verdict.write);
    expect(written).toHaveLength(20);
    expect(limiter.take("5.6.7.8", now).write).toBe(true);
    expect(limiter.take("1.2.3.4", new Date("2026-11-22T10:01:01Z"))).toEqual({ write: true, suppressed: 30 });
  });
});
