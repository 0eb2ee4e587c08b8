// What the assessment said of the items that report each event of the timeline: how many reports,
// how severe and relevant the most, which story. Kept one row an event (knowledge_event_standing),
// brought up to date by one upsert as each report is learnt, so the plain /timeline reads one row
// per event however many reports it has. Plain SQL (CASE, LEFT JOIN, ON CONFLICT), so the same
// statements run on PostgreSQL.
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
  /** How many outlets report the event. */
  outlets: number;
}

export interface EventStandingQueries {
  /** The standing of every event reported on the days in [since, until], by day. */
  standingsBetween(since: string, until: string): EventStanding[];
  standingsOf(heads: readonly number[]): EventStanding[];
  /** Each outlet of the events, to count those of several events together. */
  outletsOf(heads: readonly number[]): { head: number; outlet: string }[];
}

/** The queries, and the one write that keeps the standings. */
export interface EventStandingStatements extends EventStandingQueries {
  /**
   * Counts a new report of the event with the assessment its item has now: the analyzer saves an
   * item's assessment before it learns the item, and a re-score forgets what was learnt first.
   */
  countReport(head: number, documentId: string): void;
}

const SEVERITY_RANK = "CASE a.severity WHEN 'urgent' THEN 2 WHEN 'notable' THEN 1 WHEN 'routine' THEN 0 END";

// One row whether or not the document is known, as every report counts; "WHERE true" tells SQLite's
// parser that ON CONFLICT belongs to the INSERT. The new report takes the story when it is more
// relevant than the story's report, or as relevant and an earlier item.
const TAKES_STORY = 'excluded.story_item IS NOT NULL AND (st.story_item IS NULL OR excluded.relevance > st.relevance OR (excluded.relevance = st.relevance AND excluded.story_item < st.story_item))';
const COUNT_REPORT = `
  INSERT INTO knowledge_event_standing AS st (head, reports, severity, relevance, story, story_item)
  SELECT ?, 1, ${SEVERITY_RANK}, a.relevance, a.cluster_id, a.item_id
  FROM (SELECT ? AS document_id) report LEFT JOIN knowledge_documents d ON d.document_id = report.document_id LEFT JOIN assessments a ON a.item_id = d.item_id
  WHERE true
  ON CONFLICT (head) DO UPDATE SET
    reports = st.reports + 1,
    severity = CASE WHEN excluded.severity > coalesce(st.severity, -1) THEN excluded.severity ELSE st.severity END,
    relevance = CASE WHEN st.relevance IS NULL OR excluded.relevance > st.relevance THEN coalesce(excluded.relevance, st.relevance) ELSE st.relevance END,
    story = CASE WHEN ${TAKES_STORY} THEN excluded.story ELSE st.story END,
    story_item = CASE WHEN ${TAKES_STORY} THEN excluded.story_item ELSE st.story_item END`;

// The outlets are counted in the index of (head, outlet): an event may have thousands, and a listing
// ranks hundreds of events by how many outlets report each.
const STANDING = `
  SELECT r.head AS head, r.day AS day, r.words AS words, st.reports AS reports, st.severity AS severity, st.relevance AS relevance, st.story AS story,
    (SELECT count(*) FROM knowledge_report_outlets o WHERE o.head = r.head) AS outlets
  FROM knowledge_event_reports r JOIN knowledge_event_standing st ON st.head = r.head`;

/** Heads asked for by id go in lists of one of these lengths (padded with an id no event has), below every engine's limit on parameters. */
const LIST_LENGTHS = [8, 64, 512];
const NO_EVENT = -1;

export function prepareEventStandingStatements(db: Database.Database): EventStandingStatements {
  const between = db.prepare<[string, string], EventStanding>(`${STANDING} WHERE r.day >= ? AND r.day <= ? ORDER BY r.day, r.head`);
  const countReport = db.prepare<[number, string]>(COUNT_REPORT);
  const byHeads = new Map<number, { standings: Database.Statement<number[], EventStanding>; outlets: Database.Statement<number[], { head: number; outlet: string }> }>();
  const statementsFor = (count: number) => {
    let statements = byHeads.get(count);
    if (!statements) {
      const list = Array.from({ length: count }, () => '?').join(', ');
      statements = {
        standings: db.prepare<number[], EventStanding>(`${STANDING} WHERE r.head IN (${list}) ORDER BY r.day, r.head`),
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
    standingsOf: (heads) => inLists(heads, (chunk) => statementsFor(chunk.length).standings.all(...chunk)),
    outletsOf: (heads) => inLists(heads, (chunk) => statementsFor(chunk.length).outlets.all(...chunk)),
    countReport: (head, documentId) => void countReport.run(head, documentId),
  };
}
