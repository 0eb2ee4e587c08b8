// Everything sitroom has learnt: the extracts of the baseline and of every feed item, merged so
// that one person or organisation is one record however many sources name it. The merged records
// live in the store's knowledge tables (or tables in memory, for a knowledge base without a
// store), so memory holds none of the history; answers /who and /timeline.
import { editDistance } from '../analysis/edit-distance.js';
import { normalizeText, tokenize } from '../analysis/normalize-text.js';
import { knowledgeTablesInMemory, type KnowledgeTables } from '../store/knowledge-store.js';
import { NameIndex } from './name-index.js';
import { TimelineIndex, type TimelineEvent, type TimelineQuery } from './timeline-index.js';
import type { EntityKind, ExtractedEntity, ExtractedQuote, KnowledgeExtract, NumericFact, SourceRef } from './types.js';

/** The role and affiliation as one source states them. */
export type RoleStatement = Pick<ExtractedEntity, 'role' | 'worksFor' | 'affiliation' | 'origin'>;

/** What a record holds itself; its sources, quotes and role statements are read when asked for. */
export interface EntityRecordFields extends Pick<ExtractedEntity, 'canonicalName' | 'kind' | 'aliases' | 'role' | 'worksFor' | 'affiliation'> {
  id: number;
  mentionCount: number;
}

/** One person, organisation or place however many sources name it; role and affiliation as the latest source gives them. */
export interface EntityRecord extends EntityRecordFields {
  /** Every source's statement of the role, the latest reported first: read one by one, as a head of state has thousands. */
  rolesNewestFirst(): IterableIterator<RoleStatement>;
  /** The first sentence of each source that named the entity. */
  readonly sources: SourceRef[];
  readonly quotes: ExtractedQuote[];
}

export interface WhoAnswer {
  matches: EntityRecord[];
  /** Closest names when nothing matched. */
  suggestions: string[];
}

const DESCRIPTION_ALIAS = /^the\s/i;

export class KnowledgeBase {
  private readonly names: NameIndex;
  private readonly timelineIndex: TimelineIndex;

  constructor(
    extracts: Iterable<KnowledgeExtract> = [],
    private readonly tables: KnowledgeTables = knowledgeTablesInMemory(),
  ) {
    this.names = new NameIndex(tables);
    this.timelineIndex = new TimelineIndex(tables);
    for (const extract of extracts) this.add(extract);
  }

  /** Adds one document's extract (an item's, with its id); adding the same document twice changes nothing. */
  add(extract: KnowledgeExtract, itemId: number | null = null): void {
    this.tables.transaction(() => this.learn(extract, itemId));
  }

  private learn(extract: KnowledgeExtract, itemId: number | null): void {
    if (this.tables.hasDocument(extract.documentId)) return;
    this.tables.addDocument(extract.documentId, itemId);
    // The records this document touches, read once and written back at the end.
    const touched = new Map<number, EntityRecordFields>();
    const recordFor = new Map<string, EntityRecordFields>();
    for (const entity of extract.entities) recordFor.set(entity.canonicalName, this.mergeEntity(entity, touched));
    const namedInHeadline = this.peopleNamedInHeadline(extract, new Set(recordFor.values()), touched);
    for (const quote of extract.quotes) {
      const speaker = quote.speakerIsEntity ? recordFor.get(quote.speaker) : undefined;
      // The same words from another outlet (feeds syndicate) are one quote, kept with its first source.
      const words = tokenize(quote.text).join(' ');
      if (speaker && !this.tables.hasQuote(speaker.id, quote.kind, words)) this.tables.addQuote(speaker.id, words, { ...quote, speaker: speaker.canonicalName });
    }
    for (const fact of extract.numbers) this.tables.addFigure(fact);
    for (const event of extract.events) {
      const headlineNames = event.origin.sentenceIndex === 0 ? namedInHeadline.map((record) => record.canonicalName) : [];
      const participants = [...event.participants.map((name) => recordFor.get(name)?.canonicalName ?? name), ...headlineNames];
      const searchable = participants.flatMap((name) => recordFor.get(name)?.aliases ?? [name]);
      this.timelineIndex.add({ ...event, participants }, searchable);
    }
    for (const record of touched.values()) this.tables.saveEntity(record);
  }

  /** People, organisations and places whose name or alias matches, best first. */
  who(query: string, limit = 10): WhoAnswer {
    const matches = this.names
      .find(query)
      .map((match) => ({ match, entity: this.tables.entity(match.id) }))
      .filter((found): found is { match: typeof found.match; entity: EntityRecordFields } => found.entity !== undefined)
      .sort((a, b) => b.match.strength - a.match.strength || b.entity.mentionCount - a.entity.mentionCount)
      .slice(0, limit)
      .map((found) => this.withHistory(found.entity));
    return { matches, suggestions: matches.length === 0 ? this.names.suggest(query, 5) : [] };
  }

