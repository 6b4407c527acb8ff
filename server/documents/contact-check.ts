// An agency's check on a contact: `contact:<id>:check:<agency>`, what that agency holds, written by its screeners
// (the police's restricted to the police and the deciding managers until shared with a reason).
import { resolveContactCheck } from "../referrals/contact-documents";
import { agencyPattern, idPattern, type ContactDocumentKind } from "./kind";

export { contactCheckName } from "../referrals/contact-documents";

export type ContactCheckName = { kind: "contact-check"; contactId: number; agencyId: string; caseId?: undefined; name: string };

const pattern = new RegExp(`^contact:${idPattern}:check:${agencyPattern}$`);

export const contactCheck: ContactDocumentKind<ContactCheckName> = {
  kind: "contact-check",
  parse(name) {
    const match = pattern.exec(name);
    return match ? { kind: "contact-check", contactId: Number(match[1]), agencyId: match[2], name } : null;
  },
  resolve: (sql, name, now) => resolveContactCheck(sql, name.contactId, name.agencyId, now),
};
