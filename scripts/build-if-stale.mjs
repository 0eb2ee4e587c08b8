// `npm start` compiles the TypeScript only when a source is newer than the built command: a build
// takes seconds, and most starts change nothing. Run from the project folder.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BUILT = join('dist', 'src', 'cli.js');
const tsc = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));

const sources = ['package.json', 'tsconfig.json', ...readdirSync('src', { recursive: true }).map((file) => join('src', String(file))).filter((file) => file.endsWith('.ts'))];
const newestSource = Math.max(...sources.filter((file) => existsSync(file)).map((file) => statSync(file).mtimeMs));
if (existsSync(BUILT) && statSync(BUILT).mtimeMs >= newestSource) {
  process.stderr.write('sitroom: build is up to date\n');
} else {
  process.stderr.write('sitroom: sources changed, building\n');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { stdio: 'inherit' });
}
