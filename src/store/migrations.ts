// Versioned schema changes, applied in order at start-up. A migration is never edited once
// shipped: a change to the schema is a new entry at the end.

/**
 * Every reported event's standing from its reports, for a store whose reports were learnt before
 * the standings were kept, on SQLite and PostgreSQL alike. The story is that of the most relevant
 * report (the earliest item of equals), the first of the reports so ordered in a subquery, as
 * PostgreSQL has no bare columns beside an aggregate.
 */
export const EVENT_STANDINGS_FROM_REPORTS = `
  INSERT INTO knowledge_event_standing (head, reports, severity, relevance, story, story_item)
  SELECT counted.head, counted.reports, counted.severity, counted.relevance, top.cluster_id, top.item_id
  FROM (
    SELECT s.head AS head, count(*) AS reports, max(CASE a.severity WHEN 'urgent' THEN 2 WHEN 'notable' THEN 1 WHEN 'routine' THEN 0 END) AS severity, max(a.relevance) AS relevance
    FROM knowledge_report_sources s LEFT JOIN knowledge_documents d ON d.document_id = s.document_id LEFT JOIN assessments a ON a.item_id = d.item_id
    GROUP BY s.head
  ) counted
  LEFT JOIN assessments top ON top.item_id = (
    SELECT a2.item_id FROM knowledge_report_sources s2 JOIN knowledge_documents d2 ON d2.document_id = s2.document_id JOIN assessments a2 ON a2.item_id = d2.item_id
    WHERE s2.head = counted.head ORDER BY a2.relevance DESC, a2.item_id LIMIT 1)`;

/**
 * The timeline entries of each word, filled from the events a store holds already, on SQLite and
 * PostgreSQL alike: an event is reported (its entry has reports, and a standing) when it heads
 * reports or is a later report of one.
 */
export const ENTRY_WORDS_FROM_EVENT_WORDS = `
  INSERT INTO knowledge_entry_words (word, reported, start_day, end_day, head, event_id)
  SELECT w.word, CASE WHEN EXISTS (SELECT 1 FROM knowledge_event_reports r WHERE r.head = coalesce(e.same_event_as, e.id)) THEN 1 ELSE 0 END,
    w.start_day, w.end_day, coalesce(e.same_event_as, e.id), w.event_id
  FROM knowledge_event_words w JOIN knowledge_events e ON e.id = w.event_id`;

/** The full-text indexes of the items' title and text, and how each reads words. */
export const ITEM_TEXT_INDEXES = {
  items_search: 'porter unicode61 remove_diacritics 2',
  items_words: 'unicode61 remove_diacritics 2',
} as const;

/**
 * An external-content FTS5 index of the items' title and text, so the text is kept once, in items,
 * filled from the items already stored; triggers keep it in step with every insert, change and delete.
 */
export function itemsTextIndex(name: keyof typeof ITEM_TEXT_INDEXES): string {
  const tokenize = ITEM_TEXT_INDEXES[name];
  return `CREATE VIRTUAL TABLE ${name} USING fts5(
    title, text, content = 'items', content_rowid = 'id', tokenize = '${tokenize}'
  );
  INSERT INTO ${name} (${name}) VALUES ('rebuild');
  CREATE TRIGGER ${name}_after_insert AFTER INSERT ON items BEGIN
    INSERT INTO ${name} (rowid, title, text) VALUES (new.id, new.title, new.text);
  END;
  CREATE TRIGGER ${name}_after_delete AFTER DELETE ON items BEGIN
    INSERT INTO ${name} (${name}, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
  END;
  CREATE TRIGGER ${name}_after_update AFTER UPDATE OF title, text ON items BEGIN
    INSERT INTO ${name} (${name}, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO ${name} (rowid, title, text) VALUES (new.id, new.title, new.text);
  END;`;
}

