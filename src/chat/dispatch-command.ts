// The one place a chat request becomes a Reply, for every adapter: command lookup, /help,
// admin checks, user errors and unexpected failures are handled here and nowhere else.
import { editDistance } from '../analysis/edit-distance.js';
import type { ChatUser, Command, SitroomServices } from '../commands/command.js';
import { requireAdmin, UserError } from '../commands/command.js';
import { COMMANDS } from '../commands/registry.js';
import { ConfigError } from '../config/load-config.js';
import type { CommandOutcome } from '../observability/sitroom-metrics.js';
import { errorReply, reply, type Reply } from './reply.js';

export interface CommandRequest {
  /** The command name without its slash ("who"), or "sitroom" for the umbrella form. */
  command: string;
  rawArgs: string;
  user: ChatUser;
  channel: string;
  isAdmin: boolean;
}

const UMBRELLA = 'sitroom';

/** "/who yuri ushakov" → { command: "who", rawArgs: "yuri ushakov" }; "/" alone → { command: "" } (help). */
export function parseCommandLine(line: string): { command: string; rawArgs: string } {
  const match = /^\s*\/*(\S*)\s*([\s\S]*)$/.exec(line);
  return { command: (match?.[1] ?? '').toLowerCase(), rawArgs: (match?.[2] ?? '').trim() };
}

/** Splits on spaces, keeping "double" or “curly” quoted text as one argument. */
export function splitArguments(rawArgs: string): string[] {
  return [...rawArgs.matchAll(/"([^"]*)"|“([^”]*)”|(\S+)/g)].map((match) => match[1] ?? match[2] ?? match[3] ?? '');
}

export async function dispatchCommand(request: CommandRequest, services: SitroomServices, commands: readonly Command[] = COMMANDS): Promise<Reply> {
  let { command: name, rawArgs } = request;
  if (name === UMBRELLA) ({ command: name, rawArgs } = parseCommandLine(rawArgs || 'help'));
  if (name === 'help' || name === '') return helpReply(commands, rawArgs);

  const command = commands.find((candidate) => candidate.name === name);
  if (!command) return errorReply(`Unknown command /${name}.`, suggestCommands(name, commands));
  const startedAt = services.now();
  let outcome: CommandOutcome = 'answered';
  try {
    if (command.adminOnly) requireAdmin(request, `use /${command.name}`);
    return await command.run({ services, args: splitArguments(rawArgs), rawArgs, user: request.user, channel: request.channel, isAdmin: request.isAdmin });
  } catch (error) {
    outcome = error instanceof UserError || error instanceof ConfigError ? 'user_error' : 'failed';
    if (error instanceof UserError) return errorReply(error.message, error.hint);
    if (error instanceof ConfigError) return errorReply(`Not changed: ${error.problems.map((problem) => problem.replace(/^the change: /, '')).join('; ')}.`);
    services.log.error({ command: command.name, channel: request.channel, user: request.user.id, err: error }, 'command failed');
    return errorReply(`Something went wrong running /${command.name}. It has been logged; please try again.`);
  } finally {
    const ms = services.now() - startedAt;
    services.metrics.commandAnswered(command.name, outcome, ms / 1000);
    services.log.debug({ command: command.name, channel: request.channel, ms }, 'command answered');
  }
}

function helpReply(commands: readonly Command[], rawArgs: string): Reply {
  const wanted = parseCommandLine(rawArgs).command;
  const command = commands.find((candidate) => candidate.name === wanted);
  if (command) return reply(`/${command.name}`, [{ kind: 'text', text: command.description }, { kind: 'context', text: `Usage: ${command.usage}` }]);
  if (wanted !== '' && wanted !== 'help') return errorReply(`There is no command /${wanted}.`, suggestCommands(wanted, commands));
  return reply('sitroom commands', [
    { kind: 'list', items: commands.map((candidate) => ({ text: `/${candidate.name}`, detail: `${candidate.description}${candidate.adminOnly ? ' (admins)' : ''}` })) },
    { kind: 'context', text: 'Type /help COMMAND for its usage.' },
  ]);
}

/** "Did you mean /who or /why?": every command as close as the closest one, within a few edits. */
function suggestCommands(name: string, commands: readonly Command[]): string {
  const scored = commands.map((candidate) => {
    const limit = Math.max(2, Math.floor(candidate.name.length / 3));
    return { name: candidate.name, distance: editDistance(name, candidate.name, limit), limit };
  });
  const close = scored.filter((candidate) => candidate.distance <= candidate.limit);
  const best = Math.min(...close.map((candidate) => candidate.distance));
  const names = close.filter((candidate) => candidate.distance === best).map((candidate) => `/${candidate.name}`);
  if (names.length === 0) return 'Type /help for the list.';
  const listed = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
  return `Did you mean ${listed}? Type /help for the list.`;
}
