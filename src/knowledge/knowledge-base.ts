// Everything sitroom has learnt, in memory: the extracts of the baseline and of every feed item,
// merged so that one person or organisation is one record however many sources name it. Built
// from stored extracts at start and added to as items arrive; answers /who and /timeline.
import { normalizeText, tokenize } from '../analysis/normalize-text.js';
import { NameIndex } from './name-index.js';
import { TimelineIndex, type TimelineEvent, type TimelineQuery } from './timeline-index.js';
import type { EntityKind, ExtractedEntity, ExtractedQuote, KnowledgeExtract, NumericFact, SourceRef } from './types.js';

/** The role and affiliation as one source states them. */
export type RoleStatement = Pick<ExtractedEntity, 'role' | 'worksFor' | 'affiliation' | 'origin'>;

/** One person, organisation or place however many sources name it; role and affiliation as the latest source gives them. */
export interface EntityRecord extends Pick<ExtractedEntity, 'canonicalName' | 'kind' | 'aliases' | 'role' | 'worksFor' | 'affiliation'> {
  id: number;
  /** Every source's statement of the role, oldest first. */
  roleHistory: RoleStatement[];
  mentionCount: number;
  /** The first sentence of each source that named the entity. */
  sources: SourceRef[];
  quotes: ExtractedQuote[];
}

export interface WhoAnswer {
  matches: EntityRecord[];
  /** Closest names when nothing matched. */
  suggestions: string[];
}

const DESCRIPTION_ALIAS = /^the\s/i;

export class KnowledgeBase {
  private readonly entities: EntityRecord[] = [];
  private readonly byKindAndName = new Map<string, number>();
  private readonly names = new NameIndex();
  private readonly timelineIndex = new TimelineIndex();
  private readonly figures = new Map<string, NumericFact[]>();
  /** Measures with figures added since they were last sorted. */
  private readonly unsortedFigures = new Set<string>();
  private readonly documents = new Set<string>();

  constructor(extracts: Iterable<KnowledgeExtract> = []) {
    for (const extract of extracts) this.add(extract);
  }

  /** Adds one document's extract; adding the same document twice changes nothing. */
  add(extract: KnowledgeExtract): void {
    if (this.documents.has(extract.documentId)) return;
    this.documents.add(extract.documentId);
    const recordFor = new Map<string, EntityRecord>();
    for (const entity of extract.entities) recordFor.set(entity.canonicalName, this.mergeEntity(entity));
    for (const quote of extract.quotes) {
      const speaker = quote.speakerIsEntity ? recordFor.get(quote.speaker) : undefined;
      if (speaker) speaker.quotes.push({ ...quote, speaker: speaker.canonicalName });
    }
    for (const fact of extract.numbers) {
      const history = this.figures.get(fact.measureKey) ?? [];
      history.push(fact);
      this.figures.set(fact.measureKey, history);
      this.unsortedFigures.add(fact.measureKey);
    }
    for (const event of extract.events) {
      const participants = event.participants.map((name) => recordFor.get(name)?.canonicalName ?? name);
      const searchable = participants.flatMap((name) => recordFor.get(name)?.aliases ?? [name]);
      this.timelineIndex.add({ ...event, participants }, searchable);
    }
  }

  /** People, organisations and places whose name or alias matches, best first. */
  who(query: string, limit = 10): WhoAnswer {
    const matches = this.names
      .find(query)
      .map((match) => ({ match, entity: this.entities[match.id] }))
      .filter((found): found is { match: typeof found.match; entity: EntityRecord } => found.entity !== undefined)
      .sort((a, b) => b.match.strength - a.match.strength || b.entity.mentionCount - a.entity.mentionCount)
      .slice(0, limit)
      .map((found) => found.entity);
    return { matches, suggestions: matches.length === 0 ? this.names.suggest(query, 5) : [] };
  }

  timeline(query: TimelineQuery = {}): TimelineEvent[] {
    return this.timelineIndex.query(query);
  }

  /** Scheduled events not yet reported as happened, on the day, with one of the participants. */
  pendingEvents(day: string, participants: Iterable<string>): TimelineEvent[] {
    return this.timelineIndex.pendingOn(day, participants);
  }

  /** Every figure reported for a measure ("troops:ukraine-border"), oldest report first. */
  figuresFor(measureKey: string): readonly NumericFact[] {
    const history = this.figures.get(measureKey) ?? [];
    if (this.unsortedFigures.delete(measureKey)) history.sort((a, b) => a.origin.reportedOn.localeCompare(b.origin.reportedOn));
    return history;
  }

  private mergeEntity(entity: ExtractedEntity): EntityRecord {
    const record = this.findRecord(entity) ?? this.createRecord(entity);
    const newAliases = entity.aliases.filter((alias) => !record.aliases.includes(alias));
    record.aliases.push(...newAliases);
    this.names.add(record.id, record.canonicalName, newAliases);
    for (const alias of newAliases) if (!DESCRIPTION_ALIAS.test(alias)) this.byKindAndName.set(nameKey(record.kind, alias), record.id);
    record.mentionCount += entity.mentions.length;
    record.sources.push(entity.origin);
    if (entity.role || (entity.affiliation && !record.affiliation)) {
      record.roleHistory.push({ ...definedOnly(entity), origin: entity.origin });
      const latest = entity.origin.reportedOn >= (record.roleHistory.at(-2)?.origin.reportedOn ?? '');
      if (latest && entity.role) {
        record.role = entity.role;
        if (entity.worksFor) record.worksFor = entity.worksFor;
      }
      if (entity.affiliation && (latest || !record.affiliation)) record.affiliation = entity.affiliation;
    }
    return record;
  }

  private findRecord(entity: ExtractedEntity): EntityRecord | undefined {
    for (const name of [entity.canonicalName, ...entity.aliases.filter((alias) => !DESCRIPTION_ALIAS.test(alias))]) {
      const id = this.byKindAndName.get(nameKey(entity.kind, name));
      const record = id === undefined ? undefined : this.entities[id];
      if (record && (entity.kind !== 'person' || sameFirstName(record.canonicalName, entity.canonicalName))) return record;
    }
    return undefined;
  }

  private createRecord(entity: ExtractedEntity): EntityRecord {
    const record: EntityRecord = {
      id: this.entities.length,
      canonicalName: entity.canonicalName,
      kind: entity.kind,
      aliases: [],
      roleHistory: [],
      mentionCount: 0,
      sources: [],
      quotes: [],
    };
    this.entities.push(record);
    this.byKindAndName.set(nameKey(entity.kind, entity.canonicalName), record.id);
    return record;
  }
}

function nameKey(kind: EntityKind, name: string): string {
  return `${kind}:${normalizeText(name).trim()}`;
}

function definedOnly(entity: ExtractedEntity): Omit<RoleStatement, 'origin'> {
  return {
    ...(entity.role ? { role: entity.role } : {}),
    ...(entity.worksFor ? { worksFor: entity.worksFor } : {}),
    ...(entity.affiliation ? { affiliation: entity.affiliation } : {}),
  };
}

/** "Vladimir V. Putin" and "Vladimir Putin" or "Putin" are one person; "Jake Sullivan" and "Dan Sullivan" are not. */
function sameFirstName(a: string, b: string): boolean {
  const first = (name: string): string | undefined => {
    const words = tokenize(name);
    return words.length > 1 ? words[0] : undefined;
  };
  const left = first(a);
  const right = first(b);
  if (!left || !right) return true;
  return left === right || (left.length === 1 && right.startsWith(left)) || (right.length === 1 && left.startsWith(right));
}
