// Scheduling a core group of the case's child protection plan: the lead social worker chooses the date, time, how it
// meets and its members (people on the case, at least one from each agency on the plan), sees the clock it must meet,
// and gives the reason when it is later than that. The plan's interval between core groups is set here too.
import { data, redirect, type ActionFunctionArgs, type AppLoadContext, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { coreGroupHows, coreGroupIntervals, intervalSchema, intervalWords, scheduleSchema } from "../../common/forms/core-groups";
import { formValues, parseForm, type FieldErrors } from "../../common/forms/form-errors";
import { todayInEngland } from "../../common/forms/dates";
import { nextCoreGroupResource } from "../../server/access/core-group-resources";
import { setCoreGroupInterval } from "../../server/core-groups/core-group-clock";
import { readScheduling, scheduleNextCoreGroup } from "../../server/core-groups/schedule-core-group";
import { getFrontSheet } from "../../server/cases/get-front-sheet";
import { SuccessBanner } from "../components/banners";
import { CheckboxGroups } from "../components/checkbox-groups";
import { answersOf, DateInput, ErrorSummary, Radios, Select, TextArea, TextInput } from "../components/forms";
import { BackLink, caseCaption, Column, PageHeading, SubmitButton } from "../components/page";
import { pageTitle } from "../components/page-title";
import { SummaryList, SummaryRow } from "../components/summary-list";
import { requireUser } from "../utils/auth.server";
import { audit, authorize, notFound } from "../utils/permissions.server";
import { requirePlan } from "../utils/plan.server";
import { DueBy } from "../components/clock-tag";
import { howNames } from "../../common/meeting-kinds";
import { formatDate } from "../../common/format";
import { announceCaseWork } from "../../server/cases/case-notices";

export const meta: MetaFunction = () => [{ title: pageTitle("Schedule a core group") }];

const fieldOrder = ["heldOnDay", "heldTime", "how", "memberUserIds", "lateReason", "workingDays"];

/** The lead social worker of the case's active plan, and what scheduling needs. Anyone else: 403, audited. */
async function scheduling(request: Request, context: AppLoadContext, params: { caseId?: string }) {
  const signedIn = await requireUser(request, context);
  const on = await requirePlan(context, signedIn, params);
  const target = `case:${on.facts.caseId}:core-groups`;
  await authorize(context, signedIn, "chair:meeting", nextCoreGroupResource(on.facts, on.plan), { target, caseId: on.facts.caseId });
  const today = todayInEngland(context.services.clock());
  const found = await readScheduling(context.services.sql, context.services.calendar, on.facts.caseId, today);
  if (!found) throw notFound();
  return { signedIn, on, found, target };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { signedIn, on, found, target } = await scheduling(request, context, params);
  await audit(context, signedIn, { action: "view:core-group-scheduling", outcome: "success", caseId: on.facts.caseId, target });
  const sheet = await getFrontSheet(context.services.sql, on.facts.caseId);
  return {
    caseId: on.facts.caseId,
    childName: sheet?.child?.fullName ?? "the child",
    reference: sheet?.reference ?? "",
    people: found.people,
    agenciesNeeded: found.agenciesNeeded.map((agency) => agency.name),
    next: found.next,
    decided: found.decided
      ? {
          words: formatDate(found.decided.on),
          date: Object.fromEntries(["Year", "Month", "Day"].map((part, index) => [`heldOn${part}`, String(Number(found.decided!.on.split("-")[index]))])),
          memberUserIds: found.decided.memberUserIds.map(String),
          // Why the conference set it later than its clock allows: the form's starting answer, which the lead may change.
          lateReason: found.decided.lateReason,
        }
      : null,
    // Who the form starts from: the conference's core group for the first, the members of the one before for a later one.
    startingMembers: (found.decided?.memberUserIds ?? found.lastMemberUserIds)?.map(String) ?? null,
    interval: { workingDays: found.interval.workingDays, words: intervalWords(found.interval.workingDays), setBy: found.interval.setBy },
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { signedIn, on, found, target } = await scheduling(request, context, params);
  const { facts } = on;
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const at = context.services.clock();
  const refused = (errors: FieldErrors) => data({ intent, errors, values: formValues(form), members: form.getAll("member").map(String) }, { status: 400 });
  const changed = async (action: string, details: Record<string, unknown>) => {
    await audit(context, signedIn, { action, outcome: "success", caseId: facts.caseId, target, details });
    announceCaseWork(context.services.events, facts, "plan");
  };
  if (intent === "interval") {
    const parsed = parseForm(intervalSchema(coreGroupIntervals), form);
    if (!parsed.success) return refused(parsed.errors);
    const result = await setCoreGroupInterval(context.services.sql, { caseId: facts.caseId, planId: on.plan.id, workingDays: parsed.data.workingDays, by: signedIn.user.id, at });
    if (!result.ok) return refused({ form: result.message });
    await changed("change:core-group-interval", { workingDays: parsed.data.workingDays, changed: result.changed });
    return redirect(`/cases/${facts.caseId}/core-groups/new?done=interval`);
  }
  const parsed = parseForm(scheduleSchema, form);
  const memberUserIds = form.getAll("member").map(String).filter((id) => /^\d{1,15}$/.test(id)).map(Number);
  if (!parsed.success) return refused(parsed.errors);
  const made = await scheduleNextCoreGroup(context.services.sql, context.services.calendar, found, { ...parsed.data, memberUserIds, caseId: facts.caseId, by: signedIn.user.id, at });
  if (!made.ok) return refused(made.errors);
  await changed("schedule:core-group", { coreGroupId: made.id, heldOn: parsed.data.heldOn, memberUserIds });
  return redirect(`/cases/${facts.caseId}/core-groups/${made.id}`);
}

export default function ScheduleCoreGroup() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { errors, values } = answersOf(actionData);
  const failed = actionData && "intent" in actionData ? actionData.intent : null;
  const chosen = actionData && "members" in actionData ? new Set(actionData.members) : null;
  const [search] = useSearchParams();
  const done = search.get("done");
  return (
    <Column width="two-thirds">
      <BackLink to={`/cases/${page.caseId}/plan`}>Back to the plan</BackLink>
      <ErrorSummary errors={errors} order={fieldOrder} />
      {done === "interval" && !errors ? <SuccessBanner id="interval-done" heading="How often the core group meets has been saved." /> : null}
      <PageHeading caption={caseCaption(page)}>Schedule a core group</PageHeading>
      <SummaryList testId="core-group-clock">
        <SummaryRow label={page.next.first ? "The first core group" : "The next core group"}>
          <DueBy clock={page.next} />
        </SummaryRow>
        {page.decided ? <SummaryRow label="The conference set it for">{page.decided.words}</SummaryRow> : null}
        <SummaryRow label="After the first, it meets every">{page.interval.words}</SummaryRow>
      </SummaryList>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="schedule" />
        <DateInput prefix="heldOn" legend="Date" hint="For example, 4 12 2026" error={failed === "schedule" ? errors?.heldOnDay : undefined} values={failed === "schedule" ? values : (page.decided?.date ?? {})} />
        <TextInput name="heldTime" label="Time" hint="24-hour clock, for example 14:30" error={errors?.heldTime} defaultValue={values.heldTime} width="10" />
        <Radios name="how" legend="How does it meet?" error={errors?.how} defaultValue={values.how} options={coreGroupHows.map((how) => ({ value: how, label: howNames[how] }))} />
        <CheckboxGroups
          name="member"
          id="memberUserIds"
          legend="Who is in the core group?"
          hint={`People working on this case, at least one from each agency on the plan (${page.agenciesNeeded.join(", ")}). As the lead social worker you are always a member.`}
          error={errors?.memberUserIds}
          options={page.people.map((person) => ({
            value: String(person.userId),
            label: person.label,
            group: person.agencyName,
            checked: chosen ? chosen.has(String(person.userId)) : page.startingMembers ? page.startingMembers.includes(String(person.userId)) : true,
            fixed: person.isLead,
          }))}
        />
        <TextArea
          name="lateReason"
          label="Why it is late, if it is"
          hint={`Needed only when the date is after ${page.next.dueOn}, the day the clock allows.${page.decided?.lateReason ? " The conference's reason is filled in; change it if it has changed." : ""}`}
          error={errors?.lateReason}
          defaultValue={failed === "schedule" ? values.lateReason : (page.decided?.lateReason ?? undefined)}
          rows={3}
        />
        <SubmitButton>Schedule the core group</SubmitButton>
      </Form>
      <h2 className="govuk-heading-m">How often the core group meets</h2>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="interval" />
        <Select
          name="workingDays"
          label="After the first core group, it meets every"
          hint={page.interval.setBy ? `Set by ${page.interval.setBy}.` : "The partnership's default until the plan sets its own."}
          error={errors?.workingDays}
          defaultValue={String(page.interval.workingDays)}
          placeholder="Select how often"
          groups={[{ label: null, options: coreGroupIntervals.map((days) => ({ value: String(days), label: intervalWords(days) })) }]}
        />
        <SubmitButton variant="secondary">Save how often</SubmitButton>
      </Form>
    </Column>
  );
}
