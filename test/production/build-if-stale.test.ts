// `npm start` builds only when a source changed: the start script's check, run as npm runs it, on a
// small project of its own (one source file).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const script = resolve('scripts/build-if-stale.mjs');
const project = mkdtempSync(join(tmpdir(), 'sitroom-start-'));
afterAll(() => rmSync(project, { recursive: true, force: true }));

/** Runs the start script's check in the project and returns what it printed on stderr. */
function start(): string {
  const result = spawnSync(process.execPath, [script], { cwd: project, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`build-if-stale failed: ${result.stderr}`);
  return result.stderr;
}

describe('npm start', { timeout: 120_000 }, () => {
  it('builds when there is no build, then not while nothing changed, then again after a source changed', () => {
    mkdirSync(join(project, 'src'));
    writeFileSync(join(project, 'package.json'), '{"type":"module"}');
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions: { outDir: 'dist', rootDir: '.', module: 'NodeNext', target: 'ES2022', skipLibCheck: true, types: [] }, include: ['src/**/*.ts'] }));
    writeFileSync(join(project, 'src', 'cli.ts'), 'export const answer: number = 42;\n');
    const aMinuteAgo = new Date(Date.now() - 60_000);
    for (const file of ['package.json', 'tsconfig.json', 'src/cli.ts']) utimesSync(join(project, file), aMinuteAgo, aMinuteAgo);
    const built = join(project, 'dist', 'src', 'cli.js');

    expect(start()).toBe('sitroom: sources changed, building\n');
    const builtAt = statSync(built).mtimeMs;
    expect(start()).toBe('sitroom: build is up to date\n');
    expect(statSync(built).mtimeMs).toBe(builtAt);

    writeFileSync(join(project, 'src', 'cli.ts'), 'export const answer: number = 43;\n');
    expect(start()).toBe('sitroom: sources changed, building\n');
  });
});
