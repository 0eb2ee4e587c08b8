// Bolt's InstallationStore over the store's slack_installations: what Bolt's OAuth flow hands over
// is kept whole (a later fetch gives Bolt back all it gave), sealed under the operator's key.
import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { SecretSealer } from '../../store/sealed-secrets.js';
import type { SlackInstallationStore } from '../../store/slack-installation-store.js';

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
      if (!found) throw new Error(`sitroom is not installed in Slack ${key.replace(':', ' ')}`);
      return JSON.parse(sealer.open(found.sealed, key)) as Installation;
    },
    async deleteInstallation(query: InstallationQuery<boolean>) {
      await store.remove(installationKey(query));
    },
  };
}
