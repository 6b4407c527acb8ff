import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getFrontSheet } from "../../server/cases/get-front-sheet";
import { conveneMeeting } from "../../server/meetings/meetings";
import { coveredYears } from "../../server/calendar/working-days";
import { answersOf, DateInput, ErrorSummary, Radios, Select, TextArea, TextInput } from "../components/forms";
import { conveneSchema } from "../../common/forms/meetings";
import { formValues, parseForm, type FieldErrors } from "../../common/forms/form-errors";
import { requireUser } from "../utils/auth.server";
import { instantInEngland } from "../../common/forms/dates";
import { pageTitle } from "../components/page-title";
import { audit, authorize, requireCase } from "../utils/permissions.server";
import type { AppLoadContext } from "@remix-run/node";

export const meta: MetaFunction = () => [{ title: pageTitle("Convene a strategy meeting") }];

const fieldOrder = ["kind", "heldOnDay", "heldTime", "how", "concern", "chairUserId", "invitee"];
/** Strategy discussions need at least these agencies (Working Together): education and the referrer are optional. */
const requiredKinds = [
  { kind: "social_care", name: "children's social care" },
  { kind: "police", name: "the police" },
  { kind: "health", name: "health" },
] as const;

async function convening(request: Request, context: AppLoadContext, caseId: string | undefined) {
  const signedIn = await requireUser(request, context);
  const facts = await requireCase(context, signedIn, caseId);
  await authorize(context, signedIn, "convene:meeting", { type: "case", case: facts }, { target: `case:${facts.caseId}:meetings`, caseId: facts.caseId });
  const sheet = (await getFrontSheet(context.services.sql, facts.caseId))!;
  return { signedIn, facts, sheet };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { signedIn, facts, sheet } = await convening(request, context, params.caseId);
  return {
    caseId: facts.caseId,
    reference: sheet.reference,
    childName: sheet.child?.fullName ?? "the child",
    members: sheet.members.filter((m) => m.active).map((m) => ({ userId: m.userId, fullName: m.fullName, roleOnCase: m.roleOnCase, agencyId: m.agencyId, agencyName: m.agencyName })),
    chairs: chairsOf(sheet),
    you: signedIn.user.id,
  };
}

/** Who may chair: the case's social care child protection chairs and team managers (by their role, not their title). */
function chairsOf(sheet: NonNullable<Awaited<ReturnType<typeof getFrontSheet>>>) {
  const socialCare = new Set(sheet.agencies.filter((a) => a.kind === "social_care").map((a) => a.id));
  return sheet.members
    .filter((m) => m.active && socialCare.has(m.agencyId) && (m.role === "chair" || m.role === "manager"))
    .map((m) => ({ userId: m.userId, label: `${m.fullName}, ${m.roleOnCase}` }));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { signedIn, facts, sheet } = await convening(request, context, params.caseId);
  const form = await request.formData();
  const parsed = parseForm(conveneSchema, form);
  const invited = form.getAll("invitee").map(String).filter((id) => /^\d{1,15}$/.test(id)).map(Number);
  const members = new Map(sheet.members.filter((m) => m.active).map((m) => [m.userId, m]));
  const errors: FieldErrors = parsed.success ? {} : { ...parsed.errors };
  const kinds = new Set(invited.map((id) => members.get(id)).filter(Boolean).map((m) => sheet.agencies.find((a) => a.id === m!.agencyId)?.kind));
  const missing = requiredKinds.filter((required) => !kinds.has(required.kind));
  if (invited.some((id) => !members.has(id))) errors.invitee = "Invite only professionals working on this case";
  else if (missing.length)
    errors.invitee = `Invite someone from ${missing.map((m) => m.name).join(" and ")}: children's social care, the police and health must all take part`;
  // The conference's clock counts working days from this date; the bank holidays shipped cover these years.
  const year = parsed.success ? Number(parsed.data.heldOn.slice(0, 4)) : null;
  if (year !== null && (year < coveredYears.first || year > coveredYears.last))
    errors.heldOnDay = `Date must be in ${coveredYears.first} to ${coveredYears.last}, the years whose bank holidays the portal knows`;
  if (parsed.success && !chairsOf(sheet).some((chair) => chair.userId === parsed.data.chairUserId))
    errors.chairUserId = "Select a chair from children's social care working on this case";
  if (!parsed.success || Object.keys(errors).length) return data({ errors, values: formValues(form), invited }, { status: 400 });

  const at = context.services.clock();
  const { id } = await conveneMeeting(context.services.sql, {
    caseId: facts.caseId,
    kind: parsed.data.kind,
    heldAt: instantInEngland(parsed.data.heldOn, parsed.data.heldTime),
    heldOn: parsed.data.heldOn,
    how: parsed.data.how,
    concern: parsed.data.concern,
    chairUserId: parsed.data.chairUserId,
    inviteeUserIds: invited,
    convenedBy: signedIn.user.id,
    at,
  });
  await audit(context, signedIn, { action: "convene:meeting", outcome: "success", caseId: facts.caseId, target: `meeting:${id}`, details: { invited } });
  for (const userId of new Set([...invited, parsed.data.chairUserId])) context.services.events.publish({ room: `user:${userId}`, what: "invitation" });
  return redirect(`/cases/${facts.caseId}/meetings/${id}`);
}

