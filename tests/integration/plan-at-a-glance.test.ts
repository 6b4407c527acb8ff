// What an inspector checks first, and what each person has to do, from the outside: the front sheet shows the plan's
// status, category, start and lead, the next core group and review with their clocks, and the overdue actions by the
// agency that owns them; "Your work" shows each person their own actions (overdue ones marked) and the core groups
// they are members of, and is told live when the plan or a core group changes.
import { beforeAll, describe, expect, test } from "vitest";
import { endPlan } from "../../server/plans/end-plan";
import { mainText } from "../support/html";
import { connectSocket, type PortalSocket } from "../support/socket-client";
import { actionsOf, cookies, ids, moveTo, planForJayden, scheduled, server, useCoreGroupPortal } from "../support/core-group-portal";

useCoreGroupPortal();

const page = async (path: string, key: string) => {
  const response = await server.get(path, cookies[key]);
  expect(response.status, `${path} as ${key}`).toBe(200);
  return mainText(await response.text());
};
const yourWork = (key: string) => page("/", key);
const frontSheet = (key = "socialWorker") => page("/cases/2", key);
/** The text of a front sheet row, from its label up to the next row's label. */
const row = (text: string, label: string, next: string) => text.slice(text.indexOf(label), text.indexOf(next, text.indexOf(label)));

let actions: Record<string, number> = {};
let coreGroupPath = "";

beforeAll(async () => {
  await moveTo("2026-12-21");
  // Made by a conference on Thursday 17 December 2026; each action due on 26 February 2027.
  actions = await actionsOf(await planForJayden("2026-12-17"));
});

describe("the front sheet", () => {
  test("shows the plan: status, category, start, lead, the next core group and review with their clocks, no overdue actions", async () => {
    for (const key of ["socialWorker", "police", "gp"]) {
      const text = await frontSheet(key);
      expect(row(text, "Child protection plan", "Next core group")).toBe(
        "Child protection plan Active Since 17 December 2026 Category: Neglect Lead social worker: Sam Okafor (Sandmere Borough Council Children's Services) Open the child protection plan ",
      );
      // 10 working days from the conference, skipping Christmas, the Boxing Day substitute and New Year's Day.
      expect(text).toContain("Next core group Not arranged yet Due by 5 January 2027 Due in 8 working days");
      expect(text).toContain("Next review conference Not convened yet Due by 17 March 2027 Due in");
      expect(text).toContain("Overdue actions None overdue (3 open actions)");
    }
  });

});

