/**
 * Lets the delivery workers of this process know that deliveries were queued (after the
 * transaction that queued them committed), so they claim them at once instead of at their
 * next poll. Workers of other processes find them at their next poll.
 */
const listeners = new Set<() => void>();

export function onWebhookDeliveriesQueued(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function webhookDeliveriesQueued(): void {
  for (const listener of listeners) listener();
}
