// Opening a case for oversight as a partnership manager does it (decision 039): through the real form, with a reason.
import type { TestServer } from "./test-server";

export const OVERSIGHT_REASON = "Checking the partnership's multi-agency work on this case for the board's audit";

/** The partnership manager (`cookie`) gives a reason and the case opens to them; throws if it did not. */
export async function openForOversight(server: TestServer, cookie: string, caseId: number, reason = OVERSIGHT_REASON): Promise<void> {
  const response = await server.post(`/cases/${caseId}/oversight-access`, { reason }, cookie);
  if (response.status !== 302 || response.headers.get("location") !== `/cases/${caseId}`)
    throw new Error(`opening case ${caseId} for oversight failed with ${response.status}`);
}
