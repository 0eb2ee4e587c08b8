// Who counts as a sitroom admin on Slack: a user listed in admins.users ("slack:U…", or "slack:T…/U…"
// with several workspaces), or, when
// admins.slackWorkspaceAdmins is on, a workspace admin or owner according to users.info. Answers
// from users.info are kept for a few minutes so a burst of commands costs one lookup.
import type { Logger } from 'pino';

export interface UsersInfoClient {
  users: { info(arguments_: { user: string }): Promise<{ user?: { is_admin?: boolean; is_owner?: boolean } }> };
}

export interface SlackAdminCheckOptions {
  isConfiguredAdmin: (userId: string) => boolean;
  workspaceAdminsAreAdmins: () => boolean;
  log: Logger;
  now: () => number;
}

const REMEMBER_MS = 5 * 60 * 1000;

/**
 * userKey: the user as sitroom keeps them ("slack:U1", or "slack:T1/U1" with several workspaces);
 * client: one holding the token of the user's workspace, which users.info answers for.
 */
export function createSlackAdminCheck(options: SlackAdminCheckOptions): (userKey: string, slackUserId: string, client: UsersInfoClient) => Promise<boolean> {
  const remembered = new Map<string, { isAdmin: boolean; at: number }>();
  return async (userKey, slackUserId, client) => {
    if (options.isConfiguredAdmin(userKey)) return true;
    if (!options.workspaceAdminsAreAdmins()) return false;
    const known = remembered.get(userKey);
    if (known && options.now() - known.at < REMEMBER_MS) return known.isAdmin;
    try {
      const { user } = await client.users.info({ user: slackUserId });
      const isAdmin = Boolean(user?.is_admin || user?.is_owner);
      remembered.set(userKey, { isAdmin, at: options.now() });
      return isAdmin;
    } catch (error) {
      // Without an answer the user is not an admin: refusing an edit is safer than allowing it.
      options.log.warn({ user: slackUserId, error: (error as Error).message }, 'slack users.info failed; treated as not an admin');
      return false;
    }
  };
}