export default function ConveneMeeting() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { errors, values } = answersOf(actionData);
  const invited = new Set(actionData?.invited ?? []);
  const byAgency = new Map<string, typeof page.members>();
  for (const member of page.members) byAgency.set(member.agencyName, [...(byAgency.get(member.agencyName) ?? []), member]);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link to={`/cases/${page.caseId}`} className="govuk-back-link">
          Back to the case
        </Link>
        <ErrorSummary errors={errors} order={fieldOrder} />
        <h1 className="govuk-heading-l">
          <span className="govuk-caption-l">{`${page.childName} · ${page.reference}`}</span>
          Convene a strategy meeting
        </h1>
        <Form method="post" noValidate>
          <Radios
            name="kind"
            legend="What is it?"
            error={errors?.kind}
            defaultValue={values.kind ?? "meeting"}
            options={[
              { value: "meeting", label: "A strategy meeting" },
              { value: "discussion", label: "A telephone strategy discussion", hint: "Recorded the same way as a meeting" },
            ]}
          />
          <DateInput
            prefix="heldOn"
            legend="Date"
            hint="For example, 4 12 2026"
            error={errors?.heldOnDay}
            values={values}
          />
          <TextInput name="heldTime" label="Time" hint="24-hour clock, for example 14:30" error={errors?.heldTime} defaultValue={values.heldTime} width="10" />
          <Radios
            name="how"
            legend="How is it held?"
            error={errors?.how}
            defaultValue={values.how}
            options={[
              { value: "in_person", label: "In person" },
              { value: "video", label: "Video call" },
              { value: "telephone", label: "Telephone" },
            ]}
          />
          <TextArea
            name="concern"
            label="The concern of significant harm"
            hint="What has happened, and why it may mean the child is suffering, or likely to suffer, significant harm."
            error={errors?.concern}
            defaultValue={values.concern}
          />
          <Select
            name="chairUserId"
            label="Chair"
            error={errors?.chairUserId}
            defaultValue={values.chairUserId ?? String(page.chairs.find((c) => c.userId === page.you)?.userId ?? "")}
            placeholder="Select who chairs it"
            groups={[{ label: null, options: page.chairs.map((c) => ({ value: String(c.userId), label: c.label })) }]}
          />
          <div className={`govuk-form-group${errors?.invitee ? " govuk-form-group--error" : ""}`}>
            <fieldset className="govuk-fieldset" aria-describedby={`invitee-hint${errors?.invitee ? " invitee-error" : ""}`}>
              <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Who is invited?</legend>
              <div className="govuk-hint" id="invitee-hint">
                Children's social care, the police and health must take part; education is optional. Each person invited sees the
                meeting on their work at once.
              </div>
              {errors?.invitee ? (
                <p className="govuk-error-message" id="invitee-error">
                  <span className="govuk-visually-hidden">Error:</span> {errors.invitee}
                </p>
              ) : null}
              {[...byAgency.entries()].map(([agencyName, people]) => (
                <div key={agencyName} className="govuk-!-margin-bottom-4">
                  <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">{agencyName}</p>
                  <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
                    {people.map((person, index) => (
                      <div className="govuk-checkboxes__item" key={person.userId}>
                        <input
                          className="govuk-checkboxes__input"
                          id={index === 0 && agencyName === [...byAgency.keys()][0] ? "invitee" : `invitee-${person.userId}`}
                          name="invitee"
                          type="checkbox"
                          value={person.userId}
                          defaultChecked={actionData ? invited.has(person.userId) : true}
                        />
                        <label
                          className="govuk-label govuk-checkboxes__label"
                          htmlFor={index === 0 && agencyName === [...byAgency.keys()][0] ? "invitee" : `invitee-${person.userId}`}
                        >
                          {`${person.fullName}, ${person.roleOnCase}`}
                        </label>
                      </div>
                    ))}
                  </div>
                </div>
              ))}
            </fieldset>
          </div>
          <button type="submit" className="govuk-button" data-module="govuk-button">
            Convene the meeting
          </button>
        </Form>
      </div>
    </div>
  );
}
