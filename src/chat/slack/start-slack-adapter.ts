// The Slack adapter: a Bolt app that turns slash commands (the /sitroom umbrella and the short forms)
// into Sitroom.ask, shares private answers on request, and posts digests and alerts with chat.postMessage.
// It only translates; answers, help and refusals come from the one dispatcher. It serves one workspace
// with its bot token, or several installed by OAuth, each request and post with its own workspace's token.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, webApi, type AppOptions, type BlockButtonAction, type InstallationStore, type RespondFn } from '@slack/bolt';
import type { Sitroom } from '../../app.js';
import type { ChatUser } from '../../commands/command.js';
import type { ChatAdapter } from '../chat-adapter.js';
import { FEEDBACK_ACTION_PREFIX, feedbackCommandLine } from '../feedback-buttons.js';
import { errorReply, type Reply } from '../reply.js';
import { boltLogger } from './bolt-logger.js';
import { canShare, renderSlackMessages, SHARE_ACTION_ID, type SlackMessage } from './render-block-kit.js';
import { createDeliveryClient, createSlackDeliveryPoster, uploadCharts } from './post-slack-delivery.js';
import { ShareableAnswers, type ShareClaim } from './shareable-answers.js';
import { createSlackAdminCheck } from './slack-admins.js';
import { toChatDeliveryError } from './slack-api-errors.js';
import { installationKey, SLACK_BOT_SCOPES } from './slack-installations.js';
import { SLACK_LIMITS } from './slack-limits.js';
import { installedWorkspaces, singleWorkspace, type SlackWorkspaces } from './slack-workspaces.js';

/** Several workspaces: each installs the app at /slack/install, and Slack sends the browser back to /slack/oauth_redirect. */
export interface SlackOAuthOptions {
  clientId: string;
  clientSecret: string;
  /** Signs the OAuth state, so that any instance behind the load balancer can check the redirect. */
  stateSecret: string;
  installationStore: InstallationStore;
  /** The redirect URL as set in the app's OAuth settings, when the app lists more than one. */
  redirectUri?: string;
}

export interface SlackAdapterOptions {
  /** One workspace: its bot token (SLACK_BOT_TOKEN). */
  botToken?: string;
  /** Several workspaces installed by OAuth (HTTP mode); used instead of botToken. */
  oauth?: SlackOAuthOptions;
  /** HTTP mode: Slack posts signed requests to http://HOST:PORT/slack/events. */
  signingSecret?: string;
  /** Socket Mode (no public URL needed); used whenever it is given. */
  appToken?: string;
  port?: number;
  host?: string;
  /** Where the Web API lives (SLACK_API_URL), e.g. "http://127.0.0.1:4000/api/". */
  apiUrl?: string;
  /** How the Web API client retries; its default can wait about 30 minutes in all. */
  retryConfig?: webApi.RetryOptions;
  /** Other routes served on the same port in HTTP mode (health, metrics, Discord's interactions), path → handler; each handler checks the method. */
  extraRoutes?: Record<string, (request: IncomingMessage, response: ServerResponse) => void>;
  /** A command that answers within this time answers in the ack itself; a slower one answers through response_url. */
  answerInAckWithinMs?: number;
}

export interface SlackAdapter extends ChatAdapter {
  /** The port HTTP mode listens on (useful when 0 asked for any free port); undefined in Socket Mode. */
  readonly port?: number;
}

type SitroomForSlack = Pick<Sitroom, 'ask' | 'isAdmin' | 'services'>;

/** Slack answers an un-acked command with an error after 3 s; the rest of that time is for Bolt and the network. */
const DEFAULT_ANSWER_IN_ACK_WITHIN_MS = 2000;
const START_CHECK_TIMEOUT_MS = 10_000;

const SHARE_REFUSALS: Record<Exclude<ShareClaim['outcome'], 'shared'>, string> = {
  unknown: 'This answer is no longer kept for sharing; ask again, then share it.',
  expired: 'This Share button has expired: an answer can be shared for 24 hours after it was given. Ask again, then share it.',
  'not-yours': 'Only the person who asked can share this answer, and only in the channel where they asked; nothing was posted.',
};

