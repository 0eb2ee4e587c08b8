// Discord's interactions endpoint (the application's Interactions Endpoint URL): slash commands,
// autocomplete and feedback clicks arrive as signed HTTP requests instead of over the gateway, so
// any instance behind a load balancer can answer them. The first answer is the HTTP response
// itself; a slow answer is deferred there and sent later by editing it through the webhook routes,
// which need the interaction's token only. Answers are the same as the gateway's: both ask through
// answer-discord-interaction.ts.
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  PermissionsBitField,
  REST,
  Routes,
  type APIApplicationCommandInteractionDataOption,
  type APIInteraction,
} from 'discord.js';
import type { Sitroom } from '../../app.js';
import type { Reply } from '../reply.js';
import { askCommand, askFeedback, autocompleteChoices, visibilityFlags, within, type DiscordAsker } from './answer-discord-interaction.js';
import { apiMessage } from './discord-api-message.js';
import { describeDiscordError } from './describe-discord-error.js';
import { createDiscordRestAgent } from './discord-rest-agent.js';
import { renderDiscordMessages } from './render-discord-messages.js';
import { parseDiscordPublicKey, signatureProblem } from './verify-discord-signature.js';

export const DISCORD_INTERACTIONS_PATH = '/discord/interactions';

export interface DiscordInteractionsOptions {
  /** The application's public key (DISCORD_PUBLIC_KEY), 64 hex digits. */
  publicKey: string;
  applicationId: string;
  /** The REST API's base without the version, for the webhook routes (DISCORD_API_URL). */
  apiUrl?: string;
  /** Defer an answer not ready by then: Discord waits 3 s for the HTTP response. */
  deferAfterMs?: number;
  developmentGuildId?: string;
  /** The wall clock Discord's timestamps are checked against (not sitroom's clock, which a replay or a test sets). */
  wallClock: () => number;
}

/** An interaction is a few kilobytes; a body far over it is not Discord's. */
const MAX_BODY_BYTES = 256 * 1024;
const DEFAULT_DEFER_AFTER_MS = 2000;

type Answer = (status: number, body: unknown) => void;

export function createDiscordInteractionsHandler(sitroom: Sitroom, options: DiscordInteractionsOptions): (request: IncomingMessage, response: ServerResponse) => void {
  const { log: baseLog, chatProblems, now } = sitroom.services;
  const log = baseLog.child({ platform: 'discord', via: 'http' });
  const publicKey = parseDiscordPublicKey(options.publicKey);
  const rest = new REST({ version: '10', agent: createDiscordRestAgent(), ...(options.apiUrl ? { api: options.apiUrl } : {}) });
  const settings = { sitroom, rest, applicationId: options.applicationId, deferAfterMs: options.deferAfterMs ?? DEFAULT_DEFER_AFTER_MS, developmentGuildId: options.developmentGuildId };

  return (request, response) => {
    const answer: Answer = (status, body) => {
      if (response.headersSent) return;
      if (typeof body === 'string') response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(`${body}\n`);
      else response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (request.method !== 'POST') return void response.writeHead(405, { allow: 'POST' }).end();
    void readBody(request).then(async (body) => {
      if (!body) return answer(413, 'request body too large');
      const problem = signatureProblem(publicKey, request.headers, body, options.wallClock());
      if (problem) {
        log.warn({ problem }, 'interaction refused');
        return answer(401, `invalid request signature: ${problem}`);
      }
      let interaction: APIInteraction;
      try {
        interaction = JSON.parse(body.toString('utf8')) as APIInteraction;
      } catch {
        return answer(400, 'the body is not JSON');
      }
      try {
        await answerInteraction(interaction, settings, answer);
      } catch (error) {
        const channel = interaction.channel?.id;
        const { message } = describeDiscordError(error);
        log.error({ channel, err: error }, `interaction not answered: ${message}`);
        chatProblems.report({ platform: 'discord', channel, message, at: now() });
        answer(500, 'the interaction could not be answered');
      }
    });
  };
}

interface AnswerSettings {
  sitroom: Sitroom;
  rest: REST;
  applicationId: string;
  deferAfterMs: number;
  developmentGuildId?: string;
}

async function answerInteraction(interaction: APIInteraction, settings: AnswerSettings, answer: Answer): Promise<void> {
  const { sitroom, developmentGuildId } = settings;
  switch (interaction.type) {
    case InteractionType.Ping:
      return answer(200, { type: InteractionResponseType.Pong });
    case InteractionType.ApplicationCommandAutocomplete: {
      const focused = focusedOption(interaction.data.options);
      return answer(200, { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: focused ? autocompleteChoices(sitroom, interaction.data.name, focused) : [] } });
    }
    case InteractionType.ApplicationCommand: {
      const options = 'options' in interaction.data ? interaction.data.options ?? [] : [];
      return answerWith(askCommand(sitroom, interaction.data.name, options, askerOf(interaction), developmentGuildId), interaction.token, settings, answer, false);
    }
    case InteractionType.MessageComponent: {
      const values = 'values' in interaction.data ? interaction.data.values : undefined;
      const asked = askFeedback(sitroom, interaction.data.custom_id, values, askerOf(interaction), developmentGuildId);
      // Not sitroom's feedback: acknowledged, and the message is left as it is.
      if (!asked) return answer(200, { type: InteractionResponseType.DeferredMessageUpdate });
      return answerWith(asked, interaction.token, settings, answer, true);
    }
    default:
      return answer(400, `interactions of type ${interaction.type} are not answered here`);
  }
}

