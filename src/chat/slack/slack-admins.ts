// Who counts as a sitroom admin on Slack: a user listed in admins.users ("slack:U…"), or, when
// admins.slackWorkspaceAdmins is on, a workspace admin or owner according to users.info. Answers
// from users.info are kept for a few minutes so a burst of commands costs one lookup.
import type { Logger } from 'pino';

export interface UsersInfoClient {
  users: { info(arguments_: { user: string }): Promise<{ user?: { is_admin?: boolean; is_owner?: boolean } }> };
}

export interface SlackAdminCheckOptions {
  client: UsersInfoClient;
  isConfiguredAdmin: (userId: string) => boolean;
  workspaceAdminsAreAdmins: () => boolean;
  log: Logger;
  now: () => number;
}

const REMEMBER_MS = 5 * 60 * 1000;

export function createSlackAdminCheck(options: SlackAdminCheckOptions): (slackUserId: string) => Promise<boolean> {
  const remembered = new Map<string, { isAdmin: boolean; at: number }>();
  return async (slackUserId) => {
    if (options.isConfiguredAdmin(`slack:${slackUserId}`)) return true;
    if (!options.workspaceAdminsAreAdmins()) return false;
    const known = remembered.get(slackUserId);
    if (known && options.now() - known.at < REMEMBER_MS) return known.isAdmin;
    try {
      const { user } = await options.client.users.info({ user: slackUserId });
      const isAdmin = Boolean(user?.is_admin || user?.is_owner);
      remembered.set(slackUserId, { isAdmin, at: options.now() });
      return isAdmin;
    } catch (error) {
      // Without an answer the user is not an admin: refusing an edit is safer than allowing it.
      options.log.warn({ user: slackUserId, error: (error as Error).message }, 'slack users.info failed; treated as not an admin');
      return false;
    }
  };
}