export async function startSlackAdapter(sitroom: SitroomForSlack, options: SlackAdapterOptions): Promise<SlackAdapter> {
  const { log, now, chatProblems } = sitroom.services;
  const socketMode = Boolean(options.appToken) && !options.oauth;
  const logger = boltLogger(log);
  const { oauth } = options;
  let workspaces: SlackWorkspaces;
  let authorization: Partial<AppOptions>;
  if (oauth) {
    workspaces = installedWorkspaces(oauth.installationStore, (token) => createDeliveryClient(token, options.apiUrl, logger));
    authorization = {
      clientId: oauth.clientId,
      clientSecret: oauth.clientSecret,
      stateSecret: oauth.stateSecret,
      installationStore: oauth.installationStore,
      scopes: [...SLACK_BOT_SCOPES],
      redirectUri: oauth.redirectUri,
      installerOptions: {
        // The install path sends the browser straight to Slack, with the state cookie set.
        directInstall: true,
        redirectUriPath: oauth.redirectUri ? new URL(oauth.redirectUri).pathname : undefined,
        clientOptions: { slackApiUrl: options.apiUrl },
      },
    };
  } else {
    if (!options.botToken) throw new Error('Slack needs a bot token (SLACK_BOT_TOKEN) or OAuth settings');
    // The token is checked once, without the client's retries: a start must not wait half an hour for a
    // Slack it cannot reach, and the caller decides what to do without Slack.
    const identity = await new webApi.WebClient(options.botToken, { slackApiUrl: options.apiUrl, logger, retryConfig: { retries: 0 }, timeout: START_CHECK_TIMEOUT_MS }).auth.test();
    workspaces = singleWorkspace(createDeliveryClient(options.botToken, options.apiUrl, logger), identity.url);
    // Given the bot's identity, Bolt does not call auth.test again for every request (a round trip
    // inside Slack's 3 seconds).
    authorization = { token: options.botToken, botId: identity.bot_id, botUserId: identity.user_id };
  }
  const app = new App({
    ...authorization,
    signingSecret: options.signingSecret,
    appToken: options.appToken,
    socketMode,
    logger,
    tokenVerificationEnabled: false,
    deferInitialization: true,
    customRoutes: socketMode ? undefined : Object.entries(options.extraRoutes ?? {}).map(([path, handler]) => ({ path, method: ['GET', 'HEAD', 'POST'], handler })),
    clientOptions: { slackApiUrl: options.apiUrl, retryConfig: options.retryConfig },
  });
  const isAdmin = createSlackAdminCheck({
    isConfiguredAdmin: sitroom.isAdmin,
    workspaceAdminsAreAdmins: () => sitroom.services.config().admins.slackWorkspaceAdmins,
    log,
    now,
  });
  const reportProblem = (channelId: string | undefined, message: string): void => {
    log.error({ platform: 'slack', channel: channelId, error: message }, 'slack problem');
    chatProblems.report({ platform: 'slack', channel: channelId, message, at: now() });
  };
  /** Who asked, and where, as sitroom keeps them: "slack:U1" and "slack:C1", or with several workspaces "slack:T1/U1" and "slack:T1/C1". */
  const askerOf = (teamId: string | undefined, userId: string, channelId: string) => ({ user: `slack:${workspaces.qualify(teamId, userId)}`, channel: `slack:${workspaces.qualify(teamId, channelId)}` });
  const ask = async (line: string, slackUser: { id: string; name: string }, where: { teamId?: string; channelId: string }, client: webApi.WebClient): Promise<Reply> => {
    const asker = askerOf(where.teamId, slackUser.id, where.channelId);
    const user: ChatUser = { id: asker.user, name: slackUser.name };
    return sitroom.ask(line, user, { channel: asker.channel, isAdmin: await isAdmin(asker.user, slackUser.id, client) });
  };
  const respondAll = async (respond: RespondFn, channelId: string, messages: SlackMessage[], responseType: 'ephemeral' | 'in_channel'): Promise<void> => {
    try {
      for (const message of messages) await respond({ response_type: responseType, replace_original: false, ...message });
    } catch (error) {
      reportProblem(channelId, `reply not delivered: ${toChatDeliveryError(error).message}`);
    }
  };
  const shareable = new ShareableAnswers(sitroom.services.store.shareableAnswers, now);
  const answerInAckWithinMs = options.answerInAckWithinMs ?? DEFAULT_ANSWER_IN_ACK_WITHIN_MS;

  app.command(/^\/.+/, async ({ command, ack, respond, client }) => {
    const line = `${command.command} ${command.text}`.trim();
    const asker = askerOf(command.team_id, command.user_id, command.channel_id);
    const answering = ask(line, { id: command.user_id, name: command.user_name }, { teamId: command.team_id, channelId: command.channel_id }, client).then(async (answer) => ({
      responseType: answer.visibility === 'channel' ? ('in_channel' as const) : ('ephemeral' as const),
      messages: renderSlackMessages(answer, { shareKey: canShare(answer) ? await shareable.keep(line, answer, asker) : undefined, maxMessages: SLACK_LIMITS.responsesPerCommand }),
    }));
    let timer: NodeJS.Timeout | undefined;
    const quick = await Promise.race([answering, new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), answerInAckWithinMs)))]);
    clearTimeout(timer);
    if (quick) {
      const [first, ...rest] = quick.messages;
      await ack({ response_type: quick.responseType, ...first! });
      await respondAll(respond, command.channel_id, rest, quick.responseType);
      return;
    }
    await ack();
    const late = await answering;
    await respondAll(respond, command.channel_id, late.messages, late.responseType);
  });

  app.action<BlockButtonAction>(SHARE_ACTION_ID, async ({ ack, body, action, respond, client }) => {
    await ack();
    const channelId = body.channel?.id ?? body.container.channel_id ?? '';
    const kept = await shareable.claim(action.value ?? '', askerOf(body.team?.id, body.user.id, channelId));
    if (kept.outcome !== 'shared') {
      await respondAll(respond, channelId, renderSlackMessages(errorReply(SHARE_REFUSALS[kept.outcome])), 'ephemeral');
      return;
    }
    const sharedBy = `Shared by ${body.user.name ?? body.user.id}: ${kept.line}`;
    const shared: Reply = { ...kept.answer, visibility: 'channel', sections: [...kept.answer.sections, { kind: 'context', text: sharedBy }] };
    await respondAll(respond, channelId, renderSlackMessages(shared, { maxMessages: SLACK_LIMITS.responsesPerCommand - 1 }), 'in_channel');
    await respond({ delete_original: true }).catch((error: unknown) => log.debug({ error: (error as Error).message }, 'private copy of a shared answer not deleted'));
    // A private answer could only show the sparkline; shared, its chart follows as an image.
    await uploadCharts(client, channelId, shared, undefined).catch((error: unknown) => reportProblem(channelId, `chart of a shared answer not uploaded: ${toChatDeliveryError(error).message}`));
  });

  app.action<BlockButtonAction>(new RegExp(`^${FEEDBACK_ACTION_PREFIX}:`), async ({ ack, body, action, respond, client }) => {
    await ack();
    const channelId = body.channel?.id ?? body.container.channel_id ?? '';
    const line = feedbackCommandLine(action.action_id, action.value ?? '');
    if (!line) return;
    const answer = await ask(line, { id: body.user.id, name: body.user.name ?? body.user.id }, { teamId: body.team?.id, channelId }, client);
    await respondAll(respond, channelId, renderSlackMessages(answer), 'ephemeral');
  });

  // With OAuth, a workspace that removed the app loses its installation: its token no longer works anyway.
  const forgetInstallation = async (teamId: string | undefined, enterpriseId: string | undefined, isEnterpriseInstall: boolean | undefined): Promise<void> => {
    if (!oauth?.installationStore.deleteInstallation) return;
    await oauth.installationStore.deleteInstallation({ teamId, enterpriseId, isEnterpriseInstall: Boolean(isEnterpriseInstall) });
    log.info({ platform: 'slack', installation: installationKey({ teamId, enterpriseId, isEnterpriseInstall }) }, 'slack installation removed');
  };
  const workspaceName = (teamId: string | undefined): string => (oauth && teamId ? `workspace ${teamId}` : 'workspace');
  app.event('app_uninstalled', async ({ context }) => {
    await forgetInstallation(context.teamId, context.enterpriseId, context.isEnterpriseInstall);
    reportProblem(undefined, `the app was uninstalled from the ${workspaceName(context.teamId)}: reinstall it to get sitroom back`);
  });
  app.event('tokens_revoked', async ({ context }) => {
    await forgetInstallation(context.teamId, context.enterpriseId, context.isEnterpriseInstall);
    reportProblem(undefined, oauth ? `the bot token of the ${workspaceName(context.teamId)} was revoked: install the app there again` : 'the bot token was revoked: reinstall the app and update SLACK_BOT_TOKEN');
  });

  app.error(async (error) => {
    // Bolt hands every listener error here; logging it keeps the process and the other commands going.
    log.error({ platform: 'slack', err: error }, 'slack request failed');
  });

  await app.init();
  let port: number | undefined;
  if (socketMode) await app.start();
  else port = ((await app.start({ port: options.port ?? 3000, host: options.host })).address() as AddressInfo).port;
  log.info({ platform: 'slack', mode: socketMode ? 'socket' : 'http', workspaces: oauth ? 'oauth' : 'one', port }, 'slack adapter started');

  return {
    platform: 'slack',
    port,
    // Refusals are thrown, not reported here: the delivery queue shows them in /status and decides on retries.
    post: createSlackDeliveryPoster({ workspaceOf: (channelKey) => workspaces.workspaceOf(channelKey), log }),
    stop: () => app.stop().then(() => undefined),
  };
}
