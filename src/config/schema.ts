// The shape of config/sitroom.yaml. Every change to the setup, from the file or (later) from chat,
// passes through this one schema, so an error always names the field at fault.
import { isIP } from 'node:net';
import { RE2JS } from 're2js';
import { z } from 'zod';
import { knowledgeSchema } from './knowledge-schema.js';
import { reportRuleReferences } from './rule-references.js';

const DURATION_PATTERN = /^(\d+)\s*(s|m|h|d)$/;
const DURATION_UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86400 } as const;

/** "90s", "5m", "2h", "1d" or a plain number of seconds. */
export const durationSeconds = z.unknown().transform((value, ctx): number => {
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
  const match = typeof value === 'string' ? DURATION_PATTERN.exec(value.trim()) : null;
  if (match && Number(match[1]) > 0) return Number(match[1]) * DURATION_UNIT_SECONDS[match[2] as keyof typeof DURATION_UNIT_SECONDS];
  ctx.addIssue({ code: 'custom', message: `expected a duration like "30s", "5m" or "1h", got ${JSON.stringify(value)}` });
  return z.NEVER;
});

/** A feed's address: http(s) URL, file:// URL or a path to a local file (relative to the config file). */
export const feedUrl = z.string().trim().min(1, 'expected a feed URL or file path').superRefine((text, ctx) => {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text)?.[1]?.toLowerCase();
  if (scheme && !['http', 'https', 'file'].includes(scheme)) {
    ctx.addIssue({ code: 'custom', message: `expected an http(s) URL, got ${JSON.stringify(text)}` });
    return;
  }
  if (scheme === 'http' || scheme === 'https') {
    try {
      new URL(text);
    } catch {
      ctx.addIssue({ code: 'custom', message: `expected an http(s) URL, got ${JSON.stringify(text)}` });
    }
  }
});

export const feedSchema = z.strictObject({
  name: z.string().trim().min(1, 'expected a non-empty name'),
  url: feedUrl,
  interval: durationSeconds.optional(),
  paused: z.boolean().default(false),
});

const nonEmptyTerm = z.string().trim().min(1, 'expected a non-empty term');
const ruleName = z.string().trim().min(1, 'expected a non-empty rule name').regex(/^[\p{L}\p{N}_-]+$/u, 'expected a rule name of letters, digits, "-" or "_"');

const keywordRuleFields = {
  name: ruleName,
  terms: z.array(nonEmptyTerm).default([]),
  aliases: z.record(nonEmptyTerm, z.array(nonEmptyTerm)).default({}),
  exclude: z.array(nonEmptyTerm).default([]),
  regex: z.array(z.string().min(1, 'expected a non-empty regex').superRefine((source, ctx) => {
    try {
      RE2JS.compile(source);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: `invalid regex ${JSON.stringify(source)}: ${(error as Error).message}` });
    }
  })).default([]),
  /** Every entry must also be found in the item; an entry that is a list is found when any of its terms is. */
  allOf: z.array(z.union([nonEmptyTerm.transform((term) => [term]), z.array(nonEmptyTerm).min(1, 'expected at least one term in the group')])).default([]),
  /** The rule counts only when at least one of these keyword rules matches the item too. */
  requiresAnyRule: z.array(ruleName).default([]),
  /** Terms, aliases or phrases of this rule that match only with the capitals as written (SWIFT, not Swift). */
  matchCase: z.array(nonEmptyTerm).default([]),
};

export type KeywordRuleFields = z.output<z.ZodObject<typeof keywordRuleFields>>;

/** Everything a rule spells out (terms, aliases, allOf terms, exclusions): what matchCase may name. */
export function ruleSpellings(rule: Pick<KeywordRuleFields, 'terms' | 'aliases' | 'allOf' | 'exclude'>): Set<string> {
  return new Set([...rule.terms, ...Object.values(rule.aliases).flat(), ...rule.allOf.flat(), ...rule.exclude]);
}

/** A rule needs something to find, and matchCase may only name what the rule spells out. */
function checkRule(rule: KeywordRuleFields, ctx: z.RefinementCtx): void {
  if (rule.terms.length + rule.regex.length === 0) ctx.addIssue({ code: 'custom', message: 'a rule needs at least one term or regex' });
  const spelled = ruleSpellings(rule);
  rule.matchCase.forEach((written, index) => {
    if (!spelled.has(written)) {
      ctx.addIssue({ code: 'custom', path: ['matchCase', index], message: `"${written}" is not a term, alias, allOf term or exclusion of this rule (write it exactly as there)` });
    }
  });
}

export const keywordRuleSchema = z.strictObject(keywordRuleFields).superRefine(checkRule);

/** An escalation signal: words that make a development serious, with how much (0..1). */
export const signalSchema = z
  .strictObject({ ...keywordRuleFields, weight: z.number().min(0, 'expected a weight from 0 to 1').max(1, 'expected a weight from 0 to 1') })
  .superRefine(checkRule);

export const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time like "08:00"');
export const timeZone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, { message: 'expected an IANA time zone like "Europe/Kyiv"' });

export const severity = z.enum(['routine', 'notable', 'urgent']);

