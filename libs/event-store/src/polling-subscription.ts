import type { StoredEvent, Subscription, SubscriptionOptions } from './event-store';
import type { Position } from './position';

type ReadBatch = (after: Position, limit: number) => Promise<StoredEvent[]>;
type Listen = (wake: () => void) => Promise<(() => Promise<void>) | undefined>;

/**
 * Catch-up subscription over any store that can read its log in order: reads batches until none is left,
 * then sleeps until a notification (or the poll interval) says there may be more.
 */
export function pollingSubscription(
  read: ReadBatch,
  listen: Listen | undefined,
  options: SubscriptionOptions,
): Subscription {
  let stopped = false;
  let wake: (() => void) | undefined;
  const wakeUp = () => {
    const resolve = wake;
    wake = undefined;
    resolve?.();
  };
  const batchSize = options.batchSize ?? 1000;
  const pollIntervalMs = options.pollIntervalMs ?? 250;

  const run = async () => {
    const unlisten = listen ? await listen(wakeUp) : undefined;
    let position = options.after;
    try {
      while (!stopped) {
        const batch = await read(position, batchSize);
        if (stopped) break;
        const last = batch[batch.length - 1];
        if (last) {
          await options.handler(batch);
          position = last.position;
          if (batch.length === batchSize) continue;
        }
        options.onCaughtUp?.(position);
        if (stopped) break;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, pollIntervalMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    } finally {
      await unlisten?.();
    }
  };

  const done = run();
  return {
    done,
    async stop() {
      stopped = true;
      wakeUp();
      await done.catch(() => undefined);
    },
  };
}
