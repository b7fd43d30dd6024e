import type { Workspace } from '../../utils/store';

/** What the options page gives each of Marketing's editors. */
export interface EditorProps {
  workspace: Workspace;
  /** False for `sales` members: everything is shown read-only, with no editing controls at all. */
  canEdit: boolean;
  /**
   * Applies a named mutation locally and queues it for sync. Throws a MutationError with a
   * human message; code `conflict` with `.current` when the document changed underneath.
   */
  write(name: string, args: unknown): Promise<void>;
}
