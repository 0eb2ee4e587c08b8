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

/** "/who yuri ushakov" → { command: "who", rawArgs: "yuri ushakov" } */
export function parseCommandLine(line: string): { command: string; rawArgs: string } {
  const match = /^\s*\/?(\S+)\s*([\s\S]*)$/.exec(line);
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
  if (!command) {
    const suggestion = closestName(name, commands.map((candidate) => candidate.name));
    return errorReply(`Unknown command /${name}.`, suggestion ? `Did you mean /${suggestion}? Type /help for the list.` : 'Type /help for the list.');
  }
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
  return reply('sitroom commands', [
    { kind: 'list', items: commands.map((candidate) => ({ text: `/${candidate.name}`, detail: `${candidate.description}${candidate.adminOnly ? ' (admins)' : ''}` })) },
    { kind: 'context', text: 'Type /help COMMAND for its usage.' },
  ]);
}

function closestName(name: string, names: string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const candidate of names) {
    const limit = Math.max(2, Math.floor(candidate.length / 3));
    const distance = editDistance(name, candidate, limit);
    if (distance <= limit && (!best || distance < best.distance)) best = { name: candidate, distance };
  }
  return best?.name;
}
