import type { Sql } from "../../db/client";
import type { CasePersonInput } from "../../common/forms/case-person";

export async function addCasePerson(
  sql: Sql,
  opts: { caseId: number; person: CasePersonInput; addedBy: number },
): Promise<{ id: number }> {
  const { person } = opts;
  const [row] = await sql<{ id: number }[]>`
    insert into case_people (case_id, kind, full_name, date_of_birth, nhs_number, relationship,
                             parental_responsibility, address, school, created_by)
    values (${opts.caseId}, ${person.kind}, ${person.fullName}, ${person.dateOfBirth}, ${person.nhsNumber},
            ${person.relationship}, ${person.parentalResponsibility}, ${person.address}, ${person.school}, ${opts.addedBy})
    returning id`;
  return { id: Number(row.id) };
}
