// Every page of a case sits inside this guard: when the person's access to the case ends while a page is open
// (removed from the case, or their agency removed), the page's content goes and they are told why. The server has
// already closed their sockets; this is what they see. (When only the session ends, the page stays, read-only, so
// anything not yet sent can still be copied: each live document says so itself.)
import { Outlet, useParams } from "@remix-run/react";
import { NotificationBanner } from "../components/banners";
import { useChangeNotices } from "../realtime/use-change-notices";
import { usePresence } from "../realtime/use-presence";

export default function CaseGuard() {
  const { caseId } = useParams();
  const room = `case:${caseId}`;
  const presence = usePresence(room);
  useChangeNotices(room);
  if (presence.ended?.kind !== "removed") return <Outlet />;
  return (
    <NotificationBanner
      id="case-access-ended-title"
      heading="You no longer have access to this case."
      role="alert"
      testId="case-access-ended"
      link={{ href: "/", text: "Go to your work" }}
    >
      <p className="govuk-body">{presence.ended.message} Anything you wrote before then is kept in the record.</p>
    </NotificationBanner>
  );
}
