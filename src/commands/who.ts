// /who NAME: what sitroom knows about a person, organisation or place, with its sources.
import { reply, type ReplySection } from '../chat/reply.js';
import type { EntityRecord, RoleStatement } from '../knowledge/knowledge-base.js';
import type { ExtractedQuote } from '../knowledge/types.js';
import { normalizeText } from '../analysis/normalize-text.js';
import { UserError, type Command, type SitroomServices } from './command.js';
import { shortenText as shorten } from '../analysis/shorten-text.js';
import { describeSource, formatEventDate, scheduleState } from './describe-knowledge.js';

const QUOTES_SHOWN = 5;
const EVENTS_SHOWN = 8;
const MENTIONS_SHOWN = 5;
const ROLES_SHOWN = 10;
/** "/who lavrov roles": every role the sources gave, rather than the entry. */
const ROLES_ASKED = /\s+roles$/i;

export const whoCommand: Command = {
  name: 'who',
  description: 'Who is it? Role, affiliation, what they said, when they appear, latest mentions; with "roles", every role given',
  usage: '/who NAME [roles] (any part of a name or alias: ushakov, "Yuri Ushakov", nato, rand; "roles": every role the sources gave, newest first)',
  run({ services, rawArgs }) {
    const rolesAsked = ROLES_ASKED.test(rawArgs.trim());
    const query = rawArgs.trim().replace(ROLES_ASKED, '').replace(/^["“]|["”]$/g, '').trim();
    if (!query) throw new UserError('Whom should I look up?', `Usage: ${whoCommand.usage}`);
    const { matches, suggestions } = services.knowledge().who(query);
    if (matches.length === 0) {
      throw new UserError(`Nobody called "${query}" is known yet.`, suggestions.length ? `Did you mean: ${suggestions.join(', ')}?` : 'Names come from the baseline and from feed items as they arrive.');
    }
    const exact = matches.filter((entity) => entity.aliases.some((alias) => normalizeText(alias) === normalizeText(query)));
    const shown = exact.length === 1 ? exact : matches;
    if (shown.length === 1) return rolesAsked ? rolesReply(shown[0]!, services) : entityReply(shown[0]!, services);
    return reply(
      `${shown.length} match “${query}”`,
      [
        { kind: 'list', items: shown.map((entity) => ({ text: entity.canonicalName, detail: [entity.kind, entity.role, entity.affiliation].filter(Boolean).join(' · ') })) },
        { kind: 'context', text: 'Ask again with more of the name for the details.' },
      ],
      { data: { matches: shown.map((entity) => entityData(entity, services)), suggestions: [] } },
    );
  },
};

function entityReply(entity: EntityRecord, services: SitroomServices) {
  const data = entityData(entity, services);
  const fields: { label: string; value: string }[] = [{ label: 'Kind', value: entity.kind }];
  if (entity.role) fields.push({ label: 'Role', value: data.roleGiven ? `${entity.role} (${data.roleGiven.from})` : entity.role });
  if (entity.affiliation) fields.push({ label: 'Affiliation', value: entity.affiliation });
  const otherNames = entity.aliases.filter((alias) => alias !== entity.canonicalName);
  if (otherNames.length) fields.push({ label: 'Also called', value: otherNames.join(', ') });
  const sections: ReplySection[] = [{ kind: 'fields', fields }];
  if (data.said.length) {
    sections.push({ kind: 'list', heading: 'What they said', items: data.said.map((quote) => ({ text: quote.kind === 'direct' ? `“${shorten(quote.text, 200)}”` : shorten(quote.text, 200), detail: quote.from, url: quote.url })) });
  }
  if (data.timeline.length) {
    sections.push({ kind: 'list', heading: 'On the timeline', items: data.timeline.map((event) => ({ text: `${event.date}: ${shorten(event.summary, 160)}${event.state ? ` (${event.state})` : ''}`, detail: event.from })) });
  }
  if (data.mentions.length) {
    sections.push({ kind: 'list', heading: 'Latest mentions in feed items', items: data.mentions.map((mention) => ({ text: mention.title, url: mention.url, detail: mention.reportedOn })) });
  }
  if (entity.role) sections.push({ kind: 'context', text: `The latest role a source gave; every role given: /who ${entity.canonicalName} roles` });
  return reply(entity.canonicalName, sections, { data: { matches: [data], suggestions: [] } });
}

