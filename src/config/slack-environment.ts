// Which Slack the environment asks for, read before anything starts: one workspace (SLACK_BOT_TOKEN,
// with a signing secret for HTTP mode or an app token for Socket Mode), or several installed by OAuth
// (SLACK_CLIENT_ID and the rest). OAuth set up by half refuses to start, naming what is missing: it
// would otherwise run, and fail at the first installation or keep tokens it cannot protect.
import { parseEncryptionKey } from '../store/sealed-secrets.js';
import { ConfigError } from './load-config.js';

export type SlackEnvironment =
  | { workspaces: 'one'; botToken: string; signingSecret?: string; appToken?: string }
  | { workspaces: 'oauth'; clientId: string; clientSecret: string; stateSecret: string; signingSecret: string; encryptionKey: Buffer; redirectUri?: string };

/** Undefined when Slack is not configured (as before: a bot token needs a signing secret or an app token to be used). */
export function readSlackEnvironment(env: NodeJS.ProcessEnv): SlackEnvironment | undefined {
  const { SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_APP_TOKEN, SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET, SLACK_REDIRECT_URI, SITROOM_ENCRYPTION_KEY } = env;
  if (!SLACK_CLIENT_ID) {
    if (!SLACK_BOT_TOKEN || !(SLACK_SIGNING_SECRET || SLACK_APP_TOKEN)) return undefined;
    return { workspaces: 'one', botToken: SLACK_BOT_TOKEN, signingSecret: SLACK_SIGNING_SECRET || undefined, appToken: SLACK_APP_TOKEN || undefined };
  }
  const problems: string[] = [];
  if (SLACK_BOT_TOKEN) problems.push('SLACK_BOT_TOKEN and SLACK_CLIENT_ID are both set: one workspace runs on SLACK_BOT_TOKEN, several on OAuth (SLACK_CLIENT_ID); unset one of them');
  const missing = Object.entries({ SLACK_CLIENT_SECRET, SLACK_STATE_SECRET, SLACK_SIGNING_SECRET }).filter(([, value]) => !value).map(([name]) => name);
  if (missing.length > 0) problems.push(`Slack OAuth (SLACK_CLIENT_ID) also needs ${missing.join(', ')} (see "Several instances" in the README)`);
  let encryptionKey: Buffer | undefined;
  if (!SITROOM_ENCRYPTION_KEY) {
    problems.push('SITROOM_ENCRYPTION_KEY is not set: Slack OAuth keeps every workspace\'s bot token in the database, encrypted with it; set it to 32 random bytes in base64 (openssl rand -base64 32)');
  } else {
    try {
      encryptionKey = parseEncryptionKey(SITROOM_ENCRYPTION_KEY);
    } catch (error) {
      problems.push(`SITROOM_ENCRYPTION_KEY: ${(error as Error).message}`);
    }
  }
  if (SLACK_REDIRECT_URI && !URL.canParse(SLACK_REDIRECT_URI)) problems.push(`SLACK_REDIRECT_URI: "${SLACK_REDIRECT_URI}" is not a URL; give the redirect URL set in the app's OAuth settings`);
  if (problems.length > 0) throw new ConfigError(problems);
  return { workspaces: 'oauth', clientId: SLACK_CLIENT_ID, clientSecret: SLACK_CLIENT_SECRET!, stateSecret: SLACK_STATE_SECRET!, signingSecret: SLACK_SIGNING_SECRET!, encryptionKey: encryptionKey!, redirectUri: SLACK_REDIRECT_URI || undefined };
}