  /** Whether anyone by that name (every word of it in one known name) is known: who(name).matches is not empty. */
  knows(name: string): boolean {
    return this.names.find(name).length > 0;
  }

  /** The newest sources from feed items that named the entity, newest first. */
  latestItemMentions(entity: EntityRecord, limit: number): SourceRef[] {
    return this.tables.latestItemMentions(entity.id, limit);
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
    return this.tables.figures(measureKey);
  }

  /** The figures for a measure that the latest day reporting it gave, in the order they came. */
  latestFiguresFor(measureKey: string): readonly NumericFact[] {
    return this.tables.latestFigures(measureKey);
  }

  private withHistory(fields: EntityRecordFields): EntityRecord {
    const tables = this.tables;
    let sources: SourceRef[] | undefined;
    let quotes: ExtractedQuote[] | undefined;
    return {
      ...fields,
      get sources() {
        return (sources ??= tables.mentions(fields.id));
      },
      get quotes() {
        return (quotes ??= tables.quotes(fields.id));
      },
      rolesNewestFirst: () => tables.rolesNewestFirst(fields.id),
    };
  }

  /**
   * Headlines are read for the gazetteer's names only, since every capitalised word looks like a
   * name there; a surname the stream has already taught ("... sanctions on Putin and Lavrov") counts too.
   */
  private peopleNamedInHeadline(extract: KnowledgeExtract, already: Set<EntityRecordFields>, touched: Map<number, EntityRecordFields>): EntityRecordFields[] {
    const found: EntityRecordFields[] = [];
    for (const word of extract.title.match(/\p{Lu}[\p{L}’'-]+/gu) ?? []) {
      const id = this.tables.entityIdForKey(nameKey('person', word.replace(/[’']s$/u, '')));
      const record = id === undefined ? undefined : this.record(id, touched);
      if (!record || already.has(record) || found.includes(record) || surnameOf(record.canonicalName) !== normalizeText(word.replace(/[’']s$/u, '')).trim()) continue;
      found.push(record);
      record.mentionCount += 1;
      this.tables.addMention(record.id, { source: extract.source, documentId: extract.documentId, sentenceIndex: 0, sentence: extract.title, reportedOn: extract.referenceDate, ...(extract.url ? { url: extract.url } : {}) });
    }
    return found;
  }

  /** The record by id, the same object for every use while one document is read. */
  private record(id: number, touched: Map<number, EntityRecordFields>): EntityRecordFields | undefined {
    let record = touched.get(id);
    if (!record) {
      record = this.tables.entity(id);
      if (record) touched.set(id, record);
    }
    return record;
  }

  private mergeEntity(entity: ExtractedEntity, touched: Map<number, EntityRecordFields>): EntityRecordFields {
    const known = this.findRecord(entity, touched);
    const record = known ?? this.createRecord(entity, touched);
    const newAliases = entity.aliases.filter((alias) => !record.aliases.includes(alias));
    record.aliases.push(...newAliases);
    // A known record's canonical name is indexed already.
    this.names.add(record.id, known ? newAliases : [record.canonicalName, ...newAliases]);
    for (const alias of newAliases) if (!DESCRIPTION_ALIAS.test(alias)) this.tables.setEntityKey(nameKey(record.kind, alias), record.id);
    record.mentionCount += entity.mentions.length;
    this.tables.addMention(record.id, entity.origin);
    if (entity.role || (entity.affiliation && !record.affiliation)) {
      const previous = this.tables.lastRoleReportedOn(record.id);
      this.tables.addRole(record.id, { ...definedOnly(entity), origin: entity.origin });
      const latest = entity.origin.reportedOn >= (previous ?? '');
      if (latest && entity.role) {
        record.role = entity.role;
        if (entity.worksFor) record.worksFor = entity.worksFor;
      }
      if (entity.affiliation && (latest || !record.affiliation)) record.affiliation = entity.affiliation;
    }
    return record;
  }

  private findRecord(entity: ExtractedEntity, touched: Map<number, EntityRecordFields>): EntityRecordFields | undefined {
    for (const name of [entity.canonicalName, ...entity.aliases.filter((alias) => !DESCRIPTION_ALIAS.test(alias))]) {
      const id = this.tables.entityIdForKey(nameKey(entity.kind, name));
      const record = id === undefined ? undefined : this.record(id, touched);
      if (record && (entity.kind !== 'person' || sameFirstName(record.canonicalName, entity.canonicalName))) return record;
    }
    return undefined;
  }

  private createRecord(entity: ExtractedEntity, touched: Map<number, EntityRecordFields>): EntityRecordFields {
    const record: EntityRecordFields = { id: this.tables.nextEntityId(), canonicalName: entity.canonicalName, kind: entity.kind, aliases: [], mentionCount: 0 };
    // Written at once, so the next id is counted past it.
    this.tables.saveEntity(record);
    touched.set(record.id, record);
    this.tables.setEntityKey(nameKey(entity.kind, entity.canonicalName), record.id);
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
