// Matching one child of a contact (issue 12 item 3; decision 035): `/front-door/<id>/match?child=<child>` asks the
// screener which of the children already on cases shown is this child, or that none of them is. The answer is a new
// row (who, their agency, when), the latest the match now. Refused, each with its message and nothing changed: no
// choice, a child not among those shown (a hostile form), a child not on the referral, a decided referral. A draft,
// and anyone not of the screening team (the referrer too), get a 404, audited.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { contactMatchFieldOrder, contactMatchSchema, matchMessages, NO_MATCH_CHOICE } from "../../common/forms/contact-match";
import { parseForm } from "../../common/forms/form-errors";
import { formatDate, formatDateTime } from "../../common/format";
import { formatNhsNumber } from "../../common/nhs-number";
import { FRONT_DOOR_ROOM } from "../../common/realtime-events";
import { can, type ReferralResource } from "../../server/access/policy";
import { recordContactMatch } from "../../server/referrals/contact-matches";
import { listMatchCandidates } from "../../server/referrals/match-candidates";
import { ProblemSummary } from "../components/banners";
import { answersOf, ErrorSummary, Radios } from "../components/forms";
import { BackLink, Column, PageHeading, SubmitButton } from "../components/page";
import { pageTitle } from "../components/page-title";
import { SummaryList, SummaryRow } from "../components/summary-list";
import { useChangeNotices } from "../realtime/use-change-notices";
import { usePresence } from "../realtime/use-presence";
import { requireUser } from "../utils/auth.server";
import { requireContact } from "../utils/front-door.server";
import { audit, notFound } from "../utils/permissions.server";
import { referralResource } from "../utils/referral.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(data ? `Is ${data.child.fullName} a child already known?` : "Match a child") }];

type Args = LoaderFunctionArgs | ActionFunctionArgs;

/**
 * The contact, if this person is of the screening team (otherwise a 404, audited), and whether it may still be
 * matched: a decided referral is read, never matched; anything else the policy refuses is a 404, audited.
 */
async function matchable({ request, params, context }: Args) {
  const signedIn = await requireUser(request, context);
  const referral = await requireContact(context, signedIn, params.contactId, "screen:contact");
  const resource = referralResource(referral);
  if (can(signedIn.actor, "match:contact", resource)) return { signedIn, referral, decided: false };
  await audit(context, signedIn, { action: "match:contact", outcome: "denied", target: `contact:${referral.id}`, details: { reason: (resource.state as ReferralResource["state"]) === "decided" ? "decided" : "refused" } });
  if ((resource.state as ReferralResource["state"]) !== "decided") throw notFound();
  return { signedIn, referral, decided: true };
}

/** One child's candidates now, or null when the child is not on this referral. */
async function candidatesFor(args: Args, contactId: number, childId: number | null) {
  const all = await listMatchCandidates(args.context.services.sql, contactId);
  return (childId === null ? all[0] : all.find((entry) => entry.child.id === childId)) ?? null;
}

export async function loader(args: LoaderFunctionArgs) {
  const { signedIn, referral, decided } = await matchable(args);
  const raw = new URL(args.request.url).searchParams.get("child");
  const childId = raw === null ? null : /^\d{1,15}$/.test(raw) ? Number(raw) : NaN;
  const found = Number.isNaN(childId) ? null : await candidatesFor(args, referral.id, childId);
  if (!found) throw notFound();
  await audit(args.context, signedIn, {
    action: "screen:contact",
    outcome: "success",
    target: `contact:${referral.id}`,
    details: { page: "match", child: found.child.id, caseIds: found.cases.map((candidate) => candidate.caseId) },
  });
  return { contactId: referral.id, decided, ...shown(found) };
}

function shown(found: NonNullable<Awaited<ReturnType<typeof candidatesFor>>>) {
  const { child } = found;
  return {
    child: {
      id: child.id,
      fullName: child.fullName,
      birth: child.dateOfBirth ? `Born ${formatDate(child.dateOfBirth)}` : child.expectedOn ? `Unborn, expected ${formatDate(child.expectedOn)}` : "Not given",
      nhsNumber: child.nhsNumber ? formatNhsNumber(child.nhsNumber) : "Not given",
      address: child.address || "Not given",
    },
    cases: found.cases.map((candidate) => ({
      casePersonId: candidate.casePersonId,
      label: `${candidate.fullName}, case ${candidate.caseReference}`,
      hint: `${candidate.dateOfBirth ? `Born ${formatDate(candidate.dateOfBirth)}` : "Date of birth not known"}. ${reasonText(candidate.reasons)}`,
    })),
    referrals: found.referrals.map((candidate) => `R-${candidate.contactId}: ${candidate.fullName}, sent ${formatDateTime(candidate.submittedAt)} (${candidate.reasons.join("; ")})`),
  };
}

const reasonText = (reasons: string[]) => {
  const text = reasons.join("; ");
  return text.charAt(0).toUpperCase() + text.slice(1);
};

