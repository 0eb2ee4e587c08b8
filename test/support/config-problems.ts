// The problems a config loader reports, as the lines a user would read; none when it loads.
import { ConfigError } from '../../src/config/load-config.js';

export function configProblems(load: () => unknown): string[] {
  try {
    load();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}
