// "Professionals and agencies on the case": everyone who reads the case sees who works on it; the case's social care
// lead and social care team managers add and remove them, and access follows at once.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { can, roleNames, type CaseFacts } from "../../../server/access/policy";
import { listCandidateAgencies, listCandidateProfessionals } from "../../../server/cases/case-team";
import { getFrontSheet } from "../../../server/cases/get-front-sheet";
import type { FieldErrors } from "../../../common/forms/form-errors";
import { SuccessBanner } from "../../components/banners";
import { ErrorSummary } from "../../components/forms";
import { BackLink, Column, PageHeading } from "../../components/page";
import { requireUser, type SignedIn } from "../../utils/auth.server";
import { pageTitle } from "../../components/page-title";
import { audit, authorize, notFound, requireCase } from "../../utils/permissions.server";
import { AddAgency, Agencies } from "./agencies";
import { ConfirmRemoval } from "./confirm-removal";
import { AddProfessional, Members } from "./members";
import { changeCaseTeam } from "./team-actions.server";
import { confirmRemoval, successMessage } from "./team-page.server";

const title = "Professionals and agencies on the case";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data?.confirm ? `Remove ${data.confirm.name} from the case` : title) },
];

const fieldOrder = ["form", "userId", "roleOnCase", "agencyId"];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const facts = await requireCase(context, signedIn, params.caseId);
  const { sql } = context.services;
  const sheet = await getFrontSheet(sql, facts.caseId);
  if (!sheet) throw notFound();
  await audit(context, signedIn, {
    action: "view:case-team",
    outcome: "success",
    caseId: facts.caseId,
    target: `case:${facts.caseId}`,
  });
  const canManage = mayManage(signedIn, facts);
  // Not themselves: a manager joining the case is the lead's decision (see the action).
  const candidates = canManage ? (await listCandidateProfessionals(sql, facts.caseId)).filter((person) => person.userId !== signedIn.user.id) : [];
  const candidateAgencies = canManage ? await listCandidateAgencies(sql, facts.caseId) : [];
  const search = new URL(request.url).searchParams;
  const confirmation = canManage ? confirmRemoval(search, sheet.members, sheet.agencies) : null;
  const page = {
    caseId: facts.caseId,
    reference: sheet.reference,
    childName: sheet.child?.fullName ?? "the child",
    status: sheet.status,
    canManage,
    members: sheet.members,
    agencies: sheet.agencies,
    candidates: candidates.map((candidate) => ({ ...candidate, roleName: roleNames[candidate.role] })),
    candidateAgencies,
    confirm: confirmation && "name" in confirmation ? confirmation : null,
    problem: confirmation && "problem" in confirmation ? confirmation.problem : null,
    success: canManage ? successMessage(search, sheet.members, sheet.agencies, candidates, candidateAgencies) : null,
  };
  return data(page, { status: page.problem ? 400 : 200 });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const facts = await requireCase(context, signedIn, params.caseId, "read:case");
  const { caseId } = facts;
  await authorize(context, signedIn, "manage:case-team", { type: "case", case: facts }, { target: `case:${caseId}:team`, caseId });
  return changeCaseTeam(context, signedIn, caseId, await request.formData());
}

function mayManage(signedIn: SignedIn, facts: CaseFacts): boolean {
  return can(signedIn.actor, "manage:case-team", { type: "case", case: facts });
}

export default function CaseTeam() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: FieldErrors | undefined = result?.errors ?? (page.problem ? { form: page.problem } : undefined);
  const values = result?.values ?? {};
  const caption = `${page.childName} · ${page.reference}`;
  const teamPage = `/cases/${page.caseId}/team`;

  if (page.confirm) return <ConfirmRemoval confirm={page.confirm} caption={caption} childName={page.childName} teamPage={teamPage} />;

  return (
    <Column width="full">
      <BackLink to={`/cases/${page.caseId}`}>Back to the case</BackLink>
      <ErrorSummary errors={errors} order={fieldOrder} />
      {page.success && !errors ? <SuccessBanner id="case-team-result" heading={page.success} /> : null}
      <PageHeading caption={caption}>{title}</PageHeading>
      {page.canManage ? null : (
        <p className="govuk-body" data-testid="read-only-reason">
          {page.status === "closed"
            ? "This case is closed, so no one can change who works on it."
            : "Only the case's lead professional and social care team managers can change who works on this case."}
        </p>
      )}

      <Members members={page.members} canManage={page.canManage} teamPage={teamPage} />
      <Agencies agencies={page.agencies} members={page.members} canManage={page.canManage} teamPage={teamPage} />

      {page.canManage ? (
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <AddProfessional
              teamPage={teamPage}
              candidates={page.candidates}
              agenciesOnCase={page.agencies.map((agency) => agency.id)}
              errors={result?.intent === "add-member" ? result.errors : undefined}
              values={result?.intent === "add-member" ? values : {}}
            />
            <AddAgency
              teamPage={teamPage}
              candidateAgencies={page.candidateAgencies}
              errors={result?.intent === "add-agency" ? result.errors : undefined}
              values={result?.intent === "add-agency" ? values : {}}
            />
          </div>
        </div>
      ) : null}
    </Column>
  );
}
