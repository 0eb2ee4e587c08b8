// The HTTP agent discord.js's REST client sends with: one from the undici release @discordjs/rest
// was built on. Without one it takes the process-wide dispatcher, which undici 7 (our feed fetch,
// Slack's Socket Mode client) installs when it loads first; undici 6 cannot drive a 7 agent, and
// every post with a file (a chart) fails with "action is not a function".
import { createRequire } from 'node:module';
import type { RESTOptions } from 'discord.js';

interface DiscordUndici {
  Agent: new () => NonNullable<RESTOptions['agent']>;
}

export function createDiscordRestAgent(): NonNullable<RESTOptions['agent']> {
  // Resolved from discord.js's @discordjs/rest and that package's folder: the undici it depends on, not ours.
  const fromDiscordRest = createRequire(createRequire(import.meta.resolve('discord.js')).resolve('@discordjs/rest'));
  return new (fromDiscordRest('undici') as DiscordUndici).Agent();
}