export const subscriptionSchema = z.strictObject({
  channel: z.string().regex(/^(console|slack|discord):\S+$/, 'expected "console:NAME", "slack:CHANNEL_ID" or "discord:CHANNEL_ID"'),
  digest: z.strictObject({
    at: timeOfDay,
    timezone: timeZone,
    /** A period with nothing relevant still gets a short "quiet period" sitrep, unless 'skip'. */
    whenQuiet: z.enum(['post', 'skip']).default('post'),
  }).optional(),
  alerts: z.strictObject({ minSeverity: severity.default('urgent') }).optional(),
  /** Keyword rule names: the channel gets only items matching one of them. */
  topics: z.array(z.string().min(1)).optional(),
});

export const configSchema = z.strictObject({
  feeds: z.array(feedSchema).default([]),
  keywords: z.array(keywordRuleSchema).default([]),
  subscriptions: z.array(subscriptionSchema).default([]),
  admins: z.strictObject({
    users: z.array(z.string().regex(/^(console|slack|discord):\S+$/, 'expected "console:NAME", "slack:USER_ID" or "discord:USER_ID"')).default([]),
    /** Slack workspace admins and owners (users.info) count as sitroom admins. */
    slackWorkspaceAdmins: z.boolean().default(false),
    /** Discord members with the Manage Server permission count as sitroom admins. */
    discordManageServer: z.boolean().default(true),
    /** Discord role ids whose members count as sitroom admins. */
    discordRoles: z.array(z.string().regex(/^\d{17,20}$/, 'expected a Discord role id (17 to 20 digits)')).default([]),
    /** The Discord servers (ids) where Manage Server and discordRoles count; DISCORD_GUILD_ID counts too. */
    discordGuilds: z.array(z.string().regex(/^\d{17,20}$/, 'expected a Discord server id (17 to 20 digits)')).default([]),
  }).prefault({}),
  polling: z.strictObject({
    defaultInterval: durationSeconds.default(300),
    concurrency: z.number().int().min(1).max(64).default(16),
    perHostConcurrency: z.number().int().min(1).max(16).default(2),
    maxItemsPerPoll: z.number().int().positive().default(5000),
    timeout: durationSeconds.default(20),
    maxBodyBytes: z.number().int().positive().default(10 * 1024 * 1024),
    maxRedirects: z.number().int().min(0).max(10).default(5),
    maxBackoff: durationSeconds.default(6 * 3600),
    /** How long a feed fails before the channels that get its items are told (once, and once when it recovers). */
    failingNoticeAfter: durationSeconds.default(3600),
    /** IPs that feeds added from chat may resolve to although they are not public (e.g. 127.0.0.1). */
    allowAddresses: z.array(z.string().refine((address) => isIP(address) !== 0, 'expected an IP address like "127.0.0.1"')).default([]),
  }).prefault({}),
  assessment: z.strictObject({
    clusterWindow: durationSeconds.default(72 * 3600),
    relevantAt: z.number().min(0).max(1).default(0.45),
    sameStoryAt: z.number().min(0).max(1).default(0.25),
    restatesAt: z.number().min(0).max(1).default(0.4),
    urgentAt: z.number().min(0).max(1).default(0.8),
    signals: z.array(signalSchema).default([]),
    /**
     * Kinds of development (talks held, an evacuation, ...), each a keyword rule: novelty asks whether
     * that kind is already known. None by default: without them novelty rests on similarity alone.
     */
    developmentKinds: z.array(keywordRuleSchema).default([]),
  }).prefault({}),
  knowledge: knowledgeSchema,
  storage: z.strictObject({
    /** Items older than this are pruned, with what belongs to them alone; unset (the default) keeps every item. */
    keepItems: durationSeconds.optional(),
  }).prefault({}),
}).superRefine((config, ctx) => {
  reportDuplicates(config.feeds.map((feed) => feed.url), 'feeds', 'url', ctx);
  reportDuplicates(config.feeds.map((feed) => feed.name), 'feeds', 'name', ctx);
  reportDuplicates(config.keywords.map((rule) => rule.name), 'keywords', 'name', ctx);
  reportDuplicates(config.subscriptions.map((sub) => sub.channel), 'subscriptions', 'channel', ctx);
  reportDuplicates(config.assessment.developmentKinds.map((kind) => kind.name), 'assessment.developmentKinds', 'name', ctx);
  reportRuleReferences(config, ctx);
  if (config.storage.keepItems !== undefined && config.storage.keepItems <= config.assessment.clusterWindow) {
    ctx.addIssue({ code: 'custom', path: ['storage', 'keepItems'], message: `must be longer than assessment.clusterWindow (${config.assessment.clusterWindow / 3600}h): new items are still compared with items that recent, e.g. keepItems: 365d` });
  }
});

function reportDuplicates(values: string[], list: string, field: string, ctx: z.RefinementCtx): void {
  const firstIndex = new Map<string, number>();
  values.forEach((value, index) => {
    const key = value.toLowerCase();
    const earlier = firstIndex.get(key);
    if (earlier === undefined) firstIndex.set(key, index);
    else ctx.addIssue({ code: 'custom', path: [list, index, field], message: `${JSON.stringify(values[earlier])} is there already; each ${field} must be different (capitals do not count)` });
  });
}

export type SitroomConfig = z.output<typeof configSchema>;
export type FeedConfig = z.output<typeof feedSchema>;
export type KeywordRule = z.output<typeof keywordRuleSchema>;
export type Subscription = z.output<typeof subscriptionSchema>;
export type Severity = z.output<typeof severity>;
export type Signal = z.output<typeof signalSchema>;
export type DevelopmentKind = z.output<typeof keywordRuleSchema>;
