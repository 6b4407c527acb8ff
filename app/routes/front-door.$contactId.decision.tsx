// The decision on a contact (issue 12 item 6; decision 036): a screener proposes the outcome with its rationale and
// the feedback for the referrer; a social care manager authorises it or sends it back (on the authorise page). The
// page shows where it stands and every step. A decision needs consent recorded first; a decided contact is decided
// once, and a second decision is refused with its message, changing nothing.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { decisionOutcomes, FEEDBACK_MAX, outcomeNames, proposalFieldOrder, proposalSchema, RATIONALE_MAX } from "../../common/forms/contact-decisions";
import { parseForm } from "../../common/forms/form-errors";
import { FRONT_DOOR_ROOM } from "../../common/realtime-events";
import { proposeContactDecision, readDecisionStanding, whatDecidingNeeds } from "../../server/referrals/contact-decisions";
import { SuccessBanner } from "../components/banners";
import { DecisionHistory, DecisionStatus } from "../components/contact-decision";
import { answersOf, ErrorSummary, Radios, TextArea } from "../components/forms";
import { BackLink, Column, PageHeading, SubmitButton } from "../components/page";
import { pageTitle } from "../components/page-title";
import { useChangeNotices } from "../realtime/use-change-notices";
import { usePresence } from "../realtime/use-presence";
import { requireUser } from "../utils/auth.server";
import { decisionView, DECIDED_MESSAGE, mayWork, requireUndecidedContact } from "../utils/contact-decisions.server";
import { requireContact } from "../utils/front-door.server";
import { audit } from "../utils/permissions.server";
import { contactTransitionsFor } from "../utils/transitions.server";
import { ContactTransitions } from "../components/transitions";

export const meta: MetaFunction = () => [{ title: pageTitle("Decide") }];

const needMessages = {
  consent: "Record consent before proposing a decision: the referrer did not ask the family, so the screening team records it",
  match: "Match the children to those already known, or confirm there are none, before proposing a decision",
  pending: "A proposal is already waiting for a manager: it must be authorised or sent back before another is made",
} as const;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const referral = await requireContact(context, signedIn, params.contactId, "screen:contact");
  const { sql } = context.services;
  const [standing, needs] = await Promise.all([readDecisionStanding(sql, referral.id), whatDecidingNeeds(sql, referral.id)]);
  await audit(context, signedIn, { action: "screen:contact", outcome: "success", target: `contact:${referral.id}:decision` });
  const view = decisionView(signedIn, standing);
  return {
    id: referral.id,
    children: referral.children.map((child) => child.fullName).join(", "),
    referrerAgencyName: referral.referrerAgencyName,
    view,
    needs: needs.map((need) => needMessages[need]),
    mayPropose: !view.decided && !view.pending && needs.length === 0 && mayWork(signedIn, referral, "propose:contact-decision"),
    earlyHelp: await contactTransitionsFor(context, referral.id),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const { referral, refused } = await requireUndecidedContact(context, signedIn, params.contactId, "propose:contact-decision");
  const form = await request.formData();
  if (refused) return data({ errors: { form: refused }, values: {} }, { status: 400 });
  const parsed = parseForm(proposalSchema, form);
  if (!parsed.success) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const proposed = await proposeContactDecision(context.services.sql, {
    contactId: referral.id,
    ...parsed.data,
    byUserId: signedIn.user.id,
    byAgencyId: signedIn.user.agencyId,
    at: context.services.clock(),
  });
  if (!proposed.ok) {
    await audit(context, signedIn, { action: "propose:contact-decision", outcome: "failure", target: `contact:${referral.id}`, details: { reason: proposed.problem } });
    const message = proposed.problem === "decided" ? DECIDED_MESSAGE : needMessages[proposed.problem];
    return data({ errors: { form: message }, values: Object.fromEntries([...form.entries()].map(([key, value]) => [key, String(value)])) }, { status: 400 });
  }
  await audit(context, signedIn, {
    action: "propose:contact-decision",
    outcome: "success",
    target: `contact:${referral.id}`,
    details: { outcome: parsed.data.outcome, decisionId: proposed.id },
  });
  context.services.events.publish({ room: FRONT_DOOR_ROOM, what: "front-door" });
  return redirect(`/front-door/${referral.id}/decision?proposed=1`);
}

export default function ContactDecision() {
  const page = useLoaderData<typeof loader>();
  const { errors, values, field } = answersOf(useActionData<typeof action>());
  const [search] = useSearchParams();
  usePresence(FRONT_DOOR_ROOM);
  useChangeNotices(FRONT_DOOR_ROOM);
  const { view } = page;
  const banner = errors
    ? null
    : search.get("proposed") === "1" && view.pending
      ? "Decision proposed: a social care manager will authorise it or send it back"
      : search.get("sent-back") === "1"
        ? "Decision sent back: a new decision can be proposed"
        : search.get("authorised") === "1" && view.decided
          ? `Decision authorised: ${view.decided.outcomeName.toLowerCase()}`
          : null;
  return (
    <Column width="two-thirds">
      <BackLink to={`/front-door/${page.id}`}>Back to the referral</BackLink>
      <ErrorSummary errors={errors} order={proposalFieldOrder} />
      {banner ? <SuccessBanner id="decision-title" heading={banner} /> : null}
      <PageHeading caption={`Referral R-${page.id} from ${page.referrerAgencyName}`}>{`Decide on the referral about ${page.children}`}</PageHeading>
      <DecisionStatus contactId={page.id} view={view} />
      <ContactTransitions transitions={page.earlyHelp} />

      {page.mayPropose ? (
        <>
          <h2 className="govuk-heading-m">Propose a decision</h2>
          <Form method="post" noValidate>
            <Radios {...field("outcome")} legend="What should happen next?" options={decisionOutcomes.map((value) => ({ value, label: outcomeNames[value] }))} />
            <TextArea
              name="rationale"
              label="Rationale"
              labelClassName="govuk-label--s"
              hint={`Why this outcome, from what the referral and the checks say. For the screening team and the manager, not the referrer. Up to ${RATIONALE_MAX} characters.`}
              error={errors?.rationale}
              defaultValue={values.rationale}
              rows={6}
            />
            <TextArea
              name="feedback"
              label="Feedback to the referrer"
              labelClassName="govuk-label--s"
              hint={`What the referrer is told once a manager authorises the decision. Up to ${FEEDBACK_MAX} characters.`}
              error={errors?.feedback}
              defaultValue={values.feedback}
              rows={4}
            />
            <SubmitButton>Propose the decision</SubmitButton>
          </Form>
        </>
      ) : !view.decided && !view.pending && page.needs.length ? (
        <ul className="govuk-list govuk-list--bullet" data-testid="decision-needs">
          {page.needs.map((need) => (
            <li key={need}>{need}</li>
          ))}
        </ul>
      ) : null}
      {!view.decided && !view.pending && page.needs.some((need) => need.startsWith("Record consent")) ? (
        <p className="govuk-body">
          <Link className="govuk-link" to={`/front-door/${page.id}/consent`}>
            Record consent
          </Link>
        </p>
      ) : null}

      <DecisionHistory view={view} />
    </Column>
  );
}
