// Whether a Discord member may use admin commands: Discord hides those commands from others by
// default_member_permissions, but a server can override that, so the config decides again here.
import { PermissionFlagsBits, type PermissionsBitField } from 'discord.js';
import type { SitroomConfig } from '../../config/schema.js';

export interface DiscordMember {
  userId: string;
  /** The server the command was used in; null in a direct message. */
  guildId: string | null;
  /** The member's permissions in the channel, as Discord sent them with the interaction. */
  permissions: Readonly<PermissionsBitField> | null;
  roleIds: readonly string[];
}

/**
 * adminGuildIds: the servers whose Manage Server and roles count (admins.discordGuilds and
 * DISCORD_GUILD_ID). With global commands the bot can be in servers the operator does not run; their
 * managers must not edit the one setup every server shares.
 */
export function isDiscordAdmin(member: DiscordMember, admins: SitroomConfig['admins'], adminGuildIds: ReadonlySet<string>): boolean {
  // Admin commands are for server channels, where a change is seen by the team; a direct message is read-only.
  if (member.guildId === null) return false;
  if (admins.users.includes(`discord:${member.userId}`)) return true;
  if (!adminGuildIds.has(member.guildId)) return false;
  if (admins.discordManageServer && member.permissions?.has(PermissionFlagsBits.ManageGuild)) return true;
  return member.roleIds.some((roleId) => admins.discordRoles.includes(roleId));
}
