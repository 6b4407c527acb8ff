// Dates, ages and devices as a practitioner reads them on the page.
import { describe, expect, test } from "vitest";
import { describeDevice, formatDate, formatDateOfBirth, formatDateTime } from "../../common/format";

describe("formatDate", () => {
  test("prints a stored date GOV.UK style: day, month in words, year", () => {
    expect(formatDate("2020-05-14")).toBe("14 May 2020");
    expect(formatDate("2019-12-01")).toBe("1 December 2019");
    expect(formatDate(new Date("2020-05-14T00:00:00Z"))).toBe("14 May 2020");
  });

  test("a date of birth is the same date whatever the server's time zone", () => {
    const zone = process.env.TZ;
    try {
      process.env.TZ = "America/New_York"; // west of UTC: local getters would move midnight UTC to the day before
      expect(formatDate("2016-01-01")).toBe("1 January 2016");
      process.env.TZ = "Pacific/Auckland";
      expect(formatDate("2016-12-31")).toBe("31 December 2016");
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  test("nothing to show prints nothing", () => {
    expect(formatDate(null)).toBe("");
    expect(formatDate("")).toBe("");
  });
});

describe("formatDateTime, in UK time", () => {
  test("in summer: British Summer Time, an hour ahead of UTC", () => {
    expect(formatDateTime(new Date("2020-05-14T14:05:00Z"))).toBe("14 May 2020 at 3:05pm");
  });

  test("in winter: Greenwich Mean Time", () => {
    expect(formatDateTime(new Date("2020-01-14T15:05:00Z"))).toBe("14 January 2020 at 3:05pm");
    expect(formatDateTime(new Date("2020-01-14T09:30:00Z"))).toBe("14 January 2020 at 9:30am");
  });

  test("to the second, as an audit trail is read", () => {
    expect(formatDateTime(new Date("2026-11-30T21:41:07Z"), { seconds: true })).toBe("30 November 2026 at 9:41:07pm");
    expect(formatDateTime(new Date("2026-06-30T08:05:09Z"), { seconds: true })).toBe("30 June 2026 at 9:05:09am");
  });

  test("late evening UTC in summer is already the next day in England", () => {
    expect(formatDateTime(new Date("2020-05-14T23:30:00Z"))).toMatch(/^15 May 2020 at /);
  });

  test("midday and midnight are 12, not 0", () => {
    // A 12-hour clock has no 0 o'clock: "0:00pm" for midday is what a person would notice.
    expect(formatDateTime(new Date("2020-01-14T12:00:00Z"))).toBe("14 January 2020 at 12:00pm");
    expect(formatDateTime(new Date("2020-01-14T00:00:00Z"))).toBe("14 January 2020 at 12:00am");
  });
});

describe("formatDateOfBirth", () => {
  const on = (isoDate: string) => new Date(`${isoDate}T12:00:00Z`);

  test("Lily, 6 years old", () => {
    expect(formatDateOfBirth("2019-03-27", on("2025-06-01"))).toBe("27 March 2019 (6 years old)");
  });

  test("the age goes up on the birthday itself, not the day before", () => {
    expect(formatDateOfBirth("2019-03-27", on("2025-03-26"))).toBe("27 March 2019 (5 years old)");
    expect(formatDateOfBirth("2019-03-27", on("2025-03-27"))).toBe("27 March 2019 (6 years old)");
  });

  test("one year old is singular", () => {
    expect(formatDateOfBirth("2024-03-10", on("2025-03-10"))).toBe("10 March 2024 (1 year old)");
    expect(formatDateOfBirth("1998-03-10", on("2025-03-10"))).toBe("10 March 1998 (27 years old)");
  });

  test("a baby's age is in months", () => {
    expect(formatDateOfBirth("2024-09-10", on("2025-03-10"))).toBe("10 September 2024 (6 months old)");
    expect(formatDateOfBirth("2024-03-11", on("2025-03-10"))).toBe("11 March 2024 (11 months old)");
  });

  test("one month old is singular, and a month is only complete on the same day of the next month", () => {
    expect(formatDateOfBirth("2025-01-15", on("2025-02-14"))).toBe("15 January 2025 (0 months old)");
    expect(formatDateOfBirth("2025-01-15", on("2025-02-15"))).toBe("15 January 2025 (1 month old)");
    expect(formatDateOfBirth("2025-01-15", on("2025-03-14"))).toBe("15 January 2025 (1 month old)");
  });

  test("a baby born on 29 February is 1 on 1 March in a year that is not a leap year", () => {
    expect(formatDateOfBirth("2020-02-29", on("2021-02-28"))).toBe("29 February 2020 (11 months old)");
    expect(formatDateOfBirth("2020-02-29", on("2021-03-01"))).toBe("29 February 2020 (1 year old)");
  });

  test("a date of birth that is not known says so", () => {
    expect(formatDateOfBirth(null, on("2025-03-10"))).toBe("Not known");
  });

  test("accepts a Date as well as a stored date string", () => {
    expect(formatDateOfBirth(new Date("2019-03-27T00:00:00Z"), on("2025-06-01"))).toBe("27 March 2019 (6 years old)");
  });
});

describe("describeDevice: recognising a session without a fingerprint", () => {
  test.each([
    [
      "Chrome on Windows",
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
    ],
    [
      "Edge on Windows",
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.80",
    ],
    ["Firefox on Windows", "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0"],
    ["Firefox on Linux", "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0"],
    [
      "Safari on macOS",
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Safari/605.1.15",
    ],
    [
      "Chrome on macOS",
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
    ],
    [
      "Safari on iOS",
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1",
    ],
    [
      "Chrome on Android",
      "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 Mobile Safari/537.36",
    ],
    [
      "Chrome on ChromeOS",
      "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
    ],
    [
      "Chrome on Linux",
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chromium/124.0.0.0 Chrome/124.0.0.0 Safari/537.36",
    ],
  ])("%s", (expected, userAgent) => {
    expect(describeDevice(userAgent)).toBe(expected);
  });

  test("Chrome on an iPhone is Chrome on iOS, as the person would describe it", () => {
    // Chrome for iOS says CriOS/ rather than Chrome/ (it runs on WebKit), so it looks like Safari at first sight.
    const chromeOnIphone =
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/124.0.6367.88 Mobile/15E148 Safari/604.1";
    expect(describeDevice(chromeOnIphone)).toBe("Chrome on iOS");
  });

  test("no user agent at all", () => {
    expect(describeDevice("")).toBe("Unknown device");
  });

  test("a program the portal does not recognise is described generically", () => {
    expect(describeDevice("curl/8.5.0")).toBe("A browser on an unknown system");
  });
});
