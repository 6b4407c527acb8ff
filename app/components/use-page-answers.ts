// What a page's last form left: a refused form's errors and answers, which form it was (its intent), and the `done`
// that a successful change's redirect named.
import { useSearchParams } from "@remix-run/react";
import type { FieldErrors } from "../../common/forms/form-errors";
import { answersOf } from "./forms";

export function usePageAnswers(actionData: { errors?: FieldErrors; values?: Record<string, string>; intent?: string } | undefined) {
  const [search] = useSearchParams();
  const { errors, values } = answersOf(actionData);
  return { errors, values, failed: actionData?.intent ?? null, done: search.get("done") };
}
