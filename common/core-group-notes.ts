// The shape of a core group's notes document, shared by the browser's editors and the server's readers: one TipTap
// fragment per agency.

/** The fragment of the notes that is one agency's part. */
export const agencyPartOf = (agencyId: string) => `agency:${agencyId}`;
