// What the fake Discord sends the bot: the guild it joins and the interactions members trigger, shaped
// as Discord's own payloads so discord.js builds its real objects from them.

export const FAKE_APPLICATION_ID = '900000000000000001';
export const FAKE_BOT_USER_ID = '900000000000000002';
export const FAKE_GUILD_ID = '900000000000000010';
export const FAKE_CHANNEL_ID = '900000000000000020';
/** A role of the fake guild that tests can configure as an admin role. */
export const FAKE_ROLE_ID = '900000000000000030';

export function fakeGuild(): object {
  return {
    id: FAKE_GUILD_ID,
    name: 'Situation room',
    unavailable: false,
    owner_id: '900000000000000099',
    member_count: 3,
    large: false,
    joined_at: '2022-01-01T00:00:00.000Z',
    features: [],
    roles: [
      { id: FAKE_GUILD_ID, name: '@everyone', permissions: '0', position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 },
      { id: FAKE_ROLE_ID, name: 'Analysts', permissions: '0', position: 1, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 },
    ],
    channels: [{ id: FAKE_CHANNEL_ID, type: 0, name: 'crisis', position: 0, permission_overwrites: [], guild_id: FAKE_GUILD_ID }],
    threads: [],
    members: [],
    emojis: [],
    stickers: [],
    presences: [],
    voice_states: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

export interface InteractionInput {
  command: string;
  options?: { name: string; type: number; value?: string | number | boolean; focused?: boolean; options?: unknown[] }[];
  /** 2: a slash command, 4: autocomplete. */
  type?: 2 | 4;
  userId?: string;
  /** The member's permission bits in the channel, as a decimal string. */
  permissions?: string;
  roles?: string[];
  channelId?: string;
  /** The server the command is used in (the fake guild by default); null for a direct message with the bot. */
  guildId?: string | null;
}

let interactionCount = 0;

/** An INTERACTION_CREATE payload as Discord sends it for a guild member or in a DM; its id and token are unique. */
export function interactionPayload(input: InteractionInput): { id: string; token: string; data: object } {
  const id = String(BigInt('910000000000000000') + BigInt(++interactionCount));
  const token = `interaction-token-${interactionCount}`;
  const userId = input.userId ?? '920000000000000001';
  const channelId = input.channelId ?? FAKE_CHANNEL_ID;
  const guildId = input.guildId === undefined ? FAKE_GUILD_ID : input.guildId;
  const user = { id: userId, username: 'analyst', discriminator: '0', global_name: 'Analyst', avatar: null };
  const common = {
    id,
    token,
    application_id: FAKE_APPLICATION_ID,
    type: input.type ?? 2,
    version: 1,
    channel_id: channelId,
    locale: 'en-GB',
    app_permissions: '2147485696',
    entitlements: [],
    data: { id: '930000000000000001', name: input.command, type: 1, options: input.options ?? [] },
  };
  if (guildId === null) {
    // In a DM Discord sends the user, no member, guild or permissions; context 1 is the bot's DM.
    return { id, token, data: { ...common, channel: { id: channelId, type: 1 }, authorizing_integration_owners: { '0': FAKE_GUILD_ID }, context: 1, user } };
  }
  return {
    id,
    token,
    data: {
      ...common,
      guild_id: guildId,
      channel: { id: channelId, type: 0, guild_id: guildId, name: 'crisis' },
      guild_locale: 'en-GB',
      authorizing_integration_owners: { '0': guildId },
      context: 0,
      member: { user, roles: input.roles ?? [], permissions: input.permissions ?? '1024', joined_at: '2022-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0 },
    },
  };
}

/**
 * A click on a message's button (component type 2) or a pick from its menu (3), as Discord sends it:
 * an interaction of type 3 carrying the message it was on.
 */
export function componentInteractionPayload(input: { customId: string; componentType: 2 | 3; values?: string[]; messageId: string; userId?: string }): { id: string; token: string; data: object } {
  const { id, token, data } = interactionPayload({ command: '', userId: input.userId });
  const channelId = FAKE_CHANNEL_ID;
  const message = botMessage({ id: input.messageId, channelId, content: '', embeds: [], flags: 0, timestamp: '2022-01-23T23:10:00.000Z' });
  return { id, token, data: { ...data, type: 3, message, data: { custom_id: input.customId, component_type: input.componentType, ...(input.values ? { values: input.values } : {}) } } };
}

/** A message the bot posted, as Discord gives it back. */
export function botMessage(fields: { id: string; channelId: string; content: string; embeds: unknown[]; flags: number; timestamp: string }): { id: string } & Record<string, unknown> {
  return {
    id: fields.id,
    channel_id: fields.channelId,
    type: 0,
    content: fields.content,
    embeds: fields.embeds,
    attachments: [],
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
    timestamp: fields.timestamp,
    edited_timestamp: null,
    flags: fields.flags,
    components: [],
    author: { id: FAKE_BOT_USER_ID, username: 'sitroom', discriminator: '0', global_name: null, avatar: null, bot: true },
  };
}
