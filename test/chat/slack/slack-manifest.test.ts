// The Slack app manifest an admin pastes declares exactly sitroom's commands, each with the
// description /help gives, and the scopes the adapter's Web API calls need.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { COMMANDS } from '../../../src/commands/registry.js';
import { subscribeCommand } from '../../../src/commands/subscribe.js';

interface Manifest {
  features: { slash_commands: { command: string; description: string; url: string; usage_hint?: string }[] };
  oauth_config: { scopes: { bot: string[] } };
  settings: { interactivity: { is_enabled: boolean; request_url: string }; event_subscriptions: { request_url: string } };
}

const manifest = parse(readFileSync('config/slack-manifest.yaml', 'utf8')) as Manifest;

describe('config/slack-manifest.yaml', () => {
  it('declares /sitroom, /help and one short command for every registered command, described as /help describes it', () => {
    const declared = manifest.features.slash_commands;
    expect(declared.map((command) => command.command).sort()).toEqual(['/sitroom', '/help', ...COMMANDS.map((command) => `/${command.name}`)].sort());
    for (const command of COMMANDS) expect(declared.find((entry) => entry.command === `/${command.name}`)?.description).toBe(command.description);
  });

  it('hints at every alert level /subscribe takes, as its usage does', () => {
    const hint = manifest.features.slash_commands.find((entry) => entry.command === '/subscribe')?.usage_hint;
    expect(subscribeCommand.usage).toContain('alerts [urgent | notable | routine]');
    expect(hint).toContain('alerts [urgent | notable | routine]');
  });

  it('names every command in the hint of /sitroom, and every subcommand and choice of a usage in its command\'s hint', () => {
    const hintOf = (command: string): string => manifest.features.slash_commands.find((entry) => entry.command === command)?.usage_hint ?? '';
    for (const command of COMMANDS) expect(hintOf('/sitroom'), command.name).toMatch(new RegExp(`(^|[[ ])${command.name}( |$|])`));
    for (const command of COMMANDS) {
      // A lowercase word after "/name " or "| " is one a user types as written: a subcommand or a choice.
      const words = [...command.usage.matchAll(new RegExp(`(?:/${command.name} |\\| )([a-z][a-z-]*)`, 'g'))].map((match) => match[1]!);
      for (const word of words) expect(hintOf(`/${command.name}`), `/${command.name} ${word}`).toMatch(new RegExp(`\\b${word}\\b`));
    }
  });

  it('sends commands, button clicks and events to the one endpoint Bolt listens on, with the scopes the adapter uses', () => {
    const urls = [...manifest.features.slash_commands.map((command) => command.url), manifest.settings.interactivity.request_url, manifest.settings.event_subscriptions.request_url];
    expect(new Set(urls.map((url) => new URL(url).pathname))).toEqual(new Set(['/slack/events']));
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['commands', 'chat:write', 'users:read', 'channels:history', 'groups:history', 'files:write']));
  });
});
