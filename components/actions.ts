import { sendToBackground } from '../utils/messages';
import { mutate, type Workspace } from '../utils/store';

/**
 * Every change a person makes: applied to IndexedDB and queued at once (the UI never waits
 * for the network), then the background is asked to sync soon.
 */
export async function write(workspace: Workspace, name: string, args: unknown): Promise<void> {
  await mutate(workspace.db, workspace.info.id, name, args, workspace.info.member);
  if (workspace.info.kind === 'server') void sendToBackground({ type: 'toBackground.syncRequest', workspaceId: workspace.info.id, reason: 'write' });
}
