// The core must not know any chat platform: only src/chat/<platform>/ and the composition root may
// import @slack/* or discord.js.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const PLATFORM_IMPORT = /from\s+['"](@slack\/[^'"]+|discord\.js|@discordjs\/[^'"]+)['"]/;
const ALLOWED = [/^src\/chat\/(slack|discord)\//, /^src\/main\.ts$/];

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    return entry.isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('module boundaries', () => {
  it('keeps platform libraries out of the core', () => {
    const files = sourceFiles('src').map((path) => relative('.', path).replaceAll('\\', '/'));
    expect(files.length).toBeGreaterThan(10);
    const offenders = files.filter((file) => !ALLOWED.some((allowed) => allowed.test(file)) && PLATFORM_IMPORT.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
