// What went wrong talking to Discord, in words for /status, and whether trying again can help.
import { DiscordAPIError, DiscordjsError, DiscordjsErrorCodes, RESTJSONErrorCodes } from 'discord.js';

export interface DiscordProblem {
  message: string;
  /** Retrying cannot help: the channel is gone, the bot was removed, the token revoked. */
  permanent: boolean;
}

const KNOWN_CODES: Partial<Record<number, string>> = {
  [RESTJSONErrorCodes.MissingAccess]: 'the bot has no access to this channel (invite it, or allow it View Channel and Send Messages)',
  [RESTJSONErrorCodes.MissingPermissions]: 'the bot lacks a permission in this channel (Send Messages, Embed Links, Attach Files)',
  [RESTJSONErrorCodes.UnknownChannel]: 'the channel does not exist (deleted?)',
  [RESTJSONErrorCodes.UnknownInteraction]: 'the command was answered too late (Discord allows 3 s before deferring)',
};

export function describeDiscordError(error: unknown): DiscordProblem {
  if (error instanceof DiscordAPIError) {
    const known = KNOWN_CODES[Number(error.code)];
    if (known) return { message: known, permanent: true };
    if (error.status === 401) return invalidToken();
    return { message: `Discord refused the request (${error.status} ${error.message})`, permanent: error.status >= 400 && error.status < 500 && error.status !== 429 };
  }
  if (error instanceof DiscordjsError && error.code === DiscordjsErrorCodes.TokenInvalid) return invalidToken();
  return { message: `Discord could not be reached: ${(error as Error).message ?? String(error)}`, permanent: false };
}

function invalidToken(): DiscordProblem {
  return { message: 'Discord rejected the bot token (DISCORD_TOKEN is wrong or was reset)', permanent: true };
}
