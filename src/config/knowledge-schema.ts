// The `knowledge` section: the names and units that matter for the crisis a team follows, added to
// what sitroom knows of the world (src/config/world-names.ts). A team setting up for another crisis
// lists its own places, organisations, leaders and units here; no code changes.
import { z } from 'zod';

const nonEmptyName = z.string().trim().min(1, 'expected a non-empty name');

export const knownNameSchema = z.strictObject({
  name: nonEmptyName,
  kind: z.enum(['person', 'organization', 'place'], { message: 'expected "person", "organization" or "place"' }),
  /** Other spellings and short forms, matched case-sensitively as whole words. */
  aliases: z.array(nonEmptyName).optional(),
  /** Adjectives and nouns for a place's people ("Kazakh"): they point to the place in roles. */
  demonyms: z.array(nonEmptyName).optional(),
  /** The country or organisation it belongs to. */
  affiliation: nonEmptyName.optional(),
});

export const knowledgeSchema = z.strictObject({
  names: z.array(knownNameSchema).default([]),
  /** Words figures are given in, and what they count: `soldiers: troops` reads "5,000 soldiers" as 5,000 troops. */
  units: z.record(z.string().trim().min(1).regex(/^[a-z][a-z -]*$/, 'expected a lower-case word or phrase'), nonEmptyName).default({}),
}).prefault({});

export type KnowledgeConfig = z.output<typeof knowledgeSchema>;
