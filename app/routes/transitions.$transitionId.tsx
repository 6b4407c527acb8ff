// One step up or step down: who it is about, from and to, the rationale, who proposed it and when, and the answer. The
// receiving agency's manager accepts it (naming who in their team leads the work now) or declines it with a reason,
// once. Bad input, a second answer, one's own proposal or a closed case are refused with a message and change nothing.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { can } from "../../server/access/policy";
import { loadCaseFacts } from "../../server/cases/case-facts";
import { announceCaseWork } from "../../server/cases/case-notices";
import { answerTransition, listLeadCandidates } from "../../server/transitions/answer-transition";
import { listAgencyManagerIds } from "../../server/transitions/propose-transition";
import { readTransitionSubject } from "../../server/transitions/read-transition";
import { formatDateOfBirth } from "../../common/format";
import { formValues, parseForm } from "../../common/forms/form-errors";
import { answerTransitionFieldOrder, answerTransitionSchema, TRANSITION_TEXT_MAX, transitionMessages } from "../../common/forms/transitions";
import { FRONT_DOOR_ROOM } from "../../common/realtime-events";
import { SuccessBanner } from "../components/banners";
import { answersOf, ErrorSummary, Radios, Select, TextArea } from "../components/forms";
import { BackLink, Column, PageHeading, SubmitButton } from "../components/page";
import { pageTitle } from "../components/page-title";
import { SummaryList, SummaryRow } from "../components/summary-list";
import { TransitionAnswer } from "../components/transitions";
import { useChangeNotices } from "../realtime/use-change-notices";
import { requireUser } from "../utils/auth.server";
import { audit, authorize } from "../utils/permissions.server";
import { presentTransition, requireTransition } from "../utils/transitions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(data ? `${data.transition.title}: ${data.subject.childName}` : "Transition") }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const { transition, facts, resource } = await requireTransition(context, signedIn, params.transitionId);
  const { sql, clock } = context.services;
  const subject = await readTransitionSubject(sql, transition);
  const mayAnswer = can(signedIn.actor, "answer:transition", resource);
  await audit(context, signedIn, { action: "read:transition", outcome: "success", caseId: transition.caseId, target: `transition:${transition.id}` });
  return {
    transition: presentTransition(transition),
    subject: { ...subject, dateOfBirth: subject.dateOfBirth ? formatDateOfBirth(subject.dateOfBirth, clock()) : null },
    caseId: transition.caseId,
    contactId: transition.contactId,
    readsCase: facts !== null && can(signedIn.actor, "read:case", { type: "case", case: facts }),
    answerForm: mayAnswer ? { needsLead: transition.caseId !== null, candidates: transition.caseId !== null ? await listLeadCandidates(sql, transition.toAgencyId) : [] } : null,
    answered: new URL(request.url).searchParams.get("answered") === "1",
    // Where this person hears of a change without content: the case's room if they read the case, the front door's
    // if they screen, otherwise their own (the receiving managers are told there).
    room:
      facts !== null && can(signedIn.actor, "read:case", { type: "case", case: facts })
        ? `case:${facts.caseId}`
        : transition.caseId === null && can(signedIn.actor, "screen:contact", { type: "front-door" })
          ? FRONT_DOOR_ROOM
          : `user:${signedIn.user.id}`,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const { transition, resource } = await requireTransition(context, signedIn, params.transitionId);
  const form = await request.formData();
  // Every refusal is audited, with the reason the person is told.
  const refuse = async (message: string, field = "form") => {
    await audit(context, signedIn, { action: "answer:transition", outcome: "denied", caseId: transition.caseId, target: `transition:${transition.id}`, details: { reason: message } });
    return data({ errors: { [field]: message }, values: formValues(form) }, { status: 400 });
  };
  // Said plainly before the policy's refusal, to those who may read the transition: why no answer can be given.
  if (transition.answer) return refuse(transitionMessages.answered(transition.state as "accepted" | "declined", transition.answer.byName));
  if (transition.proposedByUserId === signedIn.user.id) return refuse(transitionMessages.ownProposal);
  if (resource.type === "transition" && resource.case?.status === "closed") return refuse(transitionMessages.closed);
  await authorize(context, signedIn, "answer:transition", resource, { target: `transition:${transition.id}`, caseId: transition.caseId ?? undefined });
  const parsed = parseForm(answerTransitionSchema, form);
  if (!parsed.success) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const { sql, clock, events } = context.services;
  const result = await answerTransition(sql, {
    transitionId: transition.id,
    byUserId: signedIn.user.id,
    byAgencyId: signedIn.user.agencyId,
    at: clock(),
    reply: parsed.data,
  });
  if (!result.ok) return refuse(result.message, result.field);
  await audit(context, signedIn, {
    action: "answer:transition",
    outcome: "success",
    caseId: transition.caseId,
    target: `transition:${transition.id}`,
    details: { answer: result.answer },
  });
  // Content-free notices: the case's pages and everyone on it now; the proposer; the receiving managers' Your work.
  if (transition.caseId !== null) {
    const facts = await loadCaseFacts(sql, transition.caseId);
    if (facts) announceCaseWork(events, facts, "team");
  } else events.publish({ room: FRONT_DOOR_ROOM, what: "front-door" });
  const told = new Set([transition.proposedByUserId, ...(await listAgencyManagerIds(sql, transition.toAgencyId))]);
  for (const userId of told) events.publish({ room: `user:${userId}`, what: "team" });
  return redirect(`/transitions/${transition.id}?answered=1`);
}

