// The loader and action of both pages that convene a conference: an initial conference from a strategy meeting, a
// review from the plan. Each page says where its conference comes from (`originOf`); the rest is the same: guard,
// parse, one domain call, audit, tell each invitee, go to the conference.
import { data, redirect, type ActionFunctionArgs, type AppLoadContext, type LoaderFunctionArgs } from "@remix-run/node";
import { conveneConferenceSchema } from "../../../common/forms/conferences";
import { todayInEngland } from "../../../common/forms/dates";
import { formValues, parseForm, type FieldErrors } from "../../../common/forms/form-errors";
import type { CaseFacts } from "../../../server/access/policy";
import { getFrontSheet } from "../../../server/cases/get-front-sheet";
import { conferenceConvening, conveneConference, type ConferenceOrigin } from "../../../server/meetings/convene-conference";
import { requireUser } from "../../utils/auth.server";
import { audit, authorize, requireCase } from "../../utils/permissions.server";

/** Where the conference comes from, or why it cannot be convened from here. */
export type OriginOf = (context: AppLoadContext, facts: CaseFacts, params: Record<string, string | undefined>) => Promise<{ ok: true; origin: ConferenceOrigin } | { ok: false; problem: string }>;

async function convening({ request, params, context }: LoaderFunctionArgs, originOf: OriginOf) {
  const signedIn = await requireUser(request, context);
  const facts = await requireCase(context, signedIn, params.caseId);
  await authorize(context, signedIn, "convene:meeting", { type: "case", case: facts }, { target: `case:${facts.caseId}:meetings`, caseId: facts.caseId });
  const sheet = (await getFrontSheet(context.services.sql, facts.caseId))!;
  return { signedIn, facts, sheet, origin: await originOf(context, facts, params) };
}

export const conveneLoader = (originOf: OriginOf) => async (args: LoaderFunctionArgs) => {
  const { signedIn, facts, sheet, origin } = await convening(args, originOf);
  const page = { caseId: facts.caseId, reference: sheet.reference, childName: sheet.child?.fullName ?? "the child", you: signedIn.user.id };
  if (!origin.ok) return data({ ...page, problem: origin.problem, convening: null }, { status: 409 });
  return { ...page, problem: null, convening: conferenceConvening(sheet, origin.origin) };
};

export const conveneAction = (originOf: OriginOf) => async (args: ActionFunctionArgs) => {
  const { signedIn, facts, sheet, origin } = await convening(args, originOf);
  const form = await args.request.formData();
  const ids = (name: string) => form.getAll(name).map(String).filter((id) => /^\d{1,15}$/.test(id)).map(Number);
  const invited = ids("invitee");
  const family = ids("family");
  const refused = (errors: FieldErrors, status = 400) => data({ errors, values: formValues(form), invited, family }, { status });
  if (!origin.ok) return refused({ form: origin.problem }, 409);
  const parsed = parseForm(conveneConferenceSchema, form);
  if (!parsed.success) return refused(parsed.errors);
  const at = args.context.services.clock();
  const made = await conveneConference(args.context.services.sql, {
    caseId: facts.caseId,
    sheet,
    origin: origin.origin,
    request: { ...parsed.data, inviteeUserIds: invited, familyPersonIds: family },
    by: signedIn.user.id,
    at,
  });
  if (!made.ok) return refused(made.errors);
  const details = { kind: origin.origin.kind, invited, family, heldOn: parsed.data.heldOn, dueOn: origin.origin.due.dueOn, today: todayInEngland(at) };
  await audit(args.context, signedIn, { action: "convene:meeting", outcome: "success", caseId: facts.caseId, target: `meeting:${made.id}`, details });
  for (const userId of new Set([...invited, parsed.data.chairUserId])) args.context.services.events.publish({ room: `user:${userId}`, what: "invitation" });
  return redirect(`/cases/${facts.caseId}/meetings/${made.id}`);
};
