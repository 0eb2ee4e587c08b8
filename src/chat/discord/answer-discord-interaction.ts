// One slash command, autocomplete request or feedback click from Discord, answered through the core:
// options become the command line sitroom.ask reads, the Reply becomes embeds, deferred when the
// answer is slow. The gateway's interactions are answered here; the asking is shared with the HTTP
// endpoint (answer-http-interaction.ts).
import {
  MessageFlags,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type Interaction,
  type StringSelectMenuInteraction,
  type ChatInputCommandInteraction,
  type GuildMember,
  type APIInteractionGuildMember,
  type InteractionReplyOptions,
  type PermissionsBitField,
} from 'discord.js';
import type { Sitroom } from '../../app.js';
import type { Command } from '../../commands/command.js';
import { COMMANDS } from '../../commands/registry.js';
import { feedbackCommandLine } from '../feedback-buttons.js';
import { errorReply, type Reply } from '../reply.js';
import { commandArguments, discordCommandShape, HELP_COMMAND, type InvokedOption } from './discord-command-definitions.js';
import { isDiscordAdmin } from './is-discord-admin.js';
import { fitText, renderDiscordMessages, type DiscordMessage } from './render-discord-messages.js';

/** Discord's limit on autocomplete choices, and on a choice's name and value. */
const CHOICES_MAX = 25;
const CHOICE_LENGTH_MAX = 100;

export interface InteractionSettings {
  /** Defer an answer not ready by then. */
  deferAfterMs: number;
  /** The server the commands are registered in for development (DISCORD_GUILD_ID), if any. */
  developmentGuildId?: string;
}

/** Who asked, and where: what the gateway's discord.js interactions and the HTTP endpoint's raw payloads both carry. */
export interface DiscordAsker {
  userId: string;
  userName: string;
  /** Null in a direct message. */
  guildId: string | null;
  channelId: string;
  permissions: Readonly<PermissionsBitField> | null;
  roleIds: readonly string[];
}

export async function answerCommandInteraction(interaction: ChatInputCommandInteraction, sitroom: Sitroom, settings: InteractionSettings): Promise<void> {
  // Drawing a chart is part of the answer's time: the first reply must come within Discord's 3 seconds.
  const pending = askCommand(sitroom, interaction.commandName, interaction.options.data, askerOf(interaction), settings.developmentGuildId).then(async (answer) => ({ answer, messages: await renderDiscordMessages(answer) }));
  const quick = await within(pending, settings.deferAfterMs);
  if (quick) {
    const [first, ...rest] = quick.messages;
    await interaction.reply({ ...messageOptions(first!), flags: visibilityFlags(quick.answer) });
    for (const message of rest) await interaction.followUp({ ...messageOptions(message), flags: visibilityFlags(quick.answer) });
    return;
  }
  // Most answers are private queries; a channel answer that was slow stays private in its first message.
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const { answer, messages } = await pending;
  const [first, ...rest] = messages;
  await interaction.editReply(messageOptions(first!));
  for (const message of rest) await interaction.followUp({ ...messageOptions(message), flags: visibilityFlags(answer) });
}

/** Known entity names for `/who name:` and `/timeline about:` while the user types. */
export async function answerAutocomplete(interaction: AutocompleteInteraction, sitroom: Sitroom): Promise<void> {
  const focused = interaction.options.getFocused(true);
  return interaction.respond(autocompleteChoices(sitroom, interaction.commandName, focused));
}

export function autocompleteChoices(sitroom: Sitroom, commandName: string, focused: { name: string; value: unknown }): { name: string; value: string }[] {
  const command = findCommand(commandName);
  const option = command && discordCommandShape(command).options?.find((candidate) => candidate.name === focused.name);
  const typed = String(focused.value).trim();
  if (!option?.autocompleteEntities || typed === '') return [];
  const answer = sitroom.services.knowledge().who(typed, CHOICES_MAX);
  const names = answer.matches.length > 0 ? answer.matches.map((entity) => entity.canonicalName) : answer.suggestions;
  const unique = [...new Set(names)].slice(0, CHOICES_MAX).map((name) => fitText(name, CHOICE_LENGTH_MAX));
  return unique.map((name) => ({ name, value: name }));
}

