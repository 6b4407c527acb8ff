// The environment, as an operator sets it. A mistake must stop the portal with one line naming the setting.
import { describe, expect, test } from "vitest";
import { ConfigError, parseConfig } from "../../server/config";

/** The ConfigError a bad environment throws (fails the test if it does not throw one). */
function configErrorFor(env: Record<string, string>): ConfigError {
  try {
    parseConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`parseConfig accepted ${JSON.stringify(env)}`);
}

describe("defaults, for an empty environment", () => {
  const config = parseConfig({});

  test("listens on port 3000 of every interface", () => {
    expect(config.PORT).toBe(3000);
    expect(config.HOST).toBe("0.0.0.0");
  });

  test("sessions end after 60 idle minutes and at most 12 hours", () => {
    expect(config.SESSION_IDLE_MINUTES).toBe(60);
    expect(config.SESSION_ABSOLUTE_HOURS).toBe(12);
  });

  test("cookies are Secure unless switched off", () => {
    expect(config.COOKIE_SECURE).toBe(true);
  });

  test("runs as production, with the embedded database and no public origin", () => {
    expect(config.NODE_ENV).toBe("production");
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.PUBLIC_ORIGIN).toBeUndefined();
    expect(config.TRUST_PROXY).toBe(false);
  });
});

describe("PORT", () => {
  test("is read as a number", () => {
    expect(parseConfig({ PORT: "8080" }).PORT).toBe(8080);
    expect(parseConfig({ PORT: "0" }).PORT).toBe(0);
  });

  test("an empty PORT means the default, as an empty DATABASE_URL means unset", () => {
    // `PORT=` in an env file or compose file. Listening on a random port instead of 3000 is surprising.
    expect(parseConfig({ PORT: "" }).PORT).toBe(3000);
  });

  test.each(["abc", "70000", "-1", "80.5"])("PORT=%s stops the portal with one line naming PORT", (port) => {
    const error = configErrorFor({ PORT: port });
    expect(error.message).toMatch(/^PORT: /);
    expect(error.message).not.toContain("\n");
  });
});

describe("DATABASE_URL", () => {
  test("a PostgreSQL URL is kept", () => {
    const url = "postgres://portal:secret@db.internal:5432/portal";
    expect(parseConfig({ DATABASE_URL: url }).DATABASE_URL).toBe(url);
    expect(parseConfig({ DATABASE_URL: "postgresql://portal@localhost/portal" }).DATABASE_URL).toBe(
      "postgresql://portal@localhost/portal",
    );
  });

  test("an empty DATABASE_URL means unset: the embedded database", () => {
    expect(parseConfig({ DATABASE_URL: "" }).DATABASE_URL).toBeUndefined();
  });

  test.each(["mysql://x", "not a url", "postgres://"])("DATABASE_URL=%j gives one line naming DATABASE_URL", (url) => {
    const error = configErrorFor({ DATABASE_URL: url });
    expect(error.message).toMatch(/^DATABASE_URL: /);
    expect(error.message).toContain("postgres://");
    expect(error.message).not.toContain("\n");
  });

  test("the message does not repeat the URL, which may hold a password", () => {
    const error = configErrorFor({ DATABASE_URL: "mysql://portal:hunter2hunter2@db/portal" });
    expect(error.message).not.toContain("hunter2");
  });
});

describe("PUBLIC_ORIGIN", () => {
  test("is normalised to an origin: no path, no query, lower-case host, no default port", () => {
    expect(parseConfig({ PUBLIC_ORIGIN: "https://Portal.Sandmere.example/cases?x=1" }).PUBLIC_ORIGIN).toBe(
      "https://portal.sandmere.example",
    );
    expect(parseConfig({ PUBLIC_ORIGIN: "https://portal.sandmere.example:443/" }).PUBLIC_ORIGIN).toBe(
      "https://portal.sandmere.example",
    );
    expect(parseConfig({ PUBLIC_ORIGIN: "http://localhost:3000/" }).PUBLIC_ORIGIN).toBe("http://localhost:3000");
  });

  test("an empty PUBLIC_ORIGIN means unset", () => {
    expect(parseConfig({ PUBLIC_ORIGIN: "" }).PUBLIC_ORIGIN).toBeUndefined();
  });

  test("a host without a scheme is refused with one line naming PUBLIC_ORIGIN", () => {
    expect(configErrorFor({ PUBLIC_ORIGIN: "portal.sandmere.example" }).message).toMatch(/^PUBLIC_ORIGIN: /);
  });

  test.each(["localhost:3000", "javascript:alert(1)", "ftp://portal.sandmere.example"])(
    "PUBLIC_ORIGIN=%j is not a web origin and is refused, rather than becoming the origin \"null\" or a non-web scheme",
    (value) => {
      expect(configErrorFor({ PUBLIC_ORIGIN: value }).message).toMatch(/^PUBLIC_ORIGIN: /);
    },
  );
});

