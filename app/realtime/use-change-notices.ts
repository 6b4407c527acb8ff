// Fetches the page's data again when the server says something it shows has changed in a room the page is in
// (a scaling recorded, a share made). The notice carries no content: the page's own loader, which asks the policy,
// is what sends it. Notices that arrive while the page is already loading or submitting wait until it is idle, so
// one load never cuts off another.
import { useFetchers, useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect, useState } from "react";
import { getSocket } from "./socket";

export function useChangeNotices(room: string): void {
  const revalidator = useRevalidator();
  const navigation = useNavigation();
  const fetchers = useFetchers();
  const [pending, setPending] = useState(false);
  const busy = revalidator.state !== "idle" || navigation.state !== "idle" || fetchers.some((fetcher) => fetcher.state !== "idle");

  useEffect(() => {
    if (!pending || busy) return;
    setPending(false);
    void revalidator.revalidate();
  }, [pending, busy, revalidator]);

  useEffect(() => {
    let stopped = false;
    let off = () => {};
    void getSocket().then((socket) => {
      if (stopped) return;
      const onChanged = (notice: { room: string }) => {
        if (notice.room === room) setPending(true);
      };
      // After a reconnection the page may have missed notices: fetch again once.
      const onReconnect = () => setPending(true);
      socket.on("record:changed", onChanged);
      socket.io.on("reconnect", onReconnect);
      off = () => {
        socket.off("record:changed", onChanged);
        socket.io.off("reconnect", onReconnect);
      };
    });
    return () => {
      stopped = true;
      off();
    };
  }, [room]);
}
