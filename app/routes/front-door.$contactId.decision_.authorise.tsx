// A social care manager's answer to a proposed decision (issue 12 item 6; decision 036): authorise it, with the
// feedback the referrer is told (the screener's, as the manager leaves or rewords it), or send it back with a reason.
// Never one's own proposal (refused with its message, audited). A strategy discussion, once authorised, opens the case
// and convenes the discussion; the referrer hears, content-free, that their referral has an outcome.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { answerFieldOrder, answerSchema, FEEDBACK_MAX, SEND_BACK_REASON_MAX } from "../../common/forms/contact-decisions";
import { parseForm } from "../../common/forms/form-errors";
import { FRONT_DOOR_ROOM } from "../../common/realtime-events";
import { can } from "../../server/access/policy";
import { answerContactDecision, strategyDiscussionTime } from "../../server/referrals/answer-contact-decision";
import { caseReferenceOf, linkedCaseOf } from "../../server/referrals/open-strategy-discussion";
import { listAgencyManagerIds } from "../../server/transitions/propose-transition";
import { readDecisionStanding, type Proposal } from "../../server/referrals/contact-decisions";
import { DecisionStatus } from "../components/contact-decision";
import { answersOf, ErrorSummary, Radios, TextArea } from "../components/forms";
import { BackLink, Column, PageHeading, SubmitButton } from "../components/page";
import { pageTitle } from "../components/page-title";
import { formatDateTime } from "../../common/format";
import { useChangeNotices } from "../realtime/use-change-notices";
import { usePresence } from "../realtime/use-presence";
import type { SignedIn } from "../utils/auth.server";
import { requireUser } from "../utils/auth.server";
import { decisionView, DECIDED_MESSAGE, proposalResource } from "../utils/contact-decisions.server";
import { requireContact } from "../utils/front-door.server";
import { audit } from "../utils/permissions.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Authorise the decision") }];

const OWN_PROPOSAL = "You proposed this decision: another social care manager must authorise it or send it back";
const NOT_A_MANAGER = "Only a social care manager can authorise a decision or send it back";
const NOTHING_WAITING = "No decision is waiting to be authorised on this referral";
const ANSWERED = "This proposal has already been answered by another manager";

/** Why this person may not answer the proposal, or null when they may. */
function refusalOf(signedIn: SignedIn, pending: Proposal) {
  if (can(signedIn.actor, "authorise:contact-decision", proposalResource(pending))) return null;
  return pending.byUserId === signedIn.user.id ? OWN_PROPOSAL : NOT_A_MANAGER;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const referral = await requireContact(context, signedIn, params.contactId, "screen:contact");
  const standing = await readDecisionStanding(context.services.sql, referral.id);
  await audit(context, signedIn, { action: "screen:contact", outcome: "success", target: `contact:${referral.id}:decision` });
  const pending = standing.pending;
  return {
    id: referral.id,
    children: referral.children.map((child) => child.fullName).join(", "),
    referrerAgencyName: referral.referrerAgencyName,
    view: decisionView(signedIn, standing),
    proposalId: pending?.id ?? null,
    refusal: standing.decided ? DECIDED_MESSAGE : pending ? refusalOf(signedIn, pending) : NOTHING_WAITING,
    convenedFor:
      pending?.outcome === "strategy_discussion" ? formatDateTime(strategyDiscussionTime(context.services.calendar, context.services.clock()).heldAt) : null,
    // A child matched to a child on an open case: the discussion joins that case, and the manager is told which.
    joins: pending?.outcome === "strategy_discussion" ? await caseReferenceOf(context.services.sql, await linkedCaseOf(context.services.sql, referral.id)) : null,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const referral = await requireContact(context, signedIn, params.contactId, "screen:contact");
  const form = await request.formData();
  const values = Object.fromEntries([...form.entries()].map(([key, value]) => [key, String(value)]));
  const target = `contact:${referral.id}`;
  const refuse = async (message: string, status: 400 | 403, reason: string) => {
    await audit(context, signedIn, { action: "authorise:contact-decision", outcome: "denied", target, details: { reason } });
    return data({ errors: { form: message }, values }, { status });
  };
  const standing = await readDecisionStanding(context.services.sql, referral.id);
  if (standing.decided) return refuse(DECIDED_MESSAGE, 400, "decided");
  const pending = standing.pending;
  if (!pending) return refuse(NOTHING_WAITING, 400, "nothing waiting");
  if (String(pending.id) !== values.proposalId) return refuse(ANSWERED, 400, "answered");
  const refusal = refusalOf(signedIn, pending);
  if (refusal) return refuse(refusal, 403, refusal === OWN_PROPOSAL ? "own proposal" : "not a social care manager");
  const parsed = parseForm(answerSchema, form);
  if (!parsed.success) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });

  const answered = await answerContactDecision(context.services, {
    contactId: referral.id,
    proposalId: pending.id,
    answer: parsed.data.answer,
    feedback: parsed.data.feedback,
    reason: parsed.data.reason,
    byUserId: signedIn.user.id,
    byAgencyId: signedIn.user.agencyId,
    at: context.services.clock(),
    calendar: context.services.calendar,
  });
  if (!answered.ok)
    return answered.problem === "own-proposal"
      ? refuse(OWN_PROPOSAL, 403, "own proposal")
      : refuse(answered.problem === "decided" ? DECIDED_MESSAGE : ANSWERED, 400, answered.problem);
  await audit(context, signedIn, {
    action: "authorise:contact-decision",
    outcome: "success",
    target,
    caseId: answered.caseId,
    details: { answer: parsed.data.answer, proposalId: pending.id, decisionId: answered.id, caseId: answered.caseId, meetingId: answered.meetingId },
  });
  const { events } = context.services;
  events.publish({ room: FRONT_DOOR_ROOM, what: "front-door" });
  if (parsed.data.answer === "authorise") {
    // The referrer's "Your work" and referral page hear that there is an outcome; the chair, of the discussion convened.
    events.publish({ room: `user:${referral.referrerUserId}`, what: "front-door" });
    if (answered.meetingId) events.publish({ room: `user:${signedIn.user.id}`, what: "invitation" });
    // A step down to early help waits for the early help service's managers, on their Your work.
    if (answered.transition)
      for (const userId of await listAgencyManagerIds(context.services.sql, answered.transition.toAgencyId)) events.publish({ room: `user:${userId}`, what: "team" });
    return redirect(`/front-door/${referral.id}/decision?authorised=1`);
  }
  return redirect(`/front-door/${referral.id}/decision?sent-back=1`);
}