describe("other settings", () => {
  test("COOKIE_SECURE and TRUST_PROXY accept true/false, 1/0 and yes/no", () => {
    expect(parseConfig({ COOKIE_SECURE: "false" }).COOKIE_SECURE).toBe(false);
    expect(parseConfig({ COOKIE_SECURE: "0" }).COOKIE_SECURE).toBe(false);
    expect(parseConfig({ COOKIE_SECURE: "no" }).COOKIE_SECURE).toBe(false);
    expect(parseConfig({ TRUST_PROXY: "yes" }).TRUST_PROXY).toBe(true);
    expect(parseConfig({ TRUST_PROXY: "1" }).TRUST_PROXY).toBe(true);
  });

  test("a misspelt boolean is refused, not read as false", () => {
    expect(configErrorFor({ COOKIE_SECURE: "flase" }).message).toMatch(/^COOKIE_SECURE: /);
  });

  test("session lengths are read as numbers and must be at least 1", () => {
    const config = parseConfig({ SESSION_IDLE_MINUTES: "30", SESSION_ABSOLUTE_HOURS: "8" });
    expect(config.SESSION_IDLE_MINUTES).toBe(30);
    expect(config.SESSION_ABSOLUTE_HOURS).toBe(8);
    expect(configErrorFor({ SESSION_IDLE_MINUTES: "0" }).message).toMatch(/^SESSION_IDLE_MINUTES: /);
  });

  test("an unknown NODE_ENV is refused", () => {
    expect(configErrorFor({ NODE_ENV: "staging" }).message).toMatch(/^NODE_ENV: /);
  });

  test("variables the portal does not use are ignored", () => {
    expect(() => parseConfig({ PATH: "/usr/bin", HOME: "/home/portal" })).not.toThrow();
  });
});

describe("the front door's clocks and the working day", () => {
  test("by default: a 09:00 to 17:00 working day; red 4 working hours, amber 1 working day, green 3", () => {
    const config = parseConfig({});
    expect(config.WORKING_DAY_STARTS).toBe("09:00");
    expect(config.WORKING_DAY_ENDS).toBe("17:00");
    expect(config.FRONT_DOOR_RED_WORKING_HOURS).toBe(4);
    expect(config.FRONT_DOOR_AMBER_WORKING_DAYS).toBe(1);
    expect(config.FRONT_DOOR_GREEN_WORKING_DAYS).toBe(3);
  });

  test("a partnership's own figures are read", () => {
    const config = parseConfig({
      WORKING_DAY_STARTS: " 08:30 ",
      WORKING_DAY_ENDS: "16:30",
      FRONT_DOOR_RED_WORKING_HOURS: "2",
      FRONT_DOOR_AMBER_WORKING_DAYS: "2",
      FRONT_DOOR_GREEN_WORKING_DAYS: "5",
    });
    expect(config).toMatchObject({
      WORKING_DAY_STARTS: "08:30",
      WORKING_DAY_ENDS: "16:30",
      FRONT_DOOR_RED_WORKING_HOURS: 2,
      FRONT_DOOR_AMBER_WORKING_DAYS: 2,
      FRONT_DOOR_GREEN_WORKING_DAYS: 5,
    });
  });

  test.each([
    ["FRONT_DOOR_RED_WORKING_HOURS", "0"],
    ["FRONT_DOOR_RED_WORKING_HOURS", "four"],
    ["FRONT_DOOR_RED_WORKING_HOURS", "2.5"],
    ["FRONT_DOOR_AMBER_WORKING_DAYS", "-1"],
    ["FRONT_DOOR_GREEN_WORKING_DAYS", "100"],
    ["WORKING_DAY_STARTS", "9:00"],
    ["WORKING_DAY_STARTS", "9am"],
    ["WORKING_DAY_ENDS", "24:00"],
  ])("%s=%s stops the portal with one line naming it", (setting, value) => {
    const error = configErrorFor({ [setting]: value });
    expect(error.message).toMatch(new RegExp(`^${setting}: `));
    expect(error.message).not.toContain("\n");
  });

  test("a working day that ends before it starts is refused, naming WORKING_DAY_ENDS", () => {
    const error = configErrorFor({ WORKING_DAY_STARTS: "17:00", WORKING_DAY_ENDS: "09:00" });
    expect(error.message).toBe("WORKING_DAY_ENDS: must be after WORKING_DAY_STARTS");
    expect(configErrorFor({ WORKING_DAY_ENDS: "08:00" }).message).toMatch(/^WORKING_DAY_ENDS: /);
  });
});

describe("how long a case opened for oversight stays open (decision 039)", () => {
  test("8 hours unless the partnership says otherwise", () => {
    expect(parseConfig({}).OVERSIGHT_ACCESS_HOURS).toBe(8);
    expect(parseConfig({ OVERSIGHT_ACCESS_HOURS: "4" }).OVERSIGHT_ACCESS_HOURS).toBe(4);
  });

  test.each(["0", "73", "1.5", "a day"])("OVERSIGHT_ACCESS_HOURS=%s stops the portal with one line naming it", (value) => {
    expect(configErrorFor({ OVERSIGHT_ACCESS_HOURS: value }).message).toBe("OVERSIGHT_ACCESS_HOURS: must be a whole number from 1 to 72");
  });
});

describe("REDIS_URL, for several nodes", () => {
  const database = "postgres://portal@db.sandmere.example:5432/portal";

  test("is read with a PostgreSQL server beside it, and unset means one process", () => {
    expect(parseConfig({ DATABASE_URL: database, REDIS_URL: "redis://redis.sandmere.example:6379" }).REDIS_URL).toBe(
      "redis://redis.sandmere.example:6379",
    );
    expect(parseConfig({ DATABASE_URL: database, REDIS_URL: "rediss://redis.sandmere.example" }).REDIS_URL).toBe("rediss://redis.sandmere.example");
    expect(parseConfig({}).REDIS_URL).toBeUndefined();
  });

  test("anything but a redis:// or rediss:// address with a host stops the start, naming the setting", () => {
    for (const bad of ["localhost:6379", "http://redis.sandmere.example", "redis://", "not a url"])
      expect(configErrorFor({ DATABASE_URL: database, REDIS_URL: bad }).message).toBe(
        "REDIS_URL: must be a URL of the form redis://host:6379 (rediss:// for TLS)",
      );
  });

  test("without DATABASE_URL stops the start: nodes share a PostgreSQL server, not the embedded database", () => {
    expect(configErrorFor({ REDIS_URL: "redis://127.0.0.1:6379" }).message).toMatch(/^REDIS_URL: needs DATABASE_URL too/);
  });
});
