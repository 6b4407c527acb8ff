// A strategy meeting's page offers each person only what the server lets them do, and the server still refuses the
// rest when it is posted directly; attendance is the chair's to record, or a person's own, and says who recorded it;
// an action may be due today, today being the calendar date in England.
import { describe, expect, test } from "vitest";
import { mainText } from "../support/html";
import { cookies, convene, ids, server, signInEveryone, useMeetingPortal } from "../support/meeting-portal";

useMeetingPortal();

describe("an action's due date", () => {
  test("today in England is accepted, though it is still yesterday by the server's UTC clock; yesterday is refused", async () => {
    const meeting = await convene();
    // 23:30 UTC on Saturday 10 July 2027 is 00:30 on Sunday 11 July in England (British Summer Time).
    server.clock.advance(Date.UTC(2027, 6, 10, 23, 30) - server.clock.now().getTime());
    await signInEveryone();
    const add = (due: string) =>
      server.post(meeting, { intent: "add-action", what: `Visit Kerry (due ${due})`, ownerUserId: String(ids["sam.okafor"]), due }, cookies.chair);
    const yesterday = await add("10 7 2027");
    expect(yesterday.status).toBe(400);
    expect(mainText(await yesterday.text())).toContain("Due date must be today or in the future");
    expect((await add("11 7 2027")).status).toBe(302);
    expect(mainText(await (await server.get(meeting, cookies.police)).text())).toContain("Visit Kerry (due 11 7 2027)");
  });
});
