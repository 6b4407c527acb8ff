import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { getFrontSheet } from "../../server/cases/get-front-sheet";
import { conveneMeeting } from "../../server/meetings/meetings";
import { chairsOf, heldOnProblem, inviteeProblem, inviteesOf } from "../../server/meetings/convene-rules";
import { ConvenePage, ConveneWhen, ConveneWho } from "../components/convene-fields";
import { answersOf, Radios, TextArea } from "../components/forms";
import { conveneSchema } from "../../common/forms/meetings";
import { formValues, parseForm, type FieldErrors } from "../../common/forms/form-errors";
import { requireUser } from "../utils/auth.server";
import { instantInEngland } from "../../common/forms/dates";
import { pageTitle } from "../components/page-title";
import { audit, authorize, requireCase } from "../utils/permissions.server";
import type { AppLoadContext } from "@remix-run/node";

export const meta: MetaFunction = () => [{ title: pageTitle("Convene a strategy meeting") }];

const fieldOrder = ["kind", "heldOnDay", "heldTime", "how", "concern", "chairUserId", "invitee"];

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
    members: inviteesOf(sheet),
    chairs: chairsOf(sheet),
    you: signedIn.user.id,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { signedIn, facts, sheet } = await convening(request, context, params.caseId);
  const form = await request.formData();
  const parsed = parseForm(conveneSchema, form);
  const invited = form.getAll("invitee").map(String).filter((id) => /^\d{1,15}$/.test(id)).map(Number);
  const errors: FieldErrors = parsed.success ? {} : { ...parsed.errors };
  // Education is optional at a strategy meeting.
  const inviteeError = inviteeProblem(sheet, invited, { education: null });
  if (inviteeError) errors.invitee = inviteeError;
  // The conference's clock counts working days from this date; the bank holidays shipped cover these years.
  const yearError = parsed.success ? heldOnProblem(parsed.data.heldOn) : null;
  if (yearError) errors.heldOnDay = yearError;
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
  return (
    <ConvenePage caseId={page.caseId} caption={`${page.childName} · ${page.reference}`} title="Convene a strategy meeting" errors={errors} order={fieldOrder}>
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
        <ConveneWhen errors={errors} values={values} />
        <TextArea
          name="concern"
          label="The concern of significant harm"
          hint="What has happened, and why it may mean the child is suffering, or likely to suffer, significant harm."
          error={errors?.concern}
          defaultValue={values.concern}
        />
        <ConveneWho
          errors={errors}
          values={values}
          chairs={page.chairs}
          you={page.you}
          members={page.members}
          invited={actionData ? invited : null}
          hint="Children's social care, the police and health must take part; education is optional. Each person invited sees the meeting on their work at once."
        />
        <button type="submit" className="govuk-button" data-module="govuk-button">
          Convene the meeting
        </button>
      </Form>
    </ConvenePage>
  );
}
