// The Discord adapter: a discord.js client on the gateway that answers slash commands through the
// core, registers the commands when they changed, posts digests and alerts, and reports what fails.
import { Client, DiscordAPIError, Events, GatewayIntentBits, RESTEvents, Routes, type RequestData } from 'discord.js';
import type { Sitroom } from '../../app.js';
import { COMMANDS } from '../../commands/registry.js';
import { ChatDeliveryError, type ChatAdapter, type DeliveryAttempt, type PostedMessage } from '../chat-adapter.js';
import { threadNotice } from '../thread-notice.js';
import type { Reply } from '../reply.js';
import { answerAutocomplete, answerCommandInteraction, answerFeedbackClick } from './answer-discord-interaction.js';
import { apiMessage } from './discord-api-message.js';
import { deliveryNonce } from './delivery-nonce.js';
import { describeDiscordError } from './describe-discord-error.js';
import { createDiscordRestAgent } from './discord-rest-agent.js';
import { registerDiscordCommandsIfChanged } from './register-discord-commands.js';
import { fitText, renderDiscordMessages } from './render-discord-messages.js';

export interface DiscordAdapterOptions {
  token: string;
  applicationId: string;
  /** Register the commands in this guild only (instant, for development) instead of globally. */
  guildId?: string;
  /** The REST API's base without the version ("http://127.0.0.1:1234/api"); the gateway URL comes from it. */
  apiUrl?: string;
  /** Defer an answer not ready by then; Discord drops interactions unanswered after 3 s. */
  deferAfterMs?: number;
  /**
   * Whether this instance connects to the gateway (true unless DISCORD_GATEWAY=off). Without it,
   * digests and alerts still go out over REST and interactions come by the HTTP endpoint; posted
   * messages then have no links, as the gateway is what tells a channel's server.
   */
  gateway?: boolean;
}

const DEFAULT_DEFER_AFTER_MS = 2000;

