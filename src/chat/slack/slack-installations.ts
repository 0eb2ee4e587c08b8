// Bolt's InstallationStore over the store's slack_installations: what Bolt's OAuth flow hands over
// is kept whole (a later fetch gives Bolt back all it gave), sealed under the operator's key.
import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { SecretSealer } from '../../store/sealed-secrets.js';
import type { SlackInstallationStore } from '../../store/slack-installation-store.js';

/** Bolt is told this when a request or a post comes for a workspace with no installation. */
export class SlackNotInstalledError extends Error {
  constructor(key: string) {
    super(`sitroom is not installed in Slack ${key.replace(':', ' ')}`);
    this.name = 'SlackNotInstalledError';
  }
}

/** The scopes an installation asks for: config/slack-manifest.yaml lists them with what each is for. */
export const SLACK_BOT_SCOPES: readonly string[] = ['commands', 'chat:write', 'chat:write.public', 'users:read', 'channels:history', 'groups:history', 'files:write'];

/** An organisation-wide installation answers for every workspace of the organisation; a workspace's own, for that workspace. */
export function installationKey(query: { teamId?: string; enterpriseId?: string; isEnterpriseInstall?: boolean }): string {
  if (query.isEnterpriseInstall && query.enterpriseId) return `enterprise:${query.enterpriseId}`;
  if (!query.teamId) throw new Error('a Slack installation names neither a workspace nor an organisation');
  return `team:${query.teamId}`;
}

export function createBoltInstallationStore(store: SlackInstallationStore, sealer: SecretSealer, now: () => number): InstallationStore {
  return {
    async storeInstallation(installation) {
      const key = installationKey({ teamId: installation.team?.id, enterpriseId: installation.enterprise?.id, isEnterpriseInstall: installation.isEnterpriseInstall });
      await store.save({ key, teamId: installation.team?.id ?? null, enterpriseId: installation.enterprise?.id ?? null, sealed: sealer.seal(JSON.stringify(installation), key) }, now());
    },
    async fetchInstallation(query: InstallationQuery<boolean>) {
      const key = installationKey(query);
      const found = await store.get(key);
      // Bolt answers the request as unauthorised: the workspace has not installed sitroom, or removed it.
      if (!found) throw new SlackNotInstalledError(key);
      return JSON.parse(sealer.open(found.sealed, key)) as Installation;
    },
    async deleteInstallation(query: InstallationQuery<boolean>) {
      await store.remove(installationKey(query));
    },
  };
}
