// The Dockerfile, checked without Docker (this machine cannot pull base images): the dockerfile-utils
// linter, the rules that make it a production image, the files it copies, its health check command
// run for real, and its start command being the one the README documents.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DockerfileParser, type Instruction, type ModifiableInstruction } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';
import { describe, expect, it } from 'vitest';

const dockerfile = readFileSync('Dockerfile', 'utf8');
const parsed = DockerfileParser.parse(dockerfile);
const instructions = parsed.getInstructions();
const stages = splitStages(instructions);
const runStage = stages.at(-1)!;
const ignored = readFileSync('.dockerignore', 'utf8').split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));
/** The run stage's WORKDIR, where paths copied from the build stage also live. */
const APP_DIR = '/app/';

function splitStages(all: Instruction[]): Instruction[][] {
  return all.reduce<Instruction[][]>((stages, instruction) => {
    if (instruction.getKeyword() === 'FROM') stages.push([]);
    stages.at(-1)?.push(instruction);
    return stages;
  }, []);
}

const args = (instruction: Instruction): string[] => instruction.getArguments().map((argument) => argument.getValue());
/** The stage a COPY takes its files from (--from=NAME), if not the build context. */
const fromStage = (copy: Instruction): string | undefined => (copy as ModifiableInstruction).getFlags().find((flag) => flag.getName() === 'from')?.getValue() ?? undefined;
const inStage = (stage: Instruction[], keyword: string): Instruction[] => stage.filter((instruction) => instruction.getKeyword() === keyword);
/** The words of an exec-form (JSON array) CMD, as Docker runs them. */
const execForm = (instruction: Instruction): string[] => JSON.parse(instruction.getArgumentsContent()!.replace(/\\\n/g, '').replace(/^.*?(?=\[)/s, '')) as string[];

describe('Dockerfile', () => {
  it('passes the dockerfile-utils linter with no warning', () => {
    expect(validate(dockerfile).map((problem) => `line ${problem.range.start.line + 1}: ${problem.message}`)).toEqual([]);
  });

  it('builds on Node 20 bookworm-slim in two stages and runs with production dependencies only', () => {
    expect(stages).toHaveLength(2);
    expect(stages.map((stage) => args(stage[0]!)[0])).toEqual(['node:20-bookworm-slim', 'node:20-bookworm-slim']);
    const buildRuns = inStage(stages[0]!, 'RUN').map((instruction) => instruction.getArgumentsContent()).join('\n');
    expect(buildRuns).toMatch(/npm ci && npm prune --omit=dev/);
    expect(inStage(runStage, 'RUN').map((instruction) => instruction.getArgumentsContent()).join('\n')).not.toMatch(/npm (ci|install)/);
    expect(inStage(runStage, 'COPY').filter((copy) => fromStage(copy) === 'build').map((copy) => args(copy)[0])).toEqual(['/app/node_modules', '/app/dist/src']);
  });

  it('runs as the unprivileged node user, keeps the database on the /data volume and logs JSON', () => {
    const userAt = runStage.findIndex((instruction) => instruction.getKeyword() === 'USER');
    expect(args(runStage[userAt]!)).toEqual(['node']);
    expect(userAt).toBeLessThan(runStage.findIndex((instruction) => instruction.getKeyword() === 'CMD'));
    const environment = inStage(runStage, 'ENV').flatMap(args).join(' ');
    expect(environment).toContain('SITROOM_DB=/data/sitroom.db');
    expect(environment).toContain('LOG_FORMAT=json');
    expect(environment).toContain('PORT=3000');
    expect(inStage(runStage, 'VOLUME').map((volume) => volume.getArgumentsContent())).toEqual(['["/data"]']);
    expect(inStage(runStage, 'RUN').map((instruction) => instruction.getArgumentsContent())).toContain('mkdir -p /data && chown node:node /data');
  });

  it('copies only files that exist in the repository and are not left out of the build context', () => {
    for (const copy of instructions.filter((instruction) => instruction.getKeyword() === 'COPY')) {
      const built = fromStage(copy) !== undefined;
      for (const source of args(copy).slice(0, -1)) {
        // What the build stage produced is what `npm ci` and `npm run build` produce here.
        const local = built ? source.slice(APP_DIR.length) : source;
        expect(existsSync(local), `COPY ${copy.getArgumentsContent()}: ${local}`).toBe(true);
        if (!built) expect(ignored, `${source} is excluded by .dockerignore`).not.toContain(source);
      }
    }
  });

  it('starts the command the README documents, whose script the build produces', () => {
    const [cmd] = inStage(runStage, 'CMD');
    const command = execForm(cmd!);
    expect(command).toEqual(['node', 'dist/src/cli.js', 'run']);
    expect(existsSync(command[1]!)).toBe(true);
    const deploy = readFileSync('README.md', 'utf8').split(/^## /m).find((section) => section.startsWith('Deploy'));
    expect(deploy).toContain(`\`${command.join(' ')}\``);
  });

  it('has a HEALTHCHECK command that exits 0 on a healthy /healthz and 1 on a 503 or no answer', async () => {
    const [healthcheck] = inStage(runStage, 'HEALTHCHECK');
    const command = execForm(healthcheck!);
    let status = 200;
    const probed: string[] = [];
    const server = createServer((request, response) => {
      probed.push(request.url ?? '');
      response.writeHead(status).end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      expect(await exitCode(command, port)).toBe(0);
      status = 503;
      expect(await exitCode(command, port)).toBe(1);
      expect(probed).toEqual(['/healthz', '/healthz']);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(await exitCode(command, port)).toBe(1);
  }, 15_000);
});

function exitCode(command: string[], port: number): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const [program, ...rest] = command;
    const child = spawn(program === 'node' ? process.execPath : program!, rest, { env: { ...process.env, PORT: String(port) }, stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code));
  });
}