export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE feeds (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    interval_seconds INTEGER NOT NULL,
    -- 1 for feeds the scheduler polls (from the config); 0 for feeds only tried by hand.
    scheduled INTEGER NOT NULL DEFAULT 1,
    paused INTEGER NOT NULL DEFAULT 0,
    etag TEXT,
    last_modified TEXT,
    last_attempt_at INTEGER,
    last_success_at INTEGER,
    last_error TEXT,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    next_due_at INTEGER NOT NULL DEFAULT 0
  );

  CREATE TABLE items (
    id INTEGER PRIMARY KEY,
    feed_id INTEGER NOT NULL REFERENCES feeds(id),
    guid TEXT,
    url TEXT,
    -- Identifies an item that has neither guid nor link, from its title and text.
    content_key TEXT,
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    author TEXT,
    published_at INTEGER,
    fetched_at INTEGER NOT NULL
  );
  -- A feed that republishes an item under the same guid or the same link stores it once.
  CREATE UNIQUE INDEX items_feed_guid ON items(feed_id, guid) WHERE guid IS NOT NULL;
  CREATE UNIQUE INDEX items_feed_url ON items(feed_id, url) WHERE url IS NOT NULL;
  CREATE UNIQUE INDEX items_feed_content ON items(feed_id, content_key) WHERE content_key IS NOT NULL;
  CREATE INDEX items_by_time ON items(coalesce(published_at, fetched_at));

  CREATE TABLE keyword_matches (
    item_id INTEGER NOT NULL REFERENCES items(id),
    rule TEXT NOT NULL,
    terms TEXT NOT NULL,
    PRIMARY KEY (item_id, rule)
  ) WITHOUT ROWID;
  CREATE INDEX keyword_matches_by_rule ON keyword_matches(rule, item_id);
  `,
  `
  -- What each item taught the knowledge base (entities, quotes, figures, dated events), as JSON,
  -- so the knowledge base is rebuilt at start without reading every item again.
  CREATE TABLE item_extracts (
    item_id INTEGER PRIMARY KEY REFERENCES items(id),
    extract TEXT NOT NULL
  );
  `,
  `
  -- What each item means for the team: relevance, novelty, severity, the reasons, and its story
  -- (cluster: the id of the first item that told it).
  CREATE TABLE assessments (
    item_id INTEGER PRIMARY KEY REFERENCES items(id),
    relevance REAL NOT NULL,
    novelty TEXT NOT NULL,
    severity TEXT NOT NULL,
    cluster_id INTEGER NOT NULL,
    reasons TEXT NOT NULL
  );
  CREATE INDEX assessments_by_cluster ON assessments(cluster_id);
  `,
  `
  -- Small facts the bot keeps about itself between runs (e.g. the hash of the chat commands it last
  -- registered), as key and value.
  CREATE TABLE bot_state (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  `,
  `
  -- Channels that receive digests and alerts. Rows from the config file are the seed (source
  -- 'config'); a change made from chat turns the row into source 'chat', which the file no longer
  -- overrides. An unsubscribed channel keeps its row with active = 0, so the seed does not return it.
  CREATE TABLE subscriptions (
    channel TEXT PRIMARY KEY,
    digest_at TEXT,
    digest_timezone TEXT,
    digest_when_quiet TEXT,
    alerts_min_severity TEXT,
    active INTEGER NOT NULL DEFAULT 1,
    source TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    updated_by TEXT
  );

  -- Every digest and alert, recorded before it is posted: the unique key (one digest per channel and
  -- day, one alert per channel and story) keeps restarts and overlapping runs from posting twice,
  -- and a pending row left by a crash is posted on the next run.
  CREATE TABLE deliveries (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    channel TEXT NOT NULL,
    kind TEXT NOT NULL,
    message TEXT NOT NULL,
    period_end INTEGER,
    created_at INTEGER NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending',
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    claimed_until INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    posted_at INTEGER
  );
  CREATE INDEX deliveries_due ON deliveries(status, next_attempt_at);
  CREATE INDEX deliveries_by_channel ON deliveries(channel, kind, period_end);

  -- Sitreps read items by arrival.
  CREATE INDEX items_by_arrival ON items(fetched_at);
  `,
  `
  -- Keyword rules and feeds changed from chat, over the config file: one row per rule (by name) or
  -- feed (by URL); value NULL means removed. Rules and feeds not changed from chat follow the file.
  CREATE TABLE config_overlay (
    section TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT,
    updated_at INTEGER NOT NULL,
    updated_by TEXT NOT NULL,
    PRIMARY KEY (section, key)
  );

  -- Every change made from chat, with who, when, and the value before and after (JSON, NULL for none).
  CREATE TABLE config_changes (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    author TEXT NOT NULL,
    section TEXT NOT NULL,
    key TEXT NOT NULL,
    summary TEXT NOT NULL,
    before TEXT,
    after TEXT
  );
  `,
  `
  -- Private answers their asker may still share in the channel they asked in, by the unguessable key
  -- the share button carries; the answer is the rendered-to-be Reply as JSON.
  CREATE TABLE shareable_answers (
    key TEXT PRIMARY KEY,
    asker TEXT NOT NULL,
    channel TEXT NOT NULL,
    line TEXT NOT NULL,
    answer TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX shareable_answers_by_age ON shareable_answers(created_at);
  `,
  `
  -- Items from a feed's first poll (its backlog): assessed like any other, never alerted on. Kept with
  -- the item so a restart that assesses items left unassessed by a crash still knows.
  ALTER TABLE items ADD COLUMN backlog INTEGER NOT NULL DEFAULT 0;

  -- When sitroom first called the platform to post a delivery. A pending delivery with this set may
  -- already be in the channel (a crash, or a lost answer, after the platform accepted it): the next
  -- attempt looks there before posting again.
  ALTER TABLE deliveries ADD COLUMN posting_started_at INTEGER;
  `,
  `
  -- Items stored and not yet assessed, by the time they are read in (publication, else fetch). An
  -- explicit state, because rounds are assessed in batches, oldest publication first, and a crash
  -- between batches leaves assessed items on both sides of ones still waiting.
  CREATE TABLE unassessed_items (
    item_id INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
    at INTEGER NOT NULL
  );
  CREATE INDEX unassessed_items_in_order ON unassessed_items(at, item_id);
  INSERT INTO unassessed_items (item_id, at)
    SELECT id, coalesce(published_at, fetched_at) FROM items WHERE id NOT IN (SELECT item_id FROM assessments);
  `,
  `
  -- One thread per story. A story's first alert in a channel is its thread; later reports of the story
  -- are follow-ups (parent_key: the alert's key) posted into it once it is posted, and broadcast to the
  -- channel too when they raise its severity. posted_ref is what the platform calls the posted message
  -- (Slack ts, Discord message id) and posted_url its link, so threads survive restarts.
  ALTER TABLE deliveries ADD COLUMN parent_key TEXT;
  ALTER TABLE deliveries ADD COLUMN cluster_id INTEGER;
  ALTER TABLE deliveries ADD COLUMN severity TEXT;
  ALTER TABLE deliveries ADD COLUMN broadcast INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE deliveries ADD COLUMN posted_ref TEXT;
  ALTER TABLE deliveries ADD COLUMN posted_url TEXT;
  CREATE INDEX deliveries_by_story ON deliveries(channel, cluster_id);

  -- The keyword rules a channel wants (JSON array of rule names); NULL for every rule.
  ALTER TABLE subscriptions ADD COLUMN topics TEXT;

  -- Marks people gave items with the feedback buttons: who, when, where, and which mark.
  CREATE TABLE feedback_marks (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES items(id),
    cluster_id INTEGER NOT NULL,
    channel TEXT NOT NULL,
    user_id TEXT NOT NULL,
    user_name TEXT NOT NULL,
    mark TEXT NOT NULL,
    at INTEGER NOT NULL
  );
  CREATE INDEX feedback_marks_by_story ON feedback_marks(channel, cluster_id);
  CREATE INDEX feedback_marks_by_item ON feedback_marks(item_id);
  `,
  `
  -- Full-text search over every stored item (/search): an external-content FTS5 table, so the text is
  -- kept once, in items; triggers keep the index in step with every insert, change and delete. The
  -- porter stemmer lets "sanction" find "sanctions"; accents are folded, so "cafe" finds "café".
  ${itemsTextIndex('items_search')}
  `,
  `
  -- Corrections: a feed that re-publishes an item (same guid or link) with another title or text
  -- gives a new row, a version that revises the one before; the earlier row is kept, marked as
  -- superseded, and no longer holds the item's guid or link for the feed.
  ALTER TABLE items ADD COLUMN revises INTEGER REFERENCES items(id);
  ALTER TABLE items ADD COLUMN superseded INTEGER NOT NULL DEFAULT 0;
  CREATE INDEX items_by_revised ON items(revises) WHERE revises IS NOT NULL;
  DROP INDEX items_feed_guid;
  DROP INDEX items_feed_url;
  CREATE UNIQUE INDEX items_feed_guid ON items(feed_id, guid) WHERE guid IS NOT NULL AND superseded = 0;
  CREATE UNIQUE INDEX items_feed_url ON items(feed_id, url) WHERE url IS NOT NULL AND superseded = 0;
  `,
  `
  -- Feed health in the channels: when the feed's current run of failures began (NULL while it works),
  -- and the start of the run the channels were told about, so each outage is announced once and its
  -- end once, across restarts.
  ALTER TABLE feeds ADD COLUMN failing_since INTEGER;
  ALTER TABLE feeds ADD COLUMN outage_announced_since INTEGER;
  `,
  `
  -- What sitroom has learnt from the baseline and every stored item's extract, merged (one record per
  -- person however many sources name them), so /who, /timeline and the assessment read it here
  -- rather than from memory. Filled as extracts are stored; a store from before this table is
  -- backfilled at start from item_extracts (knowledge_state says how far).
  CREATE TABLE knowledge_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE knowledge_documents (document_id TEXT PRIMARY KEY, item_id INTEGER);
  CREATE INDEX knowledge_documents_by_item ON knowledge_documents(item_id);
  CREATE TABLE knowledge_entities (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    canonical_name TEXT NOT NULL,
    -- Every name as sources wrote it, in the order they came (JSON array).
    aliases TEXT NOT NULL,
    role TEXT,
    works_for TEXT,
    affiliation TEXT,
    mention_count INTEGER NOT NULL
  );
  -- "person:vladimir putin": the record a newly read entity merges into.
  CREATE TABLE knowledge_entity_keys (name_key TEXT PRIMARY KEY, entity_id INTEGER NOT NULL);
  -- /who by a whole name or alias (normalised), and by the words of one; knowledge_name_words lists
  -- each word once with its first letter, for prefixes and "did you mean".
  CREATE TABLE knowledge_aliases (id INTEGER PRIMARY KEY, alias TEXT NOT NULL, entity_id INTEGER NOT NULL, UNIQUE (alias, entity_id));
  CREATE TABLE knowledge_entity_words (id INTEGER PRIMARY KEY, word TEXT NOT NULL, entity_id INTEGER NOT NULL, UNIQUE (word, entity_id));
  CREATE TABLE knowledge_name_words (id INTEGER PRIMARY KEY, word TEXT NOT NULL UNIQUE, initial TEXT NOT NULL);
  CREATE INDEX knowledge_name_words_by_initial ON knowledge_name_words(initial, id);
  -- Each source's sentence naming an entity, and each statement of its role, oldest first.
  CREATE TABLE knowledge_mentions (id INTEGER PRIMARY KEY, entity_id INTEGER NOT NULL, from_item INTEGER NOT NULL, origin TEXT NOT NULL);
  CREATE INDEX knowledge_mentions_by_entity ON knowledge_mentions(entity_id, from_item, id);
  CREATE TABLE knowledge_roles (id INTEGER PRIMARY KEY, entity_id INTEGER NOT NULL, reported_on TEXT NOT NULL, statement TEXT NOT NULL);
  CREATE INDEX knowledge_roles_by_entity ON knowledge_roles(entity_id, id);
  -- words: the quote's words normalised, so the same words from another outlet are found as one quote.
  CREATE TABLE knowledge_quotes (id INTEGER PRIMARY KEY, entity_id INTEGER NOT NULL, kind TEXT NOT NULL, words TEXT NOT NULL, quote TEXT NOT NULL);
  CREATE INDEX knowledge_quotes_by_entity ON knowledge_quotes(entity_id, kind, words);
  CREATE TABLE knowledge_figures (id INTEGER PRIMARY KEY, measure_key TEXT NOT NULL, reported_on TEXT NOT NULL, fact TEXT NOT NULL);
  CREATE INDEX knowledge_figures_by_measure ON knowledge_figures(measure_key, reported_on, id);
  -- The timeline: events by date (long_span: spans over two months, few, scanned apart), by word of
  -- their summary and participants, scheduled ones by participant and month, and the reports of one
  -- event on one day (knowledge_event_reports, headed by its first event's id).
  CREATE TABLE knowledge_events (
    id INTEGER PRIMARY KEY,
    start_day TEXT NOT NULL,
    end_day TEXT NOT NULL,
    long_span INTEGER NOT NULL,
    -- The first report of the same event, when it is another event's id.
    same_event_as INTEGER,
    event TEXT NOT NULL,
    searchable TEXT NOT NULL
  );
  CREATE INDEX knowledge_events_by_date ON knowledge_events(long_span, start_day, end_day, id);
  -- The event's dates beside each word, so a term's events are read latest first from the index alone.
  CREATE TABLE knowledge_event_words (word TEXT NOT NULL, start_day TEXT NOT NULL, end_day TEXT NOT NULL, event_id INTEGER NOT NULL, PRIMARY KEY (word, start_day, end_day, event_id));
  CREATE TABLE knowledge_pending_events (id INTEGER PRIMARY KEY, participant_month TEXT NOT NULL, event_id INTEGER NOT NULL);
  CREATE INDEX knowledge_pending_events_by_key ON knowledge_pending_events(participant_month, id);
  CREATE INDEX knowledge_pending_events_by_event ON knowledge_pending_events(event_id);
  CREATE TABLE knowledge_event_reports (head INTEGER PRIMARY KEY, day TEXT NOT NULL, words TEXT NOT NULL);
  CREATE INDEX knowledge_event_reports_by_day ON knowledge_event_reports(day, head);
  CREATE TABLE knowledge_report_sources (id INTEGER PRIMARY KEY, head INTEGER NOT NULL, document_id TEXT NOT NULL, origin TEXT NOT NULL, UNIQUE (head, document_id));
  CREATE TABLE knowledge_report_outlets (id INTEGER PRIMARY KEY, head INTEGER NOT NULL, outlet TEXT NOT NULL, UNIQUE (head, outlet));
  CREATE TABLE knowledge_report_words (day TEXT NOT NULL, word TEXT NOT NULL, head INTEGER NOT NULL, PRIMARY KEY (day, word, head));
  -- How many reports use each word: rare words tell one event from another.
  CREATE TABLE knowledge_report_word_counts (word TEXT PRIMARY KEY, reports INTEGER NOT NULL);
  `,
  `
  -- The words of every item as written (accents folded), beside items_search's stems: a word's beginning
  -- is searched here, since "negotiat*" must find "negotiators", whose stem "negoti" does not begin so.
  ${itemsTextIndex('items_words')}
  `,
  `
  -- What is kept of an item pruned by storage.keepItems: its title, for the timeline entries and
  -- /who mentions that still cite it.
  CREATE TABLE pruned_items (item_id INTEGER PRIMARY KEY, title TEXT NOT NULL);
  `,
  `
  -- Each timeline event's standing as the assessment saw its reports (report count, highest severity
  -- and relevance, the story of the most relevant report), kept as reports are learnt so /timeline
  -- reads one row an event rather than every report; filled from the reports a store holds already.
  CREATE TABLE knowledge_event_standing (head INTEGER PRIMARY KEY, reports INTEGER NOT NULL, severity INTEGER, relevance REAL, story INTEGER, story_item INTEGER);
  ${EVENT_STANDINGS_FROM_REPORTS};
  `,
  `
  -- The overlay is applied in the order its entries were first made, kept in a column of its own
  -- (PostgreSQL has no rowid to order by); a new entry goes after every other.
  ALTER TABLE config_overlay ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
  UPDATE config_overlay SET position = rowid;
  `,
  `
  -- The Slack workspaces sitroom is installed in by OAuth (slack-installation-store.ts): each
  -- installation, its bot token included, sealed with AES-256-GCM under SITROOM_ENCRYPTION_KEY.
  CREATE TABLE slack_installations (
    installation_key TEXT PRIMARY KEY,
    team_id TEXT,
    enterprise_id TEXT,
    sealed_installation TEXT NOT NULL,
    installed_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  `,
  `
  -- PostgreSQL compares text by its database's locale unless told otherwise; its twin makes the
  -- columns that are ranged over or ordered compare bytes, as SQLite's do already: nothing to do here.
  `,
  `
  -- Each word's timeline entries, reported ones apart from the others (scheduled, or dated by month
  -- or year), each in date order: "/timeline about TERM" reads the standings of the reported entries
  -- and the latest few others, never every event that holds a frequent word. One row an event, as the
  -- window and a phrase are tested on each event of an entry.
  CREATE TABLE knowledge_entry_words (word TEXT NOT NULL, reported INTEGER NOT NULL, start_day TEXT NOT NULL, end_day TEXT NOT NULL, head INTEGER NOT NULL, event_id INTEGER NOT NULL,
    PRIMARY KEY (word, reported, start_day, end_day, head, event_id)) WITHOUT ROWID;
  ${ENTRY_WORDS_FROM_EVENT_WORDS};
  -- A person's role statements newest first, so /who reads the date of the latest without the rest.
  CREATE INDEX knowledge_roles_by_entity_day ON knowledge_roles(entity_id, reported_on, id);
  `,
];
