// What the assessment said of the items that report each event of the timeline: how severe, how
// relevant, which story. Read by joining the timeline's reports with the assessments through the
// items the reports came from, so the plain /timeline ranks by the assessment without a copy of it.
// Plain SQL (CASE, LEFT JOIN, GROUP BY), so the same statements run on PostgreSQL.
import type Database from 'better-sqlite3';

/** One event's reports as the assessment saw them; null where no report is an assessed item (the baseline). */
export interface EventStanding {
  head: number;
  day: string;
  /** The words of the event's first report (JSON array), as the reports' index holds them. */
  words: string;
  reports: number;
  /** 2 urgent, 1 notable, 0 routine. */
  severity: number | null;
  relevance: number | null;
  /** The story (cluster) of the event's most relevant report. */
  story: number | null;
}

export interface EventStandingQueries {
  /** The standing of every event reported on the days in [since, until], by day. */
  standingsBetween(since: string, until: string): EventStanding[];
  /** The outlets of every event reported on the days in [since, until]. */
  outletsBetween(since: string, until: string): { head: number; outlet: string }[];
  standingsOf(heads: readonly number[]): EventStanding[];
  outletsOf(heads: readonly number[]): { head: number; outlet: string }[];
}

const SEVERITY_RANK = "CASE a.severity WHEN 'urgent' THEN 2 WHEN 'notable' THEN 1 WHEN 'routine' THEN 0 END";

// The story is that of the report the assessment found most relevant: the first of the reports
// ordered so in a subquery, as PostgreSQL has no bare columns beside an aggregate. A document is one
// report of an event (unique per head) and has one assessment, so the joined rows count the reports.
const STANDING = `
  SELECT r.head AS head, r.day AS day, r.words AS words, count(s.document_id) AS reports, max(${SEVERITY_RANK}) AS severity, max(a.relevance) AS relevance,
    (SELECT a2.cluster_id FROM knowledge_report_sources s2 JOIN knowledge_documents d2 ON d2.document_id = s2.document_id JOIN assessments a2 ON a2.item_id = d2.item_id
      WHERE s2.head = r.head ORDER BY a2.relevance DESC, a2.item_id LIMIT 1) AS story
  FROM knowledge_event_reports r
  JOIN knowledge_report_sources s ON s.head = r.head
  LEFT JOIN knowledge_documents d ON d.document_id = s.document_id
  LEFT JOIN assessments a ON a.item_id = d.item_id`;

/** Heads asked for by id go in lists of one of these lengths (padded with an id no event has), below every engine's limit on parameters. */
const LIST_LENGTHS = [8, 64, 512];
const NO_EVENT = -1;

export function prepareEventStandingQueries(db: Database.Database): EventStandingQueries {
  const between = db.prepare<[string, string], EventStanding>(`${STANDING} WHERE r.day >= ? AND r.day <= ? GROUP BY r.day, r.head, r.words ORDER BY r.day, r.head`);
  const outletsBetween = db.prepare<[string, string], { head: number; outlet: string }>(
    'SELECT o.head, o.outlet FROM knowledge_event_reports r JOIN knowledge_report_outlets o ON o.head = r.head WHERE r.day >= ? AND r.day <= ?',
  );
  const byHeads = new Map<number, { standings: Database.Statement<number[], EventStanding>; outlets: Database.Statement<number[], { head: number; outlet: string }> }>();
  const statementsFor = (count: number) => {
    let statements = byHeads.get(count);
    if (!statements) {
      const list = Array.from({ length: count }, () => '?').join(', ');
      statements = {
        standings: db.prepare<number[], EventStanding>(`${STANDING} WHERE r.head IN (${list}) GROUP BY r.day, r.head, r.words ORDER BY r.day, r.head`),
        outlets: db.prepare<number[], { head: number; outlet: string }>(`SELECT head, outlet FROM knowledge_report_outlets WHERE head IN (${list})`),
      };
      byHeads.set(count, statements);
    }
    return statements;
  };
  const inLists = <T>(heads: readonly number[], read: (list: number[]) => T[]): T[] => {
    const rows: T[] = [];
    const longest = LIST_LENGTHS.at(-1)!;
    for (let start = 0; start < heads.length; start += longest) {
      const chunk = heads.slice(start, start + longest);
      const length = LIST_LENGTHS.find((candidate) => candidate >= chunk.length)!;
      rows.push(...read([...chunk, ...Array<number>(length - chunk.length).fill(NO_EVENT)]));
    }
    return rows;
  };
  return {
    standingsBetween: (since, until) => between.all(since, until),
    outletsBetween: (since, until) => outletsBetween.all(since, until),
    standingsOf: (heads) => inLists(heads, (chunk) => statementsFor(chunk.length).standings.all(...chunk)),
    outletsOf: (heads) => inLists(heads, (chunk) => statementsFor(chunk.length).outlets.all(...chunk)),
  };
}
