// Registers the application commands with one bulk overwrite, globally or in one guild (instant,
// for development). At start it is skipped when the definitions are the ones registered last time.
import { createHash } from 'node:crypto';
import { REST, Routes } from 'discord.js';
import type { Command } from '../../commands/command.js';
import type { BotStateStore } from '../../store/bot-state-store.js';
import { discordCommandDefinitions } from './discord-command-definitions.js';

export interface CommandRegistration {
  rest: REST;
  applicationId: string;
  guildId?: string;
  botState: BotStateStore;
  commands: readonly Command[];
}

/** Overwrites the registered commands; returns how many were registered. */
export async function registerDiscordCommands(registration: CommandRegistration): Promise<number> {
  const definitions = discordCommandDefinitions(registration.commands, registration.guildId ? 'guild' : 'global');
  const route = registration.guildId ? Routes.applicationGuildCommands(registration.applicationId, registration.guildId) : Routes.applicationCommands(registration.applicationId);
  await registration.rest.put(route, { body: definitions });
  await registration.botState.set(stateKey(registration), definitionsHash(definitions));
  return definitions.length;
}

/** Registers only when the definitions differ from the last registered ones; true when it did. */
export async function registerDiscordCommandsIfChanged(registration: CommandRegistration): Promise<boolean> {
  const hash = definitionsHash(discordCommandDefinitions(registration.commands, registration.guildId ? 'guild' : 'global'));
  if ((await registration.botState.get(stateKey(registration))) === hash) return false;
  await registerDiscordCommands(registration);
  return true;
}

function stateKey(registration: CommandRegistration): string {
  return `discord.commands.${registration.applicationId}.${registration.guildId ?? 'global'}`;
}

function definitionsHash(definitions: unknown): string {
  return createHash('sha256').update(JSON.stringify(definitions)).digest('hex');
}

/** `sitroom discord register`: a REST client of its own, since no gateway connection is needed. */
export function registerDiscordCommandsWithToken(options: { token: string; apiUrl?: string } & Omit<CommandRegistration, 'rest'>): Promise<number> {
  const rest = new REST(options.apiUrl ? { api: options.apiUrl } : {}).setToken(options.token);
  return registerDiscordCommands({ ...options, rest });
}
