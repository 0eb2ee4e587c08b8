// Everything sitroom has learnt, in memory: the extracts of the baseline and of every feed item,
// merged so that one person or organisation is one record however many sources name it. Built
// from stored extracts at start and added to as items arrive; answers /who and /timeline.
import { editDistance } from '../analysis/edit-distance.js';
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
    const namedInHeadline = this.peopleNamedInHeadline(extract, new Set(recordFor.values()));
    for (const quote of extract.quotes) {
      const speaker = quote.speakerIsEntity ? recordFor.get(quote.speaker) : undefined;
      // The same words from another outlet (feeds syndicate) are one quote, kept with its first source.
      if (speaker && !speaker.quotes.some((known) => known.kind === quote.kind && sameWords(known.text, quote.text))) speaker.quotes.push({ ...quote, speaker: speaker.canonicalName });
    }
    for (const fact of extract.numbers) {
      const history = this.figures.get(fact.measureKey) ?? [];
      history.push(fact);
      this.figures.set(fact.measureKey, history);
      this.unsortedFigures.add(fact.measureKey);
    }
    for (const event of extract.events) {
      const headlineNames = event.origin.sentenceIndex === 0 ? namedInHeadline.map((record) => record.canonicalName) : [];
      const participants = [...event.participants.map((name) => recordFor.get(name)?.canonicalName ?? name), ...headlineNames];
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

  /**
   * Headlines are read for the gazetteer's names only, since every capitalised word looks like a
   * name there; a surname the stream has already taught ("... sanctions on Putin and Lavrov") counts too.
   */
  private peopleNamedInHeadline(extract: KnowledgeExtract, already: Set<EntityRecord>): EntityRecord[] {
    const found: EntityRecord[] = [];
    for (const word of extract.title.match(/\p{Lu}[\p{L}’'-]+/gu) ?? []) {
      const id = this.byKindAndName.get(nameKey('person', word.replace(/[’']s$/u, '')));
      const record = id === undefined ? undefined : this.entities[id];
      if (!record || already.has(record) || found.includes(record) || surnameOf(record.canonicalName) !== normalizeText(word.replace(/[’']s$/u, '')).trim()) continue;
      found.push(record);
      record.mentionCount += 1;
      record.sources.push({ source: extract.source, documentId: extract.documentId, sentenceIndex: 0, sentence: extract.title, reportedOn: extract.referenceDate, ...(extract.url ? { url: extract.url } : {}) });
    }
    return found;
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

function sameWords(a: string, b: string): boolean {
  return tokenize(a).join(' ') === tokenize(b).join(' ');
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

function surnameOf(name: string): string | undefined {
  return tokenize(name).at(-1);
}

/**
 * "Vladimir V. Putin" and "Vladimir Putin" or "Putin" are one person, and so are "Sergey Lavrov"
 * and "Sergei Lavrov" (two transliterations); "Jake Sullivan" and "Dan Sullivan" are not.
 */
function sameFirstName(a: string, b: string): boolean {
  const first = (name: string): string | undefined => {
    const words = tokenize(name);
    return words.length > 1 ? words[0] : undefined;
  };
  const left = first(a);
  const right = first(b);
  if (!left || !right) return true;
  if (left === right || (left.length === 1 && right.startsWith(left)) || (right.length === 1 && left.startsWith(right))) return true;
  return left.length >= 4 && right.length >= 4 && left.slice(0, 3) === right.slice(0, 3) && editDistance(left, right, 2) <= 2;
}
