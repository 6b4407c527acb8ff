// Refusals of unknown callers are audited, but not without limit: a flood from one address must not fill the
// append-only trail. Per key (an address), at most `perMinute` rows a minute; the rest are counted in the next row.

export type RefusalLimiter = {
  /** Whether to write this refusal; when it returns a number, that many were held back since the last one written. */
  take(key: string, now: Date): { write: boolean; suppressed: number };
};

export function createRefusalLimiter(perMinute = 20, maxKeys = 10_000): RefusalLimiter {
  const windows = new Map<string, { start: number; count: number; suppressed: number }>();
  return {
    take(key, now) {
      const minute = Math.floor(now.getTime() / 60_000);
      let window = windows.get(key);
      if (!window || window.start !== minute) {
        if (windows.size >= maxKeys) windows.clear();
        const suppressed = window?.suppressed ?? 0;
        window = { start: minute, count: 0, suppressed };
        windows.set(key, window);
      }
      if (window.count >= perMinute) {
        window.suppressed += 1;
        return { write: false, suppressed: 0 };
      }
      window.count += 1;
      const suppressed = window.suppressed;
      window.suppressed = 0;
      return { write: true, suppressed };
    },
  };
}
