// Whether a Discord member may use admin commands: Discord hides those commands from others by
// default_member_permissions, but a server can override that, so the config decides again here.
import { PermissionFlagsBits, type PermissionsBitField } from 'discord.js';
import type { SitroomConfig } from '../../config/schema.js';

export interface DiscordMember {
  userId: string;
  /** The member's permissions in the channel, as Discord sent them with the interaction. */
  permissions: Readonly<PermissionsBitField> | null;
  roleIds: readonly string[];
}

export function isDiscordAdmin(member: DiscordMember, admins: SitroomConfig['admins']): boolean {
  if (admins.users.includes(`discord:${member.userId}`)) return true;
  if (admins.discordManageServer && member.permissions?.has(PermissionFlagsBits.ManageGuild)) return true;
  return member.roleIds.some((roleId) => admins.discordRoles.includes(roleId));
}