/** Each role the sources gave, once, with its latest source: the newest first. */
function rolesReply(entity: EntityRecord, services: SitroomServices) {
  const roles = new Map<string, RoleStatement>();
  for (const statement of entity.rolesNewestFirst()) {
    const key = normalizeText(roleText(statement));
    if (!roles.has(key)) roles.set(key, statement);
    if (roles.size >= ROLES_SHOWN) break;
  }
  const data = {
    canonicalName: entity.canonicalName,
    roles: [...roles.values()].map((statement) => ({
      role: statement.role ?? null,
      worksFor: statement.worksFor ?? null,
      affiliation: statement.affiliation ?? null,
      reportedOn: statement.origin.reportedOn,
      source: statement.origin.source,
      from: describeSource(statement.origin, services),
      url: statement.origin.url ?? null,
    })),
  };
  if (roles.size === 0) return reply(`${entity.canonicalName}: roles`, [{ kind: 'text', text: 'No source has given a role yet.' }], { data });
  return reply(
    `${entity.canonicalName}: roles`,
    [
      { kind: 'list', items: [...roles.values()].map((statement) => ({ text: roleText(statement), detail: describeSource(statement.origin, services), url: statement.origin.url })) },
      { kind: 'context', text: `Each role as the latest source that gave it, the newest first${roles.size >= ROLES_SHOWN ? ` (the ${ROLES_SHOWN} latest)` : ''}.` },
    ],
    { data },
  );
}

function roleText(statement: RoleStatement): string {
  return [statement.role, statement.affiliation].filter(Boolean).join(' · ');
}

/** The latest statement of the role the entry holds now: it dates the role. */
function currentRoleStatement(entity: EntityRecord): RoleStatement | undefined {
  if (!entity.role) return undefined;
  for (const statement of entity.rolesNewestFirst()) if (statement.role === entity.role) return statement;
  return undefined;
}

/** The newest sources first; one source's quotes in the order it gives them, so an article's lead quote leads. */
function newestFirst(quotes: readonly ExtractedQuote[]): ExtractedQuote[] {
  const bySource = new Map<string, ExtractedQuote[]>();
  for (const quote of quotes) bySource.set(quote.origin.source, [...(bySource.get(quote.origin.source) ?? []), quote]);
  return [...bySource.values()].sort((a, b) => (b[0]?.origin.reportedOn ?? '').localeCompare(a[0]?.origin.reportedOn ?? '')).flat();
}

function entityData(entity: EntityRecord, services: SitroomServices) {
  const knowledge = services.knowledge();
  const roleGiven = currentRoleStatement(entity);
  return {
    canonicalName: entity.canonicalName,
    kind: entity.kind,
    role: entity.role ?? null,
    roleGiven: roleGiven ? { reportedOn: roleGiven.origin.reportedOn, source: roleGiven.origin.source, from: describeSource(roleGiven.origin, services) } : null,
    worksFor: entity.worksFor ?? null,
    affiliation: entity.affiliation ?? null,
    aliases: entity.aliases,
    // The quotes shown, as the timeline holds the entries shown: each is described from its item, and a person may have thousands.
    said: newestFirst(entity.quotes)
      .slice(0, QUOTES_SHOWN)
      .map((quote) => ({ text: quote.text, kind: quote.kind, from: describeSource(quote.origin, services), source: quote.origin.source, reportedOn: quote.origin.reportedOn, sentence: quote.origin.sentence, url: quote.origin.url })),
    timeline: knowledge.timeline({ about: entity.canonicalName, last: EVENTS_SHOWN }).map((event) => ({
      date: formatEventDate(event.date),
      iso: event.date.iso,
      precision: event.date.precision,
      summary: event.summary,
      scheduled: scheduleState(event, services.now()) === 'scheduled',
      state: scheduleState(event, services.now()) ?? null,
      from: describeSource(event.origin, services),
    })),
    mentions: knowledge
      .latestItemMentions(entity, MENTIONS_SHOWN)
      .map((origin) => ({ title: services.sourceTitle(origin.source) ?? origin.source, url: origin.url, reportedOn: origin.reportedOn, source: origin.source })),
  };
}
