// The core's commands as Discord application commands (typed options, autocomplete), and the way
// back: an invoked command's options as the command line the core reads ("/timeline about X since Y").
import { ApplicationCommandOptionType, InteractionContextType, PermissionFlagsBits, type APIApplicationCommandBasicOption, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { Command } from '../../commands/command.js';
import { FEEDBACK_MARKS } from '../../store/feedback-store.js';
import { fitText } from './render-discord-messages.js';

/**
 * How a value goes back into the line: as one argument ("/who ushakov"), as the words typed (several
 * arguments: "kyiv kiev \"martial law\""), after its name ("since 2022-01"), or for a true boolean its
 * name as a word ("skip_quiet" → "skip-quiet").
 */
type OptionForm = 'value' | 'words' | 'named' | 'flag';

export interface SitroomOption {
  name: string;
  description: string;
  type: 'string' | 'integer' | 'boolean';
  form: OptionForm;
  required?: boolean;
  choices?: readonly string[];
  /** Suggest known entity names while the user types. */
  autocompleteEntities?: boolean;
}

interface CommandShape {
  options?: SitroomOption[];
  subcommands?: { name: string; description: string; options: SitroomOption[] }[];
}

const dateOption = (name: string, description: string): SitroomOption => ({ name, description: `${description}: 2022-02-24, 2022-02, 2022, today, 24h or 7d`, type: 'string', form: 'named' });
const text = (name: string, description: string): SitroomOption => ({ name, description, type: 'string', form: 'value', required: true });
const rule = (required = false): SitroomOption => ({ name: 'rule', description: 'A keyword rule name', type: 'string', form: 'value', required });
const lastOption: SitroomOption = { name: 'last', description: 'How many to show', type: 'integer', form: 'named' };
const topicsOption: SitroomOption = { name: 'topics', description: 'Keyword rules this channel wants, e.g. sanctions, diplomacy; or all', type: 'string', form: 'named' };

/** Commands whose arguments Discord can type; any other command takes its arguments as one text option. */
const SHAPES: Record<string, CommandShape> = {
  who: {
    options: [
      { name: 'name', description: 'Any part of a name or alias', type: 'string', form: 'value', required: true, autocompleteEntities: true },
      { name: 'roles', description: 'Every role the sources gave, newest first', type: 'boolean', form: 'flag' },
    ],
  },
  timeline: {
    options: [
      { name: 'about', description: 'A person, place or word the events concern', type: 'string', form: 'named', autocompleteEntities: true },
      dateOption('since', 'From this date'),
      dateOption('until', 'Up to this date'),
      lastOption,
    ],
  },
  search: {
    options: [
      { name: 'words', description: 'Words to look for; "quotes" for a phrase, a trailing * for a beginning', type: 'string', form: 'words', required: true },
      dateOption('since', 'Items since this date'),
      dateOption('until', 'Items up to this date'),
    ],
  },
  news: {
    options: [dateOption('since', 'Stories since this date'), lastOption, { name: 'show', description: 'Which stories', type: 'string', form: 'value', choices: ['new', 'update', 'all'] }],
  },
  why: { options: [{ name: 'item', description: 'The item number shown by /news', type: 'integer', form: 'value', required: true }] },
  help: { options: [{ name: 'command', description: 'A command name, e.g. who', type: 'string', form: 'value' }] },
  digest: { options: [dateOption('since', 'The period start'), { name: 'period', description: 'The period up to now', type: 'string', form: 'value', choices: ['today', '24h', '7d'] }] },
  subscribe: {
    subcommands: [
      {
        name: 'digest',
        description: 'The daily sitrep in this channel',
        options: [
          { name: 'at', description: 'Time of day, 24-hour HH:MM, e.g. 08:00', type: 'string', form: 'value', required: true },
          { name: 'timezone', description: 'An IANA time zone, e.g. Europe/Kyiv', type: 'string', form: 'value', required: true },
          { name: 'skip_quiet', description: 'Skip days with nothing relevant', type: 'boolean', form: 'flag' },
          topicsOption,
        ],
      },
      {
        name: 'alerts',
        description: 'An alert in this channel for each new story',
        options: [{ name: 'level', description: 'The least severe story to alert on', type: 'string', form: 'value', choices: ['urgent', 'notable', 'routine'] }, topicsOption],
      },
    ],
  },
  mark: {
    options: [
      { name: 'item', description: 'The item number shown by /news', type: 'integer', form: 'value', required: true },
      { name: 'mark', description: 'What to tell sitroom', type: 'string', form: 'value', required: true, choices: FEEDBACK_MARKS },
    ],
  },
  feedback: { options: [lastOption] },
  unsubscribe: { options: [{ name: 'what', description: 'What to stop in this channel', type: 'string', form: 'value', required: true, choices: ['digest', 'alerts', 'all'] }] },
  subscriptions: { options: [] },
  status: { options: [] },
  keywords: {
    subcommands: [
      { name: 'list', description: 'The keyword rules, or one rule in detail', options: [rule()] },
      { name: 'test', description: 'Which rules a text would match, and why', options: [{ name: 'text', description: 'The text to test', type: 'string', form: 'value', required: true }] },
      { name: 'weights', description: 'What feedback marks taught the assessment', options: [{ name: 'reset', description: 'Start the weights again from nothing (admins)', type: 'boolean', form: 'flag' }] },
      { name: 'add', description: 'Add terms to a rule (admins)', options: [rule(true), { name: 'terms', description: 'Terms; quote phrases, /regex/ for a pattern', type: 'string', form: 'words', required: true }] },
      { name: 'alias', description: 'Another spelling of a term (admins)', options: [rule(true), text('term', 'The term'), text('alias', 'Its other spelling')] },
      { name: 'exclude', description: 'A phrase that stops a rule matching (admins)', options: [rule(true), text('phrase', 'The phrase')] },
      { name: 'remove', description: 'Remove a rule, or one of its terms (admins)', options: [rule(true), { name: 'term', description: 'Only this term', type: 'string', form: 'value' }] },
    ],
  },
  feeds: {
    subcommands: [
      { name: 'list', description: "The feeds and each one's health", options: [] },
      { name: 'add', description: 'Poll a new feed (admins)', options: [text('url', 'The feed address'), { name: 'name', description: 'What to call it', type: 'string', form: 'value' }] },
      { name: 'remove', description: 'Stop polling a feed (admins)', options: [text('feed', 'Its name or address')] },
      { name: 'pause', description: 'Pause a feed (admins)', options: [text('feed', 'Its name')] },
      { name: 'resume', description: 'Resume a paused feed (admins)', options: [text('feed', 'Its name')] },
      { name: 'test', description: 'Fetch a feed once and show what it holds', options: [text('url', 'The feed address')] },
    ],
  },
  config: {
    subcommands: [
      { name: 'history', description: 'Who changed what, and when', options: [] },
      { name: 'export', description: 'The config as it is now, as YAML', options: [] },
    ],
  },
};

const DESCRIPTION_MAX = 100;

/** /help is answered by the dispatcher, not a registered command, but Discord needs it defined. */
export const HELP_COMMAND: Pick<Command, 'name' | 'description' | 'usage' | 'adminOnly'> = { name: 'help', description: 'What sitroom can do, or how to use one command', usage: '/help [COMMAND]' };

export function discordCommandShape(command: Pick<Command, 'name' | 'usage'>): CommandShape {
  return SHAPES[command.name] ?? { options: [{ name: 'arguments', description: fitDescription(command.usage), type: 'string', form: 'words' }] };
}

/**
 * Global commands are also offered in direct messages with the bot, except admin-only ones: a DM is
 * read-only (see isDiscordAdmin), so the editing subcommands of /keywords and /feeds are refused there.
 * Guild commands exist only in their guild.
 */
export function discordCommandDefinitions(commands: readonly Pick<Command, 'name' | 'description' | 'usage' | 'adminOnly'>[], scope: 'global' | 'guild'): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return [...commands, HELP_COMMAND].map((command): RESTPostAPIChatInputApplicationCommandsJSONBody => {
    const shape = discordCommandShape(command);
    return {
      name: command.name,
      description: fitDescription(command.description),
      ...(scope === 'global' ? { contexts: command.adminOnly ? [InteractionContextType.Guild] : [InteractionContextType.Guild, InteractionContextType.BotDM] } : {}),
      // Hidden from members without Manage Server by default; the adapter checks again when it runs.
      ...(command.adminOnly ? { default_member_permissions: String(PermissionFlagsBits.ManageGuild) } : {}),
      options: shape.subcommands
        ? shape.subcommands.map((subcommand) => ({
            name: subcommand.name,
            description: subcommand.description,
            type: ApplicationCommandOptionType.Subcommand as const,
            options: subcommand.options.map(optionDefinition),
          }))
        : (shape.options ?? []).map(optionDefinition),
    };
  });
}