export async function action(args: ActionFunctionArgs) {
  const { signedIn, referral, decided } = await matchable(args);
  const { context } = args;
  const target = `contact:${referral.id}`;
  const form = await args.request.formData();
  const refuse = async (status: 400 | 409, errors: Record<string, string>, reason: string) => {
    await audit(context, signedIn, { action: "match:contact", outcome: "failure", target, details: { reason } });
    return data({ errors, values: Object.fromEntries([...form.entries()].map(([key, value]) => [key, String(value)])) }, { status });
  };
  if (decided) return refuse(409, { form: matchMessages.decided }, "decided");
  const parsed = parseForm(contactMatchSchema, form);
  if (!parsed.success) {
    await audit(context, signedIn, { action: "match:contact", outcome: "failure", target, details: { reason: "invalid", fields: Object.keys(parsed.errors) } });
    // The child is the page's own hidden field: a problem with it is the form's, not a box the screener can fix.
    const { child, ...errors } = parsed.errors;
    return data({ errors: child ? { form: child, ...errors } : errors, values: parsed.values }, { status: 400 });
  }
  const found = await candidatesFor(args, referral.id, parsed.data.child);
  if (!found) return refuse(400, { form: matchMessages.notOnReferral }, "child not on the referral");
  const chosen = parsed.data.match === null ? null : found.cases.find((candidate) => candidate.casePersonId === parsed.data.match);
  if (chosen === undefined) return refuse(400, { match: matchMessages.notShown }, "child not among those shown");
  let id: number;
  try {
    id = await recordContactMatch(context.services.sql, {
      contactId: referral.id,
      contactChildId: found.child.id,
      casePersonId: chosen?.casePersonId ?? null,
      reasons: chosen ? chosen.reasons.join("; ") : "",
      byUserId: signedIn.user.id,
      byAgencyId: signedIn.user.agencyId,
      at: context.services.clock(),
    });
  } catch (error) {
    // Decided by a manager between this page's check and the row (the database refuses it): nothing was recorded.
    if (error instanceof Error && /has been decided/.test(error.message)) return refuse(409, { form: matchMessages.decided }, "decided");
    if (error instanceof Error && /decision is waiting for a manager/.test(error.message)) return refuse(409, { form: matchMessages.proposed }, "proposed");
    throw error;
  }
  await audit(context, signedIn, {
    action: "match:contact",
    outcome: "success",
    target,
    caseId: chosen?.caseId ?? null,
    details: { matchId: id, child: found.child.id, outcome: chosen ? "linked" : "none", casePersonId: chosen?.casePersonId ?? null },
  });
  context.services.events.publish({ room: FRONT_DOOR_ROOM, what: "front-door" });
  return redirect(`/front-door/${referral.id}?matched=1#matching`);
}

export default function MatchChild() {
  const { contactId, decided, child, cases, referrals } = useLoaderData<typeof loader>();
  const { errors, values } = answersOf(useActionData<typeof action>());
  // In the front door's room: a match, rating or decision by another screener reloads what this page shows.
  usePresence(FRONT_DOOR_ROOM);
  useChangeNotices(FRONT_DOOR_ROOM);
  const options = [
    ...cases.map((candidate) => ({ value: String(candidate.casePersonId), label: candidate.label, hint: candidate.hint })),
    { value: NO_MATCH_CHOICE, label: cases.length ? "None of these" : `${child.fullName} is not a child already known to a case`, hint: cases.length ? `${child.fullName} is not any of the children above` : undefined },
  ];
  return (
    <Column width="two-thirds">
      <BackLink to={`/front-door/${contactId}`}>Back to the referral</BackLink>
      {errors?.form ? <ProblemSummary message={errors.form} /> : <ErrorSummary errors={errors} order={contactMatchFieldOrder} />}
      <PageHeading caption={`Referral R-${contactId}`}>{`Is ${child.fullName} a child already known?`}</PageHeading>
      <SummaryList testId="child-to-match">
        <SummaryRow label="Date of birth">{child.birth}</SummaryRow>
        <SummaryRow label="NHS number">{child.nhsNumber}</SummaryRow>
        <SummaryRow label="Address">{child.address}</SummaryRow>
      </SummaryList>
      {referrals.length ? (
        <>
          <h2 className="govuk-heading-s">Other referrals that may be about this child</h2>
          <ul className="govuk-list govuk-list--bullet" data-testid="other-referrals">
            {referrals.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      ) : null}
      {decided ? (
        <p className="govuk-body">{matchMessages.decided}.</p>
      ) : (
        <Form method="post" noValidate>
          <input type="hidden" name="child" value={child.id} />
          <Radios
            name="match"
            legend={cases.length ? "Which child on a case is this?" : "No child on a case shares this child's NHS number, name and date of birth, or address"}
            hint={cases.length ? "Each shares something with this child: it says what." : "Confirm it, so a decision can be made."}
            error={errors?.match}
            defaultValue={values.match}
            options={options}
          />
          <SubmitButton>Save the match</SubmitButton>
        </Form>
      )}
    </Column>
  );
}
