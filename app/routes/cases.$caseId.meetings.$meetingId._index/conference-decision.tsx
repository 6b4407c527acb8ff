// A conference's decision, and the chair's form. An initial conference: is a plan needed; if so its category (one
// primary, others noted), lead social worker, how often the child is visited and seen alone, the first core group and
// the core group; if not, why and what follows. A review: the plan continues (with what is revised) or ends (why, and
// what follows). Each agency's dissent, as at a strategy meeting.
import { Form, useActionData } from "@remix-run/react";
import { formatDate } from "../../../common/format";
import type { FieldErrors } from "../../../common/forms/form-errors";
import { planCategories, planCategoryNames, whatFollowsPlanNames } from "../../../common/forms/plan";
import { CheckboxGroups } from "../../components/checkbox-groups";
import { DateInput, Radios, Select, TextArea, TextInput } from "../../components/forms";
import { SummaryRow } from "../../components/summary-list";
import { Dissent } from "./decisions";

import type { MeetingPageData } from "./route";
import { type FormState, Section } from "../../components/section";

type Parts = NonNullable<MeetingPageData["conference"]>;

export function ConferenceDecisionSection({ page, here, form }: { page: MeetingPageData; here: string; form: FormState }) {
  const parts = page.conference;
  if (!parts) return null;
  const initial = page.meeting.kind === "initial_conference";
  return (
    <Section id="decisions" title="Decision">
      {parts.decision ? <Decision decision={parts.decision} initial={initial} /> : <p className="govuk-body">The chair has not recorded the decision yet.</p>}
      {page.isChair && page.conferencePage.decisionContext ? <DecisionForm page={page} here={here} form={form} initial={initial} /> : null}
      <Dissent page={page} here={here} form={form} />
    </Section>
  );
}

function Decision({ decision, initial }: { decision: NonNullable<Parts["decision"]>; initial: boolean }) {
  if (!decision.planNeeded)
    return (
      <dl className="govuk-summary-list" data-testid="conference-decision">
        <SummaryRow label={initial ? "Child protection plan" : "The plan"}>{initial ? "Not needed" : "Ends"}</SummaryRow>
        <SummaryRow label="Why">{decision.reason}</SummaryRow>
        <SummaryRow label="What follows">{whatFollowsPlanNames[decision.whatFollows]}</SummaryRow>
      </dl>
    );
  const plan = decision.plan;
  return (
    <dl className="govuk-summary-list" data-testid="conference-decision">
      <SummaryRow label={initial ? "Child protection plan" : "The plan"}>{initial ? "Needed" : "Continues"}</SummaryRow>
      {plan ? (
        <>
          <SummaryRow label="Category">
            {planCategoryNames[plan.primaryCategory]}
            {plan.otherCategories.length ? ` (also noted: ${plan.otherCategories.map((c) => planCategoryNames[c].toLowerCase()).join(", ")})` : ""}
          </SummaryRow>
          <SummaryRow label="Lead social worker">{decision.leadName ?? ""}</SummaryRow>
          <SummaryRow label="Visits">{`${plan.visits}; seen alone ${plan.seenAlone}`}</SummaryRow>
          <SummaryRow label="First core group">
            {formatDate(plan.firstCoreGroupOn)}
            {plan.firstCoreGroupLateReason ? `. Later than its clock allows. Reason: ${plan.firstCoreGroupLateReason}` : ""}
          </SummaryRow>
          <SummaryRow label="Core group">{decision.coreGroup.map((m) => `${m.fullName} (${m.agencyName})`).join(", ")}</SummaryRow>
        </>
      ) : null}
      {decision.revisions ? <SummaryRow label="What is revised">{decision.revisions}</SummaryRow> : null}
    </dl>
  );
}

