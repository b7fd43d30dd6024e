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
  tokens: {
    /** SHA-256 of the token, hex. The token itself is shown once and never stored. */
    hash: string;
    member_id: string;
    workspace_id: string;
    created_at: string;
    revoked_at: string | null;
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
}
