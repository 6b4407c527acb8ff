// Proving it is you again before the most sensitive actions (issue 16, decision 056): signing off a meeting and
// downloading an audit trail, more than 15 minutes after the person last gave their second factor, send them to
// confirm it is them, and change nothing until they have; then they come back and do it.
import { describe, expect, test } from "vitest";
import { DEMO_AUTHENTICATOR_KEY } from "../../db/seed";
import { totpCode, totpStep } from "../../server/auth/authenticator";
import { mainText } from "../support/html";
import { convene, cookies, server, signOff, useMeetingPortal } from "../support/meeting-portal";

useMeetingPortal();

const code = () => totpCode(DEMO_AUTHENTICATOR_KEY, totpStep(server.clock.now()) + 1n);

describe("the most sensitive actions ask for the second factor again after 15 minutes", () => {
  test("a chair's sign-off waits for their code, is not done meanwhile, and is done after", async () => {
    const meeting = await convene();
    server.clock.advanceMinutes(16);
    await expect(signOff(meeting)).rejects.toThrow("sign-off was sent to confirm it is them");
    const asked = await server.post(meeting, { intent: "sign-off" }, cookies.chair, { headers: { referer: `${server.origin}${meeting}` } });
    expect(asked.status).toBe(302);
    expect(asked.headers.get("location")).toBe(`/account/confirm?next=${encodeURIComponent(meeting)}`);
    expect(mainText(await (await server.get(meeting, cookies.chair)).text())).not.toContain("Signed off");

    const confirmPath = asked.headers.get("location")!;
    expect(mainText(await (await server.get(confirmPath, cookies.chair)).text())).toContain("Confirm it is you");
    const wrong = await server.post(confirmPath, { code: "000000" }, cookies.chair);
    expect(wrong.status).toBe(400);
    expect(mainText(await wrong.text())).toContain("That code is not right");
    const confirmed = await server.post(confirmPath, { code: code() }, cookies.chair);
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.get("location")).toBe(meeting);
    const signed = await server.post(meeting, { intent: "sign-off" }, cookies.chair);
    expect(signed.headers.get("location")).not.toMatch(/confirm/);
    const [row] = await server.db.sql<{ signedOff: boolean }[]>`
      select signed_off_at is not null as "signedOff" from meetings where id = ${Number(meeting.split("/").at(-1))}`;
    expect(row.signedOff).toBe(true);
  });

  test("an audit trail download waits for the code too, then downloads", async () => {
    server.clock.advanceMinutes(16);
    const asked = await server.get("/oversight/audit/csv", cookies.partnershipManager);
    expect(asked.headers.get("location")).toBe(`/account/confirm?next=${encodeURIComponent("/oversight/audit/csv")}`);
    const confirmed = await server.post(asked.headers.get("location")!, { code: code() }, cookies.partnershipManager);
    expect(confirmed.headers.get("location")).toBe("/oversight/audit/csv");
    const csv = await server.get("/oversight/audit/csv", cookies.partnershipManager);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toMatch(/text\/csv/);
  });

  test("sharing restricted notes asks for the code in the form itself, so the reason typed is kept; with it, the share is made", async () => {
    const notes = "/cases/1/restricted/kestrel-vale-police";
    const shares = async () => (await server.db.sql<{ n: number }[]>`select count(*)::int as n from restricted_note_shares where shared_with_agency_id = 'larkfield-primary' and shared`)[0].n;
    server.clock.advanceMinutes(16);
    const page = mainText(await (await server.get(notes, cookies.police)).text());
    expect(page).toContain("Code from your authenticator app");
    const reason = "The school needs the bail conditions for the pick-up plan.";
    const asked = await server.post(notes, { intent: "share", agencyId: "larkfield-primary", reason }, cookies.police);
    expect(asked.status).toBe(400);
    const refused = await asked.text();
    expect(mainText(refused)).toContain("Enter the 6-digit code from your authenticator app");
    expect(refused).toContain(reason);
    const wrong = await server.post(notes, { intent: "share", agencyId: "larkfield-primary", reason, confirmCode: "000000" }, cookies.police);
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain(reason);
    expect(await shares()).toBe(0);
    const shared = await server.post(notes, { intent: "share", agencyId: "larkfield-primary", reason, confirmCode: code() }, cookies.police);
    expect(shared.status).toBe(302);
    expect(await shares()).toBe(1);
  });
});
