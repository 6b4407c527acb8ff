// Fetches the page's data again when the server says something it shows has changed in a room the page is in
// (a scaling recorded, a share made). The notice carries no content: the page's own loader, which asks the policy,
// is what sends it.
import { useRevalidator } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { getSocket } from "./socket";

export function useChangeNotices(room: string): void {
  const revalidator = useRevalidator();
  const revalidate = useRef(revalidator.revalidate);
  revalidate.current = revalidator.revalidate;
  useEffect(() => {
    let stopped = false;
    let off = () => {};
    void getSocket().then((socket) => {
      if (stopped) return;
      const onChanged = (notice: { room: string }) => {
        if (notice.room === room) revalidate.current();
      };
      // After a reconnection the page may have missed notices: fetch again once.
      const onReconnect = () => revalidate.current();
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
