// One slash command or autocomplete request from Discord, answered through the core: options become
// the command line sitroom.ask reads, the Reply becomes embeds, deferred when the answer is slow.
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
} from 'discord.js';
import type { Sitroom } from '../../app.js';
import type { Command } from '../../commands/command.js';
import { COMMANDS } from '../../commands/registry.js';
import { feedbackCommandLine } from '../feedback-buttons.js';
import { errorReply, type Reply } from '../reply.js';
import { commandArguments, discordCommandShape, HELP_COMMAND } from './discord-command-definitions.js';
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

export async function answerCommandInteraction(interaction: ChatInputCommandInteraction, sitroom: Sitroom, settings: InteractionSettings): Promise<void> {
  const { deferAfterMs } = settings;
  // Drawing a chart is part of the answer's time: the first reply must come within Discord's 3 seconds.
  const pending = askSitroom(interaction, sitroom, settings.developmentGuildId).then(async (answer) => ({ answer, messages: await renderDiscordMessages(answer) }));
  let timer: NodeJS.Timeout | undefined;
  const quick = await Promise.race([pending, new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), deferAfterMs)))]);
  clearTimeout(timer);
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
  const command = findCommand(interaction.commandName);
  const option = command && discordCommandShape(command).options?.find((candidate) => candidate.name === focused.name);
  const typed = String(focused.value).trim();
  if (!option?.autocompleteEntities || typed === '') return interaction.respond([]);
  const answer = sitroom.services.knowledge().who(typed, CHOICES_MAX);
  const names = answer.matches.length > 0 ? answer.matches.map((entity) => entity.canonicalName) : answer.suggestions;
  const unique = [...new Set(names)].slice(0, CHOICES_MAX).map((name) => fitText(name, CHOICE_LENGTH_MAX));
  return interaction.respond(unique.map((name) => ({ name, value: name })));
}

function askSitroom(interaction: ChatInputCommandInteraction, sitroom: Sitroom, developmentGuildId: string | undefined): Promise<Reply> {
  const command = findCommand(interaction.commandName);
  // A command Discord still lists but sitroom no longer has: the dispatcher answers it as unknown.
  let rawArgs = '';
  if (command) {
    const translated = commandArguments(command, interaction.options.data);
    if ('unknownOption' in translated) {
      return Promise.resolve(errorReply(`/${command.name} has no option "${translated.unknownOption}".`, `Usage: ${command.usage}`));
    }
    rawArgs = translated.rawArgs;
  }
  return askAsMember(interaction, sitroom, `/${interaction.commandName} ${rawArgs}`, developmentGuildId);
}

/** A click on a feedback button or a pick from a feedback menu, answered to the one who clicked only. */
export async function answerFeedbackClick(interaction: ButtonInteraction | StringSelectMenuInteraction, sitroom: Sitroom, developmentGuildId: string | undefined): Promise<void> {
  // Buttons carry "sitroom_feedback:MARK:ITEM", menus "sitroom_feedback:MARK" and the item as the value picked.
  const [prefix, mark, itemId] = interaction.customId.split(':');
  const line = feedbackCommandLine(`${prefix}:${mark}`, interaction.isStringSelectMenu() ? interaction.values[0] ?? '' : itemId ?? '');
  if (!line) return;
  const answer = await askAsMember(interaction, sitroom, line, developmentGuildId);
  await interaction.reply({ ...messageOptions((await renderDiscordMessages(answer))[0]!), flags: MessageFlags.Ephemeral });
}

function askAsMember(interaction: Interaction, sitroom: Sitroom, line: string, developmentGuildId: string | undefined): Promise<Reply> {
  const admins = sitroom.services.config().admins;
  const adminGuildIds = new Set([...admins.discordGuilds, ...(developmentGuildId ? [developmentGuildId] : [])]);
  const member = { userId: interaction.user.id, guildId: interaction.guildId, permissions: interaction.memberPermissions, roleIds: memberRoleIds(interaction.member) };
  const isAdmin = isDiscordAdmin(member, admins, adminGuildIds);
  const user = { id: `discord:${interaction.user.id}`, name: interaction.user.globalName ?? interaction.user.username };
  return sitroom.ask(line, user, { channel: `discord:${interaction.channelId}`, isAdmin });
}

function findCommand(name: string): Pick<Command, 'name' | 'usage'> | undefined {
  return name === HELP_COMMAND.name ? HELP_COMMAND : COMMANDS.find((command) => command.name === name);
}

/** A cached member has a role manager, an uncached one the raw list of role ids. */
function memberRoleIds(member: GuildMember | APIInteractionGuildMember | null): readonly string[] {
  if (!member) return [];
  return Array.isArray(member.roles) ? member.roles : [...(member as GuildMember).roles.cache.keys()];
}

function visibilityFlags(answer: Reply): MessageFlags.Ephemeral | undefined {
  return answer.visibility === 'private' ? MessageFlags.Ephemeral : undefined;
}

/** Everything the bot sends mentions no one, whatever the text says. */
export function messageOptions(message: DiscordMessage): Pick<InteractionReplyOptions, 'embeds' | 'files' | 'allowedMentions' | 'components'> {
  return { embeds: message.embeds, files: message.files.map((file) => ({ attachment: file.data, name: file.name })), components: message.components, allowedMentions: { parse: [] } };
}
