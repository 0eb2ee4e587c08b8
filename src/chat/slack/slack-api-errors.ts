// What a failed Slack Web API call means for sitroom: a message for the log and /status, and whether
// trying again later can help (a missing channel or a revoked token will not fix itself).
import { ChatDeliveryError } from '../chat-adapter.js';

/** Slack error codes that no retry will cure. */
const PERMANENT_ERRORS = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'restricted_action',
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'token_expired',
  'account_inactive',
  'missing_scope',
  'invalid_blocks',
  'msg_too_long',
  'msg_blocks_too_long',
]);

const EXPLANATIONS: Record<string, string> = {
  channel_not_found: 'channel not found (deleted, or private and the bot was never added)',
  not_in_channel: 'the bot is not a member of this channel: /invite @sitroom there',
  invalid_auth: 'the bot token is invalid: check SLACK_BOT_TOKEN',
  token_revoked: 'the bot token was revoked: reinstall the app and update SLACK_BOT_TOKEN',
  missing_scope: 'the app lacks a scope it needs: reinstall it from config/slack-manifest.yaml',
  ratelimited: 'rate limited by Slack',
};

interface SlackErrorShape {
  code?: string;
  data?: { error?: string; response_metadata?: { messages?: string[] } };
  retryAfter?: number;
  statusCode?: number;
  message?: string;
}

/** Turns whatever @slack/web-api or a response_url threw into a ChatDeliveryError. */
export function toChatDeliveryError(error: unknown): ChatDeliveryError {
  const shape = (typeof error === 'object' && error !== null ? error : {}) as SlackErrorShape;
  const slackCode = shape.data?.error ?? (shape.code === 'slack_webapi_rate_limited_error' || /rate limit/i.test(shape.message ?? '') ? 'ratelimited' : undefined);
  if (slackCode) {
    const detail = shape.data?.response_metadata?.messages?.join('; ');
    const explained = EXPLANATIONS[slackCode] ? `${slackCode}: ${EXPLANATIONS[slackCode]}` : slackCode;
    return new ChatDeliveryError(detail ? `${explained} (${detail})` : explained, PERMANENT_ERRORS.has(slackCode), shape.retryAfter !== undefined ? shape.retryAfter * 1000 : undefined);
  }
  // A response_url that expired (404) or was used too often (410) is also past help.
  const permanent = shape.statusCode === 404 || shape.statusCode === 410;
  return new ChatDeliveryError(shape.message ?? String(error), permanent);
}
