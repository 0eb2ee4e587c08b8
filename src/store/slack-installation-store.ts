// The Slack workspaces sitroom is installed in (OAuth), one row per installation. The store keeps
// each installation sealed (sealed-secrets.ts): it holds the bot token, and the store never sees it
// in the clear. Beside it, the team and enterprise ids in the clear, to say which workspaces these are.
import type { Selectable } from 'kysely';
import type { SlackInstallationsTable, StoreDb } from './sql/store-database.js';

export interface SlackInstallationRecord {
  /** "team:T…" for a workspace, "enterprise:E…" for an organisation-wide installation. */
  key: string;
  teamId: string | null;
  enterpriseId: string | null;
  /** The installation (tokens included), sealed. */
  sealed: string;
  installedAt: number;
  updatedAt: number;
}

export interface SlackInstallationStore {
  /** Adds the installation, or replaces it when the workspace installs again (new scopes, a new token). */
  save(installation: Omit<SlackInstallationRecord, 'installedAt' | 'updatedAt'>, now: number): Promise<void>;
  get(key: string): Promise<SlackInstallationRecord | undefined>;
  remove(key: string): Promise<void>;
}

function toRecord(row: Selectable<SlackInstallationsTable>): SlackInstallationRecord {
  return { key: row.installation_key, teamId: row.team_id, enterpriseId: row.enterprise_id, sealed: row.sealed_installation, installedAt: row.installed_at, updatedAt: row.updated_at };
}

export function createSlackInstallationStore(db: StoreDb): SlackInstallationStore {
  return {
    save: async (installation, now) => {
      await db
        .insertInto('slack_installations')
        .values({ installation_key: installation.key, team_id: installation.teamId, enterprise_id: installation.enterpriseId, sealed_installation: installation.sealed, installed_at: now, updated_at: now })
        .onConflict((conflict) =>
          conflict.column('installation_key').doUpdateSet((eb) => ({
            team_id: eb.ref('excluded.team_id'),
            enterprise_id: eb.ref('excluded.enterprise_id'),
            sealed_installation: eb.ref('excluded.sealed_installation'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
    },
    get: async (key) => {
      const row = await db.selectFrom('slack_installations').selectAll().where('installation_key', '=', key).executeTakeFirst();
      return row && toRecord(row);
    },
    remove: async (key) => {
      await db.deleteFrom('slack_installations').where('installation_key', '=', key).execute();
    },
  };
}
