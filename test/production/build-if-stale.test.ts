// `npm start` builds only when a source changed: the build step of package.json's start script, run
// by the shell as npm runs it, on a small project of its own (one source file) that shares sitroom's
// scripts and node_modules.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const RUN_SITROOM = ' && node dist/src/cli.js run';
const packageJson = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
const project = mkdtempSync(join(tmpdir(), 'sitroom-start-'));
afterAll(() => rmSync(project, { recursive: true, force: true }));

/** Runs what `npm start` runs before sitroom itself, in the project; returns what it printed on stderr. */
function start(): string {
  const buildStep = packageJson.scripts.start!.slice(0, -RUN_SITROOM.length);
  const path = `${join(project, 'node_modules', '.bin')}:${process.env.PATH}`;
  const result = spawnSync('sh', ['-c', buildStep], { cwd: project, encoding: 'utf8', env: { ...process.env, PATH: path } });
  if (result.status !== 0) throw new Error(`the start script's build step failed: ${result.stderr}`);
  return result.stderr;
}

describe('npm start', { timeout: 120_000 }, () => {
  it('builds when there is no build, then not while nothing changed, then again after a source changed', () => {
    expect(packageJson.scripts.start!.endsWith(RUN_SITROOM)).toBe(true);
    mkdirSync(join(project, 'src'));
    writeFileSync(join(project, 'package.json'), JSON.stringify({ type: 'module', scripts: { build: packageJson.scripts.build } }));
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions: { outDir: 'dist', rootDir: '.', module: 'NodeNext', target: 'ES2022', skipLibCheck: true, types: [] }, include: ['src/**/*.ts'] }));
    writeFileSync(join(project, 'src', 'cli.ts'), 'export const answer: number = 42;\n');
    symlinkSync(resolve('scripts'), join(project, 'scripts'));
    symlinkSync(resolve('node_modules'), join(project, 'node_modules'));
    const aMinuteAgo = new Date(Date.now() - 60_000);
    for (const file of ['package.json', 'tsconfig.json', 'src/cli.ts']) utimesSync(join(project, file), aMinuteAgo, aMinuteAgo);
    const built = join(project, 'dist', 'src', 'cli.js');

    expect(start()).toBe('sitroom: sources changed, building\n');
    const builtAt = statSync(built).mtimeMs;
    // The second start leaves the build as it was: no compiler run.
    expect(start()).toBe('sitroom: build is up to date\n');
    expect(statSync(built).mtimeMs).toBe(builtAt);

    writeFileSync(join(project, 'src', 'cli.ts'), 'export const answer: number = 43;\n');
    expect(start()).toBe('sitroom: sources changed, building\n');
    expect(readFileSync(built, 'utf8')).toContain('43');
  });
});
