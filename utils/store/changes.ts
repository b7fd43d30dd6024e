import type { RecordType } from '../model';

/** What changed in a workspace: record types, `recent` contacts, or the outbox. */
export interface ChangeEvent {
  workspaceId: string;
  topics: (RecordType | 'recent' | 'outbox' | 'workspaces' | 'sync' | 'notices')[];
}

type Listener = (event: ChangeEvent) => void;

const channelName = 'tandem-changes';
const listeners = new Set<Listener>();
let channel: BroadcastChannel | undefined;

/**
 * Every view of the extension (side panel, options, in-page sidebar, background) shares one
 * origin, so a BroadcastChannel reaches them all. A channel does not deliver to its own
 * sender, so listeners in this context are called directly too.
 */
function ensureChannel(): BroadcastChannel | undefined {
  if (!channel && typeof BroadcastChannel !== 'undefined') {
    channel = new BroadcastChannel(channelName);
    channel.onmessage = (message: MessageEvent<ChangeEvent>) => {
      for (const listener of listeners) listener(message.data);
    };
  }
  return channel;
}

export function emitChange(event: ChangeEvent): void {
  for (const listener of listeners) listener(event);
  ensureChannel()?.postMessage(event);
}

/** Subscribes to changes made in this or any other extension context. Returns the unsubscribe. */
export function onChange(listener: Listener): () => void {
  ensureChannel();
  listeners.add(listener);
  return () => listeners.delete(listener);
}
