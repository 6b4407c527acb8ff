// The oversight room's notice (decision 044): whatever changes on a case or at the front door, open oversight pages
// are told once, content-free, 2 s later; changes in between fold into that one notice; other rooms' changes do not.
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { createEventHub, OVERSIGHT_NOTICE_DELAY_MS, type ChangeNotice } from "../../server/services";

describe("the oversight room's notice", () => {
  let sent: ChangeNotice[];
  let hub: ReturnType<typeof createEventHub>;
  beforeEach(() => {
    vi.useFakeTimers();
    sent = [];
    hub = createEventHub();
    hub.attach((notice) => sent.push(notice));
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  const oversight = () => sent.filter((notice) => notice.room === "oversight");

  test("a change on a case reaches its own room at once and the oversight room once, 2 s later, without content", () => {
    hub.publish({ room: "case:1", what: "plan" });
    expect(sent).toEqual([{ room: "case:1", what: "plan" }]);
    vi.advanceTimersByTime(OVERSIGHT_NOTICE_DELAY_MS - 1);
    expect(oversight()).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(oversight()).toEqual([{ room: "oversight", what: "oversight" }]);
  });

  test("many changes within the delay, on cases, their meetings and documents and the front door, are one notice", () => {
    hub.publish({ room: "case:1", what: "plan" });
    hub.publish({ room: "case:2:meeting:7", what: "meeting" });
    hub.publish({ room: "case:3:map:4", what: "scalings" });
    hub.publish({ room: "front-door", what: "front-door" });
    vi.advanceTimersByTime(OVERSIGHT_NOTICE_DELAY_MS);
    expect(oversight()).toHaveLength(1);
    // A later change is a later notice.
    hub.publish({ room: "front-door", what: "front-door" });
    vi.advanceTimersByTime(OVERSIGHT_NOTICE_DELAY_MS);
    expect(oversight()).toHaveLength(2);
  });

  test("a person's own room moves no measure", () => {
    hub.publish({ room: "user:5", what: "invitation" });
    vi.advanceTimersByTime(OVERSIGHT_NOTICE_DELAY_MS * 2);
    expect(oversight()).toEqual([]);
  });
});