function optionDefinition(option: SitroomOption): APIApplicationCommandBasicOption {
  const common = { name: option.name, description: option.description, required: option.required ?? false };
  if (option.type === 'integer') return { ...common, type: ApplicationCommandOptionType.Integer, min_value: 1 };
  if (option.type === 'boolean') return { ...common, type: ApplicationCommandOptionType.Boolean };
  if (option.autocompleteEntities) return { ...common, type: ApplicationCommandOptionType.String, autocomplete: true };
  return { ...common, type: ApplicationCommandOptionType.String, ...(option.choices ? { choices: option.choices.map((choice) => ({ name: choice, value: choice })) } : {}) };
}

export interface InvokedOption {
  name: string;
  value?: string | number | boolean;
  options?: readonly InvokedOption[];
}

/**
 * The arguments part of the core command line for an invoked command, or the name of the first
 * option this command does not have (a client with stale definitions can send one).
 */
export function commandArguments(command: Pick<Command, 'name' | 'usage'>, invoked: readonly InvokedOption[]): { rawArgs: string } | { unknownOption: string } {
  const shape = discordCommandShape(command);
  let declared = shape.options ?? [];
  let given = invoked;
  const words: string[] = [];
  if (shape.subcommands) {
    const subcommand = shape.subcommands.find((candidate) => candidate.name === invoked[0]?.name);
    if (!subcommand) return { unknownOption: invoked[0]?.name ?? '(none)' };
    words.push(subcommand.name);
    declared = subcommand.options;
    given = invoked[0]?.options ?? [];
  }
  const unknown = given.find((option) => !declared.some((candidate) => candidate.name === option.name));
  if (unknown) return { unknownOption: unknown.name };
  for (const option of declared) {
    const value = given.find((candidate) => candidate.name === option.name)?.value;
    if (value === undefined || value === '') continue;
    if (option.form === 'named') words.push(option.name, quoted(String(value)));
    else if (option.form === 'flag') words.push(...(value === true ? [option.name.replace(/_/g, '-')] : []));
    else if (option.form === 'words') words.push(String(value));
    else words.push(quoted(String(value)));
  }
  return { rawArgs: words.join(' ') };
}

/** A value of several words stays one argument for the core's parser. */
function quoted(value: string): string {
  return /\s/.test(value) && !value.includes('"') ? `"${value}"` : value;
}

function fitDescription(text: string): string {
  return fitText(text, DESCRIPTION_MAX);
}
