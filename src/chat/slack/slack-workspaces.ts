// Which Slack workspace a channel or a user is in, and the token that speaks there. With one
// workspace (SLACK_BOT_TOKEN), ids are kept as Slack gives them ("C123"), as they always were. With
// several (OAuth), they are kept with their team ("T123/C123"): Slack's ids are unique within a
// workspace only, so two workspaces can each have a channel C123, and they are two subscriptions.
import type { InstallationStore } from '@slack/bolt';
import { webApi } from '@slack/bolt';
import { ChatDeliveryError } from '../chat-adapter.js';
import type { SlackWorkspace } from './post-slack-delivery.js';
import { SlackNotInstalledError } from './slack-installations.js';

export interface SlackWorkspaces {
  /** The id sitroom keeps for a channel or user of the team (after "slack:"). */
  qualify(teamId: string | undefined, id: string): string;
  /** The workspace of a kept channel id, with a client holding its token; throws ChatDeliveryError when there is none. */
  workspaceOf(channelKey: string): Promise<SlackWorkspace>;
}

export function singleWorkspace(client: webApi.WebClient, url: string | undefined): SlackWorkspaces {
  return {
    qualify: (_teamId, id) => id,
    workspaceOf: async (channel) => ({ client, channel, url }),
  };
}

const TEAM_SEPARATOR = '/';

/** The workspaces installed by OAuth; each post reads its workspace's installation, so a reinstall's new token is used at once. */
export function installedWorkspaces(installations: InstallationStore, clientFor: (botToken: string) => webApi.WebClient): SlackWorkspaces {
  const known = new Map<string, { client: webApi.WebClient; url: Promise<string | undefined> }>();
  return {
    qualify: (teamId, id) => (teamId ? `${teamId}${TEAM_SEPARATOR}${id}` : id),
    async workspaceOf(channelKey) {
      const [teamId, channel] = channelKey.split(TEAM_SEPARATOR);
      if (!teamId || !channel) throw new ChatDeliveryError(`"slack:${channelKey}" names no workspace: with several workspaces, a channel is written slack:TEAM_ID/CHANNEL_ID`, true);
      let botToken: string | undefined;
      try {
        botToken = (await installations.fetchInstallation({ teamId, enterpriseId: undefined, isEnterpriseInstall: false })).bot?.token;
      } catch (error) {
        if (error instanceof SlackNotInstalledError) throw new ChatDeliveryError(`${error.message}: install it from /slack/install`, true);
        throw error;
      }
      if (!botToken) throw new ChatDeliveryError(`the installation in Slack team ${teamId} has no bot token: install it again from /slack/install`, true);
      let workspace = known.get(botToken);
      if (!workspace) {
        const client = clientFor(botToken);
        // Only links to posted messages need the address: a workspace that does not say it gets posts without links.
        workspace = { client, url: client.auth.test().then((identity) => identity.url, () => undefined) };
        known.set(botToken, workspace);
      }
      return { client: workspace.client, channel, url: await workspace.url };
    },
  };
}