export default function TransitionPage() {
  const { transition, subject, caseId, contactId, readsCase, answerForm, answered, room } = useLoaderData<typeof loader>();
  const { errors, values, field } = answersOf(useActionData<typeof action>());
  useChangeNotices(room);
  return (
    <Column width="two-thirds">
      {readsCase && caseId !== null ? <BackLink to={`/cases/${caseId}#transitions`}>Back to the case</BackLink> : <BackLink to="/">Back to your work</BackLink>}
      <ErrorSummary errors={errors} order={answerTransitionFieldOrder} />
      {answered && !errors && transition.answer ? (
        <SuccessBanner id="answered-title" heading={transition.state === "accepted" ? "You accepted the transition" : "You declined the transition"}>
          {transition.state === "accepted" && readsCase && caseId !== null ? (
            <p className="govuk-body">
              <Link className="govuk-notification-banner__link" to={`/cases/${caseId}`}>
                Open the case
              </Link>
            </p>
          ) : null}
        </SuccessBanner>
      ) : null}
      <PageHeading caption={subject.caseReference ? `${subject.childName} · ${subject.caseReference}` : `${subject.childName} · Referral R-${contactId}`}>
        {transition.title}
      </PageHeading>
      <SummaryList testId="transition-summary">
        <SummaryRow label="Child">{subject.dateOfBirth ? `${subject.childName}, born ${subject.dateOfBirth}` : subject.childName}</SummaryRow>
        <SummaryRow label="From">{transition.from}</SummaryRow>
        <SummaryRow label="To">{transition.to}</SummaryRow>
        <SummaryRow label="Rationale">
          <span className="app-preserve-lines">{transition.rationale}</span>
        </SummaryRow>
        <SummaryRow label="Proposed by">{`${transition.proposedBy}, ${transition.proposedAt}`}</SummaryRow>
        <SummaryRow label="Answer">
          <TransitionAnswer transition={transition} />
        </SummaryRow>
      </SummaryList>
      {answerForm ? (
        <>
          <h2 className="govuk-heading-m">Accept or decline</h2>
          <Form method="post" noValidate>
            <Radios
              {...field("answer")}
              legend={`Will your team take the work on?`}
              options={[
                { value: "accepted", label: "Accept", hint: answerForm.needsLead ? "Your team leads the work on this case from now on" : "Your team takes the work on" },
                { value: "declined", label: "Decline", hint: "The work stays where it is; say why" },
              ]}
            />
            {answerForm.needsLead ? (
              <Select
                {...field("leadUserId")}
                label="If you accept: who in your team will lead the work?"
                placeholder="Choose a person"
                groups={[{ label: null, options: answerForm.candidates.map((person) => ({ value: String(person.id), label: person.jobTitle ? `${person.fullName}, ${person.jobTitle}` : person.fullName })) }]}
              />
            ) : null}
            <TextArea
              name="reason"
              label="Reason"
              labelClassName="govuk-label--s"
              hint={`Required if you decline. Up to ${TRANSITION_TEXT_MAX} characters, kept with your name and the time.`}
              error={errors?.reason}
              defaultValue={values.reason}
              rows={4}
            />
            <SubmitButton>Send your answer</SubmitButton>
          </Form>
        </>
      ) : null}
    </Column>
  );
}