/** The answer to a slash command with these options. */
export function askCommand(sitroom: Sitroom, commandName: string, options: readonly InvokedOption[], asker: DiscordAsker, developmentGuildId: string | undefined): Promise<Reply> {
  const command = findCommand(commandName);
  // A command Discord still lists but sitroom no longer has: the dispatcher answers it as unknown.
  let rawArgs = '';
  if (command) {
    const translated = commandArguments(command, options);
    if ('unknownOption' in translated) {
      return Promise.resolve(errorReply(`/${command.name} has no option "${translated.unknownOption}".`, `Usage: ${command.usage}`));
    }
    rawArgs = translated.rawArgs;
  }
  return askAsMember(asker, sitroom, `/${commandName} ${rawArgs}`, developmentGuildId);
}

/** A click on a feedback button or a pick from a feedback menu, answered to the one who clicked only. */
export async function answerFeedbackClick(interaction: ButtonInteraction | StringSelectMenuInteraction, sitroom: Sitroom, developmentGuildId: string | undefined): Promise<void> {
  const answer = askFeedback(sitroom, interaction.customId, interaction.isStringSelectMenu() ? interaction.values : undefined, askerOf(interaction), developmentGuildId);
  if (!answer) return;
  await interaction.reply({ ...messageOptions((await renderDiscordMessages(await answer))[0]!), flags: MessageFlags.Ephemeral });
}

/** The answer to a feedback click; undefined for a component that is not sitroom's feedback. */
export function askFeedback(sitroom: Sitroom, customId: string, menuValues: readonly string[] | undefined, asker: DiscordAsker, developmentGuildId: string | undefined): Promise<Reply> | undefined {
  // Buttons carry "sitroom_feedback:MARK:ITEM", menus "sitroom_feedback:MARK" and the item as the value picked.
  const [prefix, mark, itemId] = customId.split(':');
  const line = feedbackCommandLine(`${prefix}:${mark}`, menuValues ? menuValues[0] ?? '' : itemId ?? '');
  return line ? askAsMember(asker, sitroom, line, developmentGuildId) : undefined;
}

function askAsMember(asker: DiscordAsker, sitroom: Sitroom, line: string, developmentGuildId: string | undefined): Promise<Reply> {
  const admins = sitroom.services.config().admins;
  const adminGuildIds = new Set([...admins.discordGuilds, ...(developmentGuildId ? [developmentGuildId] : [])]);
  const isAdmin = isDiscordAdmin({ userId: asker.userId, guildId: asker.guildId, permissions: asker.permissions, roleIds: asker.roleIds }, admins, adminGuildIds);
  const user = { id: `discord:${asker.userId}`, name: asker.userName };
  return sitroom.ask(line, user, { channel: `discord:${asker.channelId}`, isAdmin });
}

function askerOf(interaction: Interaction): DiscordAsker {
  return {
    userId: interaction.user.id,
    userName: interaction.user.globalName ?? interaction.user.username,
    guildId: interaction.guildId,
    channelId: interaction.channelId ?? '',
    permissions: interaction.memberPermissions,
    roleIds: memberRoleIds(interaction.member),
  };
}

/** The work's result if it finishes within ms; undefined if it is still running then. */
export async function within<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const result = await Promise.race([work, new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)))]);
  clearTimeout(timer);
  return result;
}

function findCommand(name: string): Pick<Command, 'name' | 'usage'> | undefined {
  return name === HELP_COMMAND.name ? HELP_COMMAND : COMMANDS.find((command) => command.name === name);
}

/** A cached member has a role manager, an uncached one the raw list of role ids. */
function memberRoleIds(member: GuildMember | APIInteractionGuildMember | null): readonly string[] {
  if (!member) return [];
  return Array.isArray(member.roles) ? member.roles : [...(member as GuildMember).roles.cache.keys()];
}

export function visibilityFlags(answer: Reply): MessageFlags.Ephemeral | undefined {
  return answer.visibility === 'private' ? MessageFlags.Ephemeral : undefined;
}

/** Everything the bot sends mentions no one, whatever the text says. */
export function messageOptions(message: DiscordMessage): Pick<InteractionReplyOptions, 'embeds' | 'files' | 'allowedMentions' | 'components'> {
  return { embeds: message.embeds, files: message.files.map((file) => ({ attachment: file.data, name: file.name })), components: message.components, allowedMentions: { parse: [] } };
}
