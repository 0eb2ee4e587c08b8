// Durations written as an admin writes them ("5m", not 300) in a config exported for editing. The
// schema says which fields are durations, so a duration field added later is written the same way.
import { z } from 'zod';
import { configSchema, durationSeconds } from './schema.js';

const UNITS = [
  ['d', 86400],
  ['h', 3600],
  ['m', 60],
] as const;

/** 300 → "5m", 21600 → "6h", 90 → "90s": the largest unit that divides it exactly. */
export function formatDuration(seconds: number): string {
  for (const [unit, size] of UNITS) if (seconds % size === 0) return `${seconds / size}${unit}`;
  return `${seconds}s`;
}

/** The config (as the schema read it) with every duration field as text again. */
export function withWrittenDurations(value: unknown, schema: z.ZodType = configSchema): unknown {
  const inner = unwrap(schema);
  if (inner === durationSeconds) return typeof value === 'number' ? formatDuration(value) : value;
  if (inner instanceof z.ZodArray && Array.isArray(value)) return value.map((entry) => withWrittenDurations(entry, inner.element as z.ZodType));
  if (inner instanceof z.ZodObject && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const shape = inner.shape as Record<string, z.ZodType>;
    return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, shape[key] ? withWrittenDurations(field, shape[key]) : field]));
  }
  return value;
}

function unwrap(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault || schema instanceof z.ZodPrefault || schema instanceof z.ZodNullable) {
    return unwrap(schema.unwrap() as z.ZodType);
  }
  return schema;
}
