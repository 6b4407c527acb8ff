// Proposing a step down to early help (a social care-led case) or a step up to social care (an early help-led one),
// with the rationale and the receiving service; the receiving team's manager answers. Bad input changes nothing.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { formValues, parseForm } from "../../common/forms/form-errors";
import {
  proposeTransitionFieldOrder,
  proposeTransitionSchema,
  TRANSITION_TEXT_MAX,
  transitionDirections,
  transitionMessages,
  transitionNames,
  type TransitionDirection,
} from "../../common/forms/transitions";
import { getFrontSheet } from "../../server/cases/get-front-sheet";
import { announceCaseWork } from "../../server/cases/case-notices";
import { listAgencyManagerIds, listReceivingAgencies, proposeCaseTransition, readCaseLeadAgency } from "../../server/transitions/propose-transition";
import { answersOf, ErrorSummary, Radios, TextArea } from "../components/forms";
import { BackLink, caseCaption, Column, PageHeading, SubmitOrCancel } from "../components/page";
import { pageTitle } from "../components/page-title";
import { requireUser, type SignedIn } from "../utils/auth.server";
import { audit, authorize, requireCase } from "../utils/permissions.server";
import type { AppLoadContext } from "@remix-run/node";
import { can, type CaseFacts } from "../../server/access/policy";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(data ? transitionNames[data.direction].title : "Propose a transition") }];

/** The way this case's work can move: down from social care, up from early help. */
async function directionOf(context: AppLoadContext, caseId: number): Promise<TransitionDirection> {
  const lead = await readCaseLeadAgency(context.services.sql, caseId);
  return lead?.kind === "early_help" ? "step_up" : "step_down";
}

const mayPropose = (context: AppLoadContext, signedIn: SignedIn, facts: CaseFacts, direction: TransitionDirection, toAgencyId: string) =>
  authorize(
    context,
    signedIn,
    "propose:transition",
    { type: "transition", case: facts, direction, toAgencyId, proposedByUserId: signedIn.user.id, state: "proposed" },
    { target: `case:${facts.caseId}`, caseId: facts.caseId },
  );

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const facts = await requireCase(context, signedIn, params.caseId);
  const closed = facts.status !== "open";
  // The way the case's lead says, or else the other way if only that one is theirs to propose (the page then says
  // why it cannot be, when it is sent); neither: 403, audited. A closed case says so, and offers nothing.
  const led = await directionOf(context, facts.caseId);
  const proposable = [led, led === "step_down" ? "step_up" : "step_down"].find((candidate) =>
    can(signedIn.actor, "propose:transition", { type: "transition", case: facts, direction: candidate as TransitionDirection, toAgencyId: "", proposedByUserId: signedIn.user.id, state: "proposed" }),
  ) as TransitionDirection | undefined;
  if (!closed && !proposable) await mayPropose(context, signedIn, facts, led, "");
  const direction = proposable ?? led;
  const [sheet, agencies] = await Promise.all([getFrontSheet(context.services.sql, facts.caseId), listReceivingAgencies(context.services.sql, direction)]);
  return { caseId: facts.caseId, reference: sheet?.reference ?? "", childName: sheet?.child?.fullName ?? "the child", direction, agencies, closed };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const facts = await requireCase(context, signedIn, params.caseId);
  const form = await request.formData();
  const rawDirection = form.get("direction");
  const direction = transitionDirections.find((candidate) => candidate === rawDirection);
  if (!direction) return data({ errors: { form: "Choose whether the work steps up or down" }, values: {} }, { status: 400 });
  if (facts.status !== "open") return data({ errors: { form: transitionMessages.closed }, values: formValues(form) }, { status: 400 });
  await mayPropose(context, signedIn, facts, direction, String(form.get("toAgencyId") ?? ""));
  const parsed = parseForm(proposeTransitionSchema, form);
  if (!parsed.success) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const { sql, clock, events } = context.services;
  const result = await proposeCaseTransition(sql, {
    caseId: facts.caseId,
    direction,
    toAgencyId: parsed.data.toAgencyId,
    rationale: parsed.data.rationale,
    byUserId: signedIn.user.id,
    byAgencyId: signedIn.user.agencyId,
    at: clock(),
  });
  if (!result.ok) return data({ errors: { [result.field]: result.message }, values: formValues(form) }, { status: 400 });
  await audit(context, signedIn, {
    action: "propose:transition",
    outcome: "success",
    caseId: facts.caseId,
    target: `transition:${result.transitionId}`,
    details: { direction, toAgencyId: parsed.data.toAgencyId },
  });
  // Content-free: the case's pages and its people's Your work, and the receiving managers' Your work, fetch again.
  announceCaseWork(events, facts, "team");
  for (const userId of await listAgencyManagerIds(sql, parsed.data.toAgencyId)) events.publish({ room: `user:${userId}`, what: "team" });
  return redirect(`/cases/${facts.caseId}#transitions`);
}

export default function ProposeTransition() {
  const { caseId, reference, childName, direction, agencies, closed } = useLoaderData<typeof loader>();
  const { errors, values, field } = answersOf(useActionData<typeof action>());
  const names = transitionNames[direction];
  return (
    <Column width="two-thirds">
      <BackLink to={`/cases/${caseId}`}>Back to the case</BackLink>
      <ErrorSummary errors={errors} order={proposeTransitionFieldOrder} />
      <PageHeading caption={caseCaption({ childName, reference })}>{names.title}</PageHeading>
      {closed ? (
        <p className="govuk-body">{`${transitionMessages.closed}.`}</p>
      ) : (
        <ProposalForm caseId={caseId} direction={direction} agencies={agencies} errors={errors} values={values} field={field} />
      )}
    </Column>
  );
}

function ProposalForm({
  caseId,
  direction,
  agencies,
  errors,
  values,
  field,
}: { caseId: number; direction: TransitionDirection; agencies: { id: string; name: string }[] } & ReturnType<typeof answersOf>) {
  const names = transitionNames[direction];
  return (
    <>
      <p className="govuk-body">
        {`A manager of the ${names.toTeam} service you choose accepts or declines it. If they accept, their team leads the work on this case from then on; the case keeps its history and its people.`}
      </p>
      <Form method="post" noValidate>
        <input type="hidden" name="direction" value={direction} />
        <Radios
          {...field("toAgencyId")}
          defaultValue={values.toAgencyId ?? (agencies.length === 1 ? agencies[0].id : undefined)}
          legend={`Which ${names.toTeam} service will receive the work?`}
          options={agencies.map((agency) => ({ value: agency.id, label: agency.name }))}
        />
        <TextArea
          name="rationale"
          label="Rationale"
          labelClassName="govuk-label--s"
          hint={`Why the work should move now: what has changed, and what the ${names.toTeam} team will do. Up to ${TRANSITION_TEXT_MAX} characters, kept with your name and the time.`}
          error={errors?.rationale}
          defaultValue={values.rationale}
          rows={6}
        />
        <SubmitOrCancel cancelTo={`/cases/${caseId}`}>{`Propose the ${names.title.toLowerCase()}`}</SubmitOrCancel>
      </Form>
    </>
  );
}
