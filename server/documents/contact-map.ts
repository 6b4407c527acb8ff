// The front door's Signs of Safety map on a contact: `contact:<id>:map`, co-edited by the screening team until the
// contact is decided, and carried to the case a decision opens.
import { resolveContactMap } from "../referrals/contact-documents";
import { idPattern, type ContactDocumentKind } from "./kind";

export { contactMapName } from "../referrals/contact-documents";

export type ContactMapName = { kind: "contact-map"; contactId: number; caseId?: undefined; name: string };

const pattern = new RegExp(`^contact:${idPattern}:map$`);

export const contactMap: ContactDocumentKind<ContactMapName> = {
  kind: "contact-map",
  parse(name) {
    const match = pattern.exec(name);
    return match ? { kind: "contact-map", contactId: Number(match[1]), name } : null;
  },
  resolve: (sql, name, now) => resolveContactMap(sql, name.contactId, now),
};