describe("Your work", () => {
  test("each person sees the actions they own, with their dates, and not another's", async () => {
    const police = await yourWork("police");
    expect(police).toMatch(/Your actions on children's plans You have \d+ open actions?\. None is overdue\./);
    expect(police).toContain("Jayden Marsh SBC-2026-0148 Share every call-out to the house 26 February 2027 Due in 67 days No progress recorded yet");
    expect(police).not.toContain("Weigh Jayden every fortnight");
    // Who was shown which action is audited, as every read of a case is.
    const [shown] = await server.db.sql<{ details: { actions: { caseId: number; actionId: number }[] } }[]>`
      select details from audit_events where user_id = ${ids["alex.morgan"]} and action = 'view:your-actions' order by id desc limit 1`;
    expect(shown.details.actions).toContainEqual({ caseId: 2, actionId: actions["alex.morgan"] });
    expect(await yourWork("health")).toContain("Weigh Jayden every fortnight 26 February 2027 Due in 67 days");
    // Someone who owns no action is shown no empty table.
    expect(await yourWork("teamManager")).not.toContain("Your actions on children's plans");
  });

  test("is told live when an action of theirs is added, and lists a core group they are made a member of", async () => {
    const socket: PortalSocket = await connectSocket(server.url, { cookie: cookies.police });
    try {
      expect((await socket.emitWithAck("room:join", `user:${ids["alex.morgan"]}`)).ok).toBe(true);
      const told = new Promise<{ room: string; what: string }>((resolve) => socket.once("record:changed", resolve));
      const [outcome] = await server.db.sql<{ id: string }[]>`select o.id from plan_outcomes o join child_protection_plans p on p.id = o.plan_id where p.case_id = 2`;
      const added = await server.post(
        "/cases/2/plan",
        {
          intent: "add-action",
          outcomeId: String(outcome.id),
          what: "Tell the school the same day of any call-out",
          why: "So the school can look out for Jayden's sister",
          ownerUserId: String(ids["alex.morgan"]),
          due: "8 1 2027",
          measure: "The school's log matches the call-outs",
        },
        cookies.socialWorker,
      );
      expect(added.status).toBe(302);
      expect(await told).toEqual({ room: `user:${ids["alex.morgan"]}`, what: "plan" });
      expect(await yourWork("police")).toContain("Tell the school the same day of any call-out 8 January 2027 Due in 18 days");

      const invited = new Promise<{ room: string; what: string }>((resolve) => socket.once("record:changed", resolve));
      coreGroupPath = await scheduled(2, { day: "4", month: "1", year: "2027" }, ["alex.morgan", "nadia.hussain", "olu.adeyemi"]);
      expect(await invited).toEqual({ room: `user:${ids["alex.morgan"]}`, what: "plan" });
    } finally {
      socket.close();
    }
    const police = await yourWork("police");
    expect(police).toMatch(/Meetings you are invited to .*Core group for Jayden Marsh, 4 January 2027/);
    // A professional on the case but not in the core group is not invited to it.
    expect(await yourWork("teamManager")).not.toContain("Core group for Jayden");
  });
});

describe("as the plan moves on", () => {
  test("the front sheet lists the core group, arranged, beside every meeting", async () => {
    const text = await frontSheet("police");
    expect(text).toContain("Next core group 4 January 2027 at 10:00am Due by 5 January 2027 Arranged in time, for 4 January 2027 Open the next core group");
    expect(text).toContain("Meetings Core group 1, 4 January 2027 at 10:00am Open Child protection plan");
  });

  test("past their dates, actions are overdue by agency on the front sheet and marked on Your work; done ones leave both", async () => {
    await moveTo("2027-03-01");
    const text = await frontSheet("socialWorker");
    expect(row(text, "Overdue actions", "The child's voice")).toBe("Overdue actions 1 Harbour Lane Surgery 2 Kestrel Vale Police 1 Sandmere Community Health NHS Trust ");
    const police = await yourWork("police");
    expect(police).toMatch(/\d+ of your \d+ open actions are overdue\./);
    expect(police).toContain("Jayden Marsh SBC-2026-0148 Share every call-out to the house 26 February 2027 Overdue by 3 days No progress recorded yet");

    // The police say the call-out sharing is done at the core group: it leaves the police's list and the front sheet's count.
    const said = await server.post(coreGroupPath, { intent: "progress", actionId: String(actions["alex.morgan"]), status: "done", note: "Every call-out shared.", reason: "" }, cookies.police);
    expect(said.status).toBe(302);
    expect(await yourWork("police")).not.toContain("Share every call-out to the house");
    expect(row(await frontSheet("socialWorker"), "Overdue actions", "The child's voice")).toBe(
      "Overdue actions 1 Harbour Lane Surgery 1 Kestrel Vale Police 1 Sandmere Community Health NHS Trust ",
    );
  });

  test("an ended plan shows when it ended and what follows, with no clocks, and its actions leave Your work", async () => {
    const [plan] = await server.db.sql<{ id: string }[]>`select id from child_protection_plans where case_id = 2`;
    const ended = await endPlan(server.db.sql, {
      caseId: 2,
      planId: Number(plan.id),
      endedOn: "2027-03-01",
      reason: "Jayden is thriving.",
      whatFollows: "child_in_need_plan",
      by: ids["sam.okafor"],
      at: server.clock.now(),
    });
    expect(ended).toEqual({ ok: true });
    const text = await frontSheet("police");
    expect(text).toContain("Child protection plan Ended 1 March 2027. Started 17 December 2026. A child in need plan. Category: Neglect");
    expect(text).not.toContain("Next core group");
    expect(text).not.toContain("Overdue actions");
    expect(await yourWork("health")).not.toContain("Weigh Jayden every fortnight");
  });
});
