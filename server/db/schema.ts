/** Tandem's server tables, the same on SQLite and PostgreSQL. Booleans are 0/1 integers on both. */
export interface Database {
  workspaces: {
    id: string;
    name: string;
    /** The last sequence number given to a change in this workspace. */
    seq: number;
    created_at: string;
  };
  members: {
    id: string;
    workspace_id: string;
    name: string;
    role: string;
    revoked: number;
    created_at: string;
    /** Optional; added by migration 0002. */
    email: string | null;
  };
  /** One row per device: a connected browser, or a token the server CLI printed. */
  tokens: {
    /** SHA-256 of the token, hex. The token itself is shown once and never stored. */
    hash: string;
    member_id: string;
    workspace_id: string;
    created_at: string;
    revoked_at: string | null;
    /** The device's id in the admin API (migration 0005; given to earlier tokens then). */
    id: string;
    /** "Chrome on macOS", or how the token was made; null for tokens made before 0005. */
    name: string | null;
    /** When the device last called the server, stamped at most once a minute; null if not yet. */
    last_seen_at: string | null;
  };
  /** One-time connect codes (migration 0005), hashed like tokens. */
  connect_codes: {
    /** SHA-256 of the code, hex. */
    hash: string;
    workspace_id: string;
    member_id: string;
    created_at: string;
    /** After this instant the code is refused (ISO timestamps compare as text). */
    expires_at: string;
    /** When it was traded for a device's token, and that device's id. */
    used_at: string | null;
    device_id: string | null;
    /** When it was cancelled unused: the member was revoked or their access replaced. */
    cancelled_at: string | null;
  };
  clients: {
    id: string;
    workspace_id: string;
    member_id: string;
    last_mutation_id: number;
    last_seen_at: string;
  };
  records: {
    workspace_id: string;
    type: string;
    id: string;
    version: number;
    deleted: number;
    seq: number;
    /** The document as JSON text. */
    doc: string;
  };
  outcomes: {
    workspace_id: string;
    client_id: string;
    mutation_id: number;
    name: string;
    status: string;
    error: string;
    current: string | null;
    created_at: string;
  };
  audit: {
    id: string;
    workspace_id: string;
    member_id: string | null;
    action: string;
    details: string;
    created_at: string;
    /** The entry's place in its workspace's log, from 1 (migration 0003). */
    seq: number;
  };
  /** Outgoing webhooks (migration 0004). */
  webhooks: {
    id: string;
    workspace_id: string;
    url: string;
    /** JSON array of WebhookEvent. */
    events: string;
    format: string;
    /** Signs deliveries (HMAC-SHA256); never sent, listed or logged. */
    secret: string;
    created_at: string;
    /** The admin who added it; null for the server CLI. */
    created_by: string | null;
  };
  /** The delivery queue and its log (migration 0004). Times are ms since 1970, database clock. */
  webhook_deliveries: {
    id: string;
    webhook_id: string;
    workspace_id: string;
    event: string;
    /** The JSON payload; null once delivered or failed (the log keeps no team data). */
    payload: string | null;
    /** pending | delivered | failed */
    status: string;
    attempts: number;
    created_at: number;
    /** When a pending delivery is due; null once delivered or failed. */
    next_attempt_at: number | null;
    /** Who holds the claim (a token unique to one claim by one process), until when. */
    claimed_by: string | null;
    claimed_until: number | null;
    last_attempt_at: number | null;
    /** The receiver's HTTP status on the latest attempt. */
    last_status: number | null;
    last_error: string | null;
    delivered_at: number | null;
  };
}
