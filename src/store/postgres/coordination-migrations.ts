// Tables only PostgreSQL has: what several instances sharing one database use to divide the work.
// Versioned apart from the store (schema_version row 'coordination'), so the store's version numbers
// stay those of SQLite. Expiries are timestamptz on the database clock: instances' clocks differ,
// the database's is the one they share.

export const COORDINATION_MIGRATIONS: readonly string[] = [
  `
  -- Work one instance has claimed: a feed to fetch ('feed') or a delivery to post ('delivery'), by the
  -- subject's id. token is new at every claim, so a write fenced by it fails once another instance
  -- has claimed the subject after this claim expired.
  CREATE SEQUENCE work_lease_tokens;
  CREATE TABLE work_leases (
    kind text NOT NULL,
    subject_id bigint NOT NULL,
    holder text NOT NULL,
    token bigint NOT NULL,
    expires_at timestamptz NOT NULL,
    PRIMARY KEY (kind, subject_id)
  );

  -- The number of the last committed change to shared state. One row, bumped in the writing
  -- transaction: its row lock queues the writers, so the numbers follow commit order without gaps,
  -- which lets a listener tell a missed notification from a late one.
  CREATE TABLE change_sequence (only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row), last_change bigint NOT NULL);
  INSERT INTO change_sequence (last_change) VALUES (0);
  `,
];