function DecisionForm({ page, here, form, initial }: { page: MeetingPageData; here: string; form: FormState; initial: boolean }) {
  const context = page.conferencePage.decisionContext!;
  const actionData = useActionData() as { multi?: Record<string, string[]> } | undefined;
  const { errorsFor, failed } = form;
  const errors: FieldErrors | undefined = errorsFor("conference-decision");
  const saved = page.conference?.decision ?? null;
  const plan = saved?.planNeeded ? saved.plan : null;
  const values: Record<string, string> = failed === "conference-decision" ? form.values : {
    planNeeded: saved ? (saved.planNeeded ? "yes" : "no") : "",
    primaryCategory: plan?.primaryCategory ?? "",
    leadUserId: plan ? String(plan.leadUserId) : "",
    visits: plan?.visits ?? "",
    seenAlone: plan?.seenAlone ?? "",
    firstCoreGroupLateReason: plan?.firstCoreGroupLateReason ?? "",
    ...(plan ? { firstCoreGroupOnDay: String(Number(plan.firstCoreGroupOn.slice(8))), firstCoreGroupOnMonth: String(Number(plan.firstCoreGroupOn.slice(5, 7))), firstCoreGroupOnYear: plan.firstCoreGroupOn.slice(0, 4) } : {}),
    revisions: saved?.planNeeded ? saved.revisions : "",
    reason: saved && !saved.planNeeded ? saved.reason : "",
    whatFollows: saved && !saved.planNeeded ? saved.whatFollows : "",
  };
  const sent = failed === "conference-decision" ? actionData?.multi : undefined;
  const others = new Set(sent?.otherCategories ?? plan?.otherCategories ?? []);
  const members = new Set(sent?.coreGroup ?? (plan?.coreGroupUserIds ?? []).map(String));
  const yesNo = [
    { value: "yes", label: "Yes" },
    { value: "no", label: "No" },
  ];
  return (
    <Form method="post" action={`${here}#decisions`} noValidate preventScrollReset className="app-decisions-form">
      <input type="hidden" name="intent" value="conference-decision" />
      <h3 className="govuk-heading-s">Record the decision</h3>
      <Radios
        name="planNeeded"
        legend={initial ? "Does the child need a child protection plan?" : "Does the child protection plan continue?"}
        error={errors?.planNeeded}
        defaultValue={values.planNeeded}
        options={yesNo}
        inline
      />
      {initial ? (
        <>
          <Radios
            name="primaryCategory"
            legend="If so, the primary category"
            error={errors?.primaryCategory}
            defaultValue={values.primaryCategory}
            options={planCategories.map((category) => ({ value: category, label: planCategoryNames[category] }))}
          />
          <CheckboxGroups
            name="otherCategories"
            id="otherCategories"
            legend="Other categories noted"
            hint="Any others the conference noted besides the primary category."
            error={errors?.otherCategories}
            options={planCategories.map((category) => ({ value: category, label: planCategoryNames[category], group: "Also noted", checked: others.has(category) }))}
          />
          <Select
            name="leadUserId"
            label="Lead social worker"
            error={errors?.leadUserId}
            defaultValue={values.leadUserId}
            placeholder="Select the lead social worker"
            groups={[{ label: null, options: context.people.filter((p) => context.leadUserIds.includes(p.userId)).map((p) => ({ value: String(p.userId), label: p.label })) }]}
          />
          <TextInput name="visits" label="How often the child is visited" error={errors?.visits} defaultValue={values.visits} />
          <TextInput name="seenAlone" label="How often the child is seen alone" error={errors?.seenAlone} defaultValue={values.seenAlone} />
          <DateInput
            prefix="firstCoreGroupOn"
            legend="The first core group"
            hint={`Within 10 working days of the conference${context.firstCoreGroupDue ? `: by ${context.firstCoreGroupDue.words}` : ""}, for example 4 12 2026`}
            error={errors?.firstCoreGroupOnDay}
            values={values}
          />
          <TextArea
            name="firstCoreGroupLateReason"
            label="If it is later than that, why"
            error={errors?.firstCoreGroupLateReason}
            defaultValue={values.firstCoreGroupLateReason}
            rows={2}
          />
          <CheckboxGroups
            name="coreGroup"
            id="coreGroup"
            legend="The core group"
            hint={`People working on this case, at least one from each agency on the plan (${context.agencies.map((a) => a.name).join(", ")}).`}
            error={errors?.coreGroup}
            options={context.people.map((p) => ({ value: String(p.userId), label: p.label, group: p.agencyName, checked: members.has(String(p.userId)) }))}
          />
        </>
      ) : (
        <TextArea name="revisions" label="If it continues, what is revised" error={errors?.revisions} defaultValue={values.revisions} rows={2} />
      )}
      <TextArea name="reason" label={initial ? "If not, why the child does not need a plan" : "If it ends, why"} error={errors?.reason} defaultValue={values.reason} rows={2} />
      <Radios
        name="whatFollows"
        legend="If not, what follows"
        error={errors?.whatFollows}
        defaultValue={values.whatFollows}
        options={[
          { value: "child_in_need_plan", label: whatFollowsPlanNames.child_in_need_plan },
          { value: "closure", label: whatFollowsPlanNames.closure },
        ]}
      />
      <button type="submit" className="govuk-button" data-module="govuk-button">
        Record the decision
      </button>
    </Form>
  );
}