export default function AuthoriseDecision() {
  const page = useLoaderData<typeof loader>();
  const { errors, values, field } = answersOf(useActionData<typeof action>());
  usePresence(FRONT_DOOR_ROOM);
  useChangeNotices(FRONT_DOOR_ROOM);
  const pending = page.view.pending;
  return (
    <Column width="two-thirds">
      <BackLink to={`/front-door/${page.id}/decision`}>Back to the decision</BackLink>
      <ErrorSummary errors={errors} order={answerFieldOrder} />
      <PageHeading caption={`Referral R-${page.id} from ${page.referrerAgencyName}`}>{`Authorise the decision about ${page.children}`}</PageHeading>
      <DecisionStatus contactId={page.id} view={{ ...page.view, mayAuthorise: false, ownProposal: false }} />
      {page.refusal || !pending ? (
        <p className="govuk-body" data-testid="authorise-refusal">
          {page.refusal}
        </p>
      ) : (
        <Form method="post" noValidate>
          <input type="hidden" name="proposalId" value={String(page.proposalId)} />
          <Radios
            {...field("answer")}
            legend="Your decision as the manager"
            options={[
              {
                value: "authorise",
                label: `Authorise: ${pending.outcomeName}`,
                hint: page.convenedFor
                  ? `${page.joins ? `Joins case ${page.joins}, to which a child was matched, adding the screening agencies and the proposer to it,` : "Opens the case with the children and family from the referral,"} and convenes a telephone strategy discussion for ${page.convenedFor}, chaired by you. Add the team on the case's team page.`
                  : undefined,
              },
              { value: "send_back", label: "Send it back", hint: "The screening team can then propose a new decision" },
            ]}
          />
          <TextArea
            name="feedback"
            label="Feedback to the referrer"
            labelClassName="govuk-label--s"
            hint={`When authorising: what the referrer is told, with the outcome. Up to ${FEEDBACK_MAX} characters.`}
            error={errors?.feedback}
            defaultValue={values.feedback ?? pending.feedback}
            rows={4}
          />
          <TextArea
            name="reason"
            label="Why you are sending it back"
            labelClassName="govuk-label--s"
            hint={`When sending back: what the screening team should look at again. Up to ${SEND_BACK_REASON_MAX} characters.`}
            error={errors?.reason}
            defaultValue={values.reason}
            rows={4}
          />
          <SubmitButton>Save your decision</SubmitButton>
        </Form>
      )}
    </Column>
  );
}
