// Where a document's accepted updates leave the process. Each live document publishes what its own connections wrote
// and subscribes to what others published; a subscriber ignores what it published itself (`origin`). One process
// today (LocalBus); a bus between processes (Redis) plugs in here in a later issue.
export type BusHandler = (update: Uint8Array, origin: unknown) => void;

export interface CollabBus {
  /** Hands an update accepted and applied by `origin` to every subscriber of the document. */
  publish(document: string, update: Uint8Array, origin: unknown): void;
  /** Returns the function that ends the subscription. */
  subscribe(document: string, handler: BusHandler): () => void;
}

/** Within one process: delivered at once, in order, to the document's subscribers. */
export class LocalBus implements CollabBus {
  private readonly subscribers = new Map<string, Set<BusHandler>>();

  publish(document: string, update: Uint8Array, origin: unknown): void {
    const handlers = this.subscribers.get(document);
    if (handlers) for (const handler of handlers) handler(update, origin);
  }

  subscribe(document: string, handler: BusHandler): () => void {
    let handlers = this.subscribers.get(document);
    if (!handlers) this.subscribers.set(document, (handlers = new Set()));
    handlers.add(handler);
    return () => {
      handlers.delete(handler);
      if (handlers.size === 0 && this.subscribers.get(document) === handlers) this.subscribers.delete(document);
    };
  }
}