/** Connects to Discord and resolves once ready; a failed login is reported, not thrown, so other adapters keep running. */
export async function startDiscordAdapter(sitroom: Sitroom, options: DiscordAdapterOptions): Promise<ChatAdapter> {
  const { log: baseLog, chatProblems, now } = sitroom.services;
  const log = baseLog.child({ platform: 'discord' });
  const report = (message: string, channel?: string): void => chatProblems.report({ platform: 'discord', channel, message, at: now() });
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    rest: { agent: createDiscordRestAgent(), ...(options.apiUrl ? { api: options.apiUrl } : {}) },
  });
  client.rest.setToken(options.token);

  client.on(Events.InteractionCreate, (interaction) => {
    const channel = interaction.channelId ?? undefined;
    const answering = interaction.isChatInputCommand()
      ? answerCommandInteraction(interaction, sitroom, { deferAfterMs: options.deferAfterMs ?? DEFAULT_DEFER_AFTER_MS, developmentGuildId: options.guildId })
      : interaction.isAutocomplete()
        ? answerAutocomplete(interaction, sitroom)
        : interaction.isButton() || interaction.isStringSelectMenu()
          ? answerFeedbackClick(interaction, sitroom, options.guildId)
          : Promise.resolve();
    answering.catch((error: unknown) => {
      const problem = describeDiscordError(error);
      log.error({ channel, err: error }, `interaction not answered: ${problem.message}`);
      report(problem.message, channel);
    });
  });
  client.rest.on(RESTEvents.Response, (request, response) => {
    // The REST client waits out a 429 and retries by itself; it is worth seeing in /status all the same.
    if (response.status !== 429) return;
    log.warn({ route: request.route, retryAfter: response.headers.get('retry-after') }, 'rate limited by Discord; waiting and retrying');
    report(`rate limited on ${request.method.toUpperCase()} ${request.route}; requests wait and are retried`);
  });
  client.on(Events.ShardReconnecting, () => {
    log.warn('gateway connection lost; reconnecting');
    report('gateway connection lost; reconnecting');
  });
  client.on(Events.ShardResume, (_shard, replayed) => {
    log.info({ replayed }, 'gateway connection resumed');
    // Posts that failed while the connection was down are retried now rather than at their next backoff.
    void sitroom.deliverPending();
  });
  client.on(Events.ShardDisconnect, (event) => {
    log.error({ code: event.code }, 'gateway closed for good');
    report(`gateway closed (code ${event.code}); the bot is offline until restarted`);
  });
  client.on(Events.Error, (error) => {
    log.error({ err: error }, 'discord client error');
    report(`client error: ${error.message}`);
  });

  const { admins } = sitroom.services.config();
  if (!options.guildId && admins.discordGuilds.length === 0 && (admins.discordManageServer || admins.discordRoles.length > 0)) {
    log.warn('no Discord server is set for admins (admins.discordGuilds or DISCORD_GUILD_ID): Manage Server and admin roles grant nothing, only the discord: users in admins.users can change the setup');
  }
  const registration = { rest: client.rest, applicationId: options.applicationId, guildId: options.guildId, botState: sitroom.services.store.botState, commands: COMMANDS };
  const gateway = options.gateway ?? true;
  try {
    if (await registerDiscordCommandsIfChanged(registration)) log.info({ guild: options.guildId ?? 'global' }, 'application commands registered');
    if (gateway) {
      const ready = new Promise((resolve) => client.once(Events.ClientReady, resolve));
      await client.login(options.token);
      await ready;
      log.info({ user: client.user?.tag }, 'connected to Discord');
    } else {
      log.info('not connecting to the gateway (DISCORD_GATEWAY=off): posting over REST, interactions by the HTTP endpoint');
    }
  } catch (error) {
    const problem = describeDiscordError(error);
    log.error({ err: error }, `Discord not started: ${problem.message}`);
    report(problem.message);
  }

  return {
    platform: 'discord',
    ...(gateway ? { connected: () => client.isReady() } : {}),
    // The delivery queue logs a refused post and shows it in /status; this only says what Discord meant.
    post: async (channelId: string, message: Reply, delivery?: DeliveryAttempt): Promise<PostedMessage> => {
      try {
        const parts = await renderDiscordMessages(message);
        const thread = delivery?.thread;
        // A follow-up goes into the thread started on its story's alert, which shares the alert's id.
        let first: string | undefined;
        for (const [index, part] of parts.entries()) {
          const { body, files } = apiMessage(part);
          const created = await postInThread(client, channelId, thread, { body: { ...body, ...(delivery && deliveryNonce(delivery, index)) }, files });
          first ??= created.id;
        }
        if (thread?.broadcast) {
          const notice = (await renderDiscordMessages(threadNotice(message, channelUrl(client, channelId, thread.ref))))[0]!;
          await client.rest.post(Routes.channelMessages(channelId), { body: { embeds: notice.embeds, allowed_mentions: { parse: [] }, ...(delivery && deliveryNonce(delivery, parts.length)) } });
        }
        return { ref: first!, url: channelUrl(client, channelId, thread ? thread.ref : `${channelId}/${first!}`) };
      } catch (error) {
        const problem = describeDiscordError(error);
        throw new ChatDeliveryError(problem.message, problem.permanent);
      }
    },
    stop: () => client.destroy(),
  };
}

/** Discord's error codes for a channel id that names no channel, and for a message that already has a thread. */
const UNKNOWN_CHANNEL = 10003;
const THREAD_ALREADY_STARTED = 160004;
const THREAD_NAME_LENGTH = 100;

/**
 * Posts into the channel, or into the thread on the story's alert message, starting that thread on the first
 * follow-up (Discord answers Unknown Channel until then): nothing is kept about threads but the alert's id.
 */
async function postInThread(client: Client, channelId: string, thread: DeliveryAttempt['thread'], request: RequestData): Promise<{ id: string }> {
  const threadOf = thread?.ref;
  if (!threadOf) return (await client.rest.post(Routes.channelMessages(channelId), request)) as { id: string };
  try {
    return (await client.rest.post(Routes.channelMessages(threadOf), request)) as { id: string };
  } catch (error) {
    if (!(error instanceof DiscordAPIError && error.code === UNKNOWN_CHANNEL)) throw error;
  }
  await client.rest.post(Routes.threads(channelId, threadOf), { body: { name: fitText(thread.title ?? 'Story', THREAD_NAME_LENGTH) } }).catch((error: unknown) => {
    if (!(error instanceof DiscordAPIError && error.code === THREAD_ALREADY_STARTED)) throw error;
  });
  return (await client.rest.post(Routes.channelMessages(threadOf), request)) as { id: string };
}

/** discord.com/channels/GUILD/PATH: a message ("CHANNEL/MESSAGE") or a thread ("THREAD"); undefined outside a known server. */
function channelUrl(client: Client, channelId: string, path: string): string | undefined {
  const channel = client.channels.cache.get(channelId);
  const guildId = channel && 'guildId' in channel ? channel.guildId : undefined;
  return guildId ? `https://discord.com/channels/${guildId}/${path}` : undefined;
}