/** The first message in the HTTP response when it is ready in time and carries no file; otherwise a deferral, then the message by the webhook. */
async function answerWith(asked: Promise<Reply>, token: string, settings: AnswerSettings, answer: Answer, privately: boolean): Promise<void> {
  const flagsOf = (reply: Reply): MessageFlags | undefined => (privately ? MessageFlags.Ephemeral : visibilityFlags(reply));
  const pending = asked.then(async (reply) => ({ flags: flagsOf(reply), messages: await renderDiscordMessages(reply) }));
  const quick = await within(pending, settings.deferAfterMs);
  const inResponse = quick?.messages[0] && quick.messages[0].files.length === 0 ? quick.messages[0] : undefined;
  if (inResponse) answer(200, { type: InteractionResponseType.ChannelMessageWithSource, data: apiMessage(inResponse, quick!.flags).body });
  // Most answers are private queries; a channel answer that was slow stays private in its first message.
  else answer(200, { type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: quick ? quick.flags : MessageFlags.Ephemeral } });
  const { flags, messages } = quick ?? (await pending);
  const [first, ...rest] = messages;
  const { rest: client, applicationId } = settings;
  if (first && !inResponse) await client.patch(Routes.webhookMessage(applicationId, token, '@original'), { ...apiMessage(first), auth: false });
  for (const message of rest) await client.post(Routes.webhook(applicationId, token), { ...apiMessage(message, flags), auth: false });
}

function askerOf(interaction: APIInteraction): DiscordAsker {
  const user = interaction.member?.user ?? interaction.user;
  return {
    userId: user?.id ?? '',
    userName: user?.global_name ?? user?.username ?? '',
    guildId: interaction.guild_id ?? null,
    channelId: interaction.channel?.id ?? interaction.channel_id ?? '',
    permissions: interaction.member ? new PermissionsBitField(BigInt(interaction.member.permissions)) : null,
    roleIds: interaction.member?.roles ?? [],
  };
}

/** The option being typed, at the top level or inside a subcommand. */
function focusedOption(options: readonly APIApplicationCommandInteractionDataOption[] | undefined): { name: string; value: unknown } | undefined {
  for (const option of options ?? []) {
    if ('focused' in option && option.focused) return { name: option.name, value: option.value };
    if ('options' in option) {
      const inner = focusedOption(option.options as APIApplicationCommandInteractionDataOption[] | undefined);
      if (inner) return inner;
    }
  }
  return undefined;
}

/** The raw body, as signed; undefined when it is over the limit. */
function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => resolve(size <= MAX_BODY_BYTES ? Buffer.concat(chunks) : undefined));
    request.on('error', reject);
  });
}
