// The timeout is a guard against a test that hangs, not a measure of speed (that is `npm run bench`):
// the chat and CLI tests start real servers and load Vega and the language model at first use, which
// takes seconds more on a busy two-core machine than on a quiet one.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
