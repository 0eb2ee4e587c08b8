// A rendered Discord message as the REST API takes it: the JSON body, its files as attachments,
// and no mentions whatever the text says.
import type { MessageFlags } from 'discord.js';
import type { DiscordMessage } from './render-discord-messages.js';

export interface ApiMessage {
  body: Record<string, unknown>;
  files: { name: string; data: Buffer }[];
}

export function apiMessage(message: DiscordMessage, flags?: MessageFlags): ApiMessage {
  return {
    body: {
      embeds: message.embeds,
      components: message.components,
      allowed_mentions: { parse: [] },
      attachments: message.files.map((file, id) => ({ id, filename: file.name })),
      ...(flags === undefined ? {} : { flags }),
    },
    files: message.files.map((file) => ({ name: file.name, data: file.data })),
  };
}
