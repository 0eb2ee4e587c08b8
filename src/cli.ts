#!/usr/bin/env node
// The `sitroom` command: run | poll | ask | digest | replay | backup | discord register. Parses arguments and prints; the work is done elsewhere.
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { renderPlainText } from './chat/console/render-plain-text.js';
import { ConfigError } from './config/load-config.js';
import { durationSeconds, feedUrl } from './config/schema.js';
import { describeOlderItemsSkipped, type PollOutcome } from './feeds/poll-feeds.js';
import { BackupRefused, backupDatabase } from './store/backup-database.js';
import { DatabaseProblem, describeDatabaseError } from './store/database-problems.js';
import { PostgresProblem } from './store/postgres/postgres-problem.js';
import { readDatabaseAddress, withoutPassword } from './store/database-address.js';
import type { Store } from './store/open-store.js';
import { stripControlCharacters } from './text/strip-control-characters.js';
import { COMMANDS } from './commands/registry.js';
import { consoleUser, databasePath, DEFAULT_CONFIG_PATH, DEFAULT_DB_PATH, discordOptionsFromEnv, loadSetup, openSitroom, runSitroom, type GlobalOptions } from './main.js';
import { replayAndPrint } from './replay/print-replay.js';
import { ArchiveError } from './replay/read-archive.js';
import { ReplayRefused } from './replay/replay-archive.js';

const program = new Command()
  .name('sitroom')
  .description('Crisis monitoring: polls feeds, matches keywords, answers questions in chat.')
  .addOption(new Option('--config <path>', `config file (env SITROOM_CONFIG, default ${DEFAULT_CONFIG_PATH})`))
  .addOption(new Option('--db <path>', `SQLite database file, or a postgres:// URL (checked, not yet usable) (env SITROOM_DB, default ${DEFAULT_DB_PATH})`))
  .version(packageVersion(), '--version', 'print the version of sitroom')
  .showHelpAfterError()
  .hook('preAction', async (_program, command) => {
    if (command.name() === 'migrate-store') return;
    const { db } = program.opts<GlobalOptions>();
    // replay keeps its database in memory unless --db names one.
    const given = command.name() === 'replay' ? { db } : { db, env: process.env.SITROOM_DB };
    const value = given.db ?? given.env;
    // The PostgreSQL client is loaded only for a PostgreSQL address.
    if (value !== undefined && readDatabaseAddress(value)?.engine === 'postgres') await (await import('./store/postgres/refuse-postgres-store.js')).refusePostgresUntilSupported(given);
  });

program
  .command('run')
  .description('start sitroom: feed polling, and the interactive console when no chat tokens are set')
  .action(async () => runSitroom(program.opts<GlobalOptions>()));

program
  .command('poll')
  .description('poll feeds now and print the items that are new')
  .option('--once', 'poll once and exit (the only mode; kept for clarity in scripts)')
  .option('--feed <url...>', 'poll these addresses instead of the configured feeds (to try a feed before adding it)')
  .option('--json', 'print one JSON object per new item')
  .action(async (options: { feed?: string[]; json?: boolean }) => {
    const running = await openSitroom(program.opts<GlobalOptions>(), 'warn', undefined, 'polls');
    try {
      const addresses = options.feed?.map(checkAddress);
      const outcomes = addresses ? await running.sitroom.pollAddresses(addresses) : await running.sitroom.pollScheduledFeeds();
      printOutcomes(outcomes, Boolean(options.json), running.store, running.sitroom.services.config().polling.maxItemsPerPoll);
      if (outcomes.some((outcome) => outcome.status === 'failed')) process.exitCode = 1;
    } finally {
      running.close();
    }
  });

program
  .command('ask')
  .description('run one chat command, e.g. sitroom ask "/status", and print the reply')
  .argument('<command>', 'the command as typed in chat')
  .option('--json', 'print the neutral reply as JSON')
  .option('--admin', 'run as an admin')
  .action((line: string, options: { json?: boolean; admin?: boolean }) => askAndPrint(line, { json: options.json, isAdmin: options.admin || undefined }));

program
  .command('digest')
  .description('print the sitrep for a channel now, from what is stored (the schedule is not touched)')
  .option('--print', 'print it here (the only mode; digests are posted to chat by `sitroom run`)')
  .option('--channel <channel>', 'whose sitrep: its time zone and last digest', 'console:general')
  .option('--since <when>', 'the period start: a date (2022-02-24), "today", "24h" or "7d"; default: since the last digest')
  .option('--json', 'print the neutral reply as JSON')
  .action((options: { channel: string; since?: string; json?: boolean }) => {
    const since = options.since === undefined ? '' : /^\d{4}-/.test(options.since) ? ` since ${options.since}` : ` ${options.since}`;
    return askAndPrint(`/digest${since}`, { json: options.json, channel: options.channel });
  });

program
  .command('replay')
  .description("run an archive of feed items through sitroom on a simulated clock, day by day, and print each day's sitrep, alerts and a summary")
  .argument('<archive...>', 'RSS/Atom files, JSON lines (.jsonl: source, title, description, link, date_published) or folders of them')
  .requiredOption('--from <date>', 'first day whose sitrep is shown (YYYY-MM-DD, in the channel\'s time zone)')
  .requiredOption('--to <date>', 'last day whose sitrep is shown (YYYY-MM-DD)')
  .option('--channel <channel>', 'whose daily sitrep: a subscription in the config', 'console:general')
  .option('--poll-every <duration>', 'how often each feed is polled, in simulated time', '1h')
  .option('--restart-daily', 'start sitroom afresh over the same database at every simulated midnight')
  .option('--out <folder>', 'write one file per day, summary.txt and replay.json there')
  .option('--json', 'print the days, the label of every item and the summary as JSON')
  .action(async (archive: string[], options: { from: string; to: string; channel: string; pollEvery: string; restartDaily?: boolean; out?: string; json?: boolean }) => {
    for (const [flag, date] of [['--from', options.from], ['--to', options.to]]) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date!) || Number.isNaN(Date.parse(date!))) throw new UsageError(`${flag} ${date}: expected a date like 2022-01-10`);
    }
    if (options.from > options.to) throw new UsageError(`--from ${options.from} is after --to ${options.to}`);
    const pollEvery = durationSeconds.safeParse(options.pollEvery);
    if (!pollEvery.success) throw new UsageError(`--poll-every: ${pollEvery.error.issues[0]?.message}`);
    const { db } = program.opts<GlobalOptions>();
    const dbPath = db === undefined ? ':memory:' : databasePath({ db });
    const { log, ...setup } = loadSetup(program.opts<GlobalOptions>(), 'warn');
    try {
      await replayAndPrint(archive, { ...setup, log }, { ...options, pollEveryMs: pollEvery.data * 1000, restartDaily: Boolean(options.restartDaily), json: Boolean(options.json), dbPath });
    } catch (error) {
      if (error instanceof ReplayRefused || error instanceof ArchiveError) throw new UsageError(`replay: ${error.message}`);
      throw error;
    }
  });

program
  .command('backup')
  .description('copy the database, consistently, while sitroom keeps running (SQLite online backup)')
  .argument('<path>', 'the new file to write the copy to')
  .action(async (target: string) => {
    const source = databasePath(program.opts<GlobalOptions>());
    try {
      const { bytes } = await backupDatabase(source, target);
      process.stdout.write(`Backed up ${source} to ${target} (${(bytes / 1_048_576).toFixed(1)} MB, integrity checked).\n`);
    } catch (error) {
      if (error instanceof BackupRefused) throw new UsageError(`backup: ${error.message}`);
      throw error;
    }
  });

program
  .command('migrate-store')
  .description('copy the SQLite store (--db or SITROOM_DB) into an empty PostgreSQL database')
  .requiredOption('--to <url>', 'the PostgreSQL database: postgres://USER:PASSWORD@HOST:PORT/DATABASE')
  .action(async (options: { to: string }) => {
    const source = databasePath(program.opts<GlobalOptions>());
    if (readDatabaseAddress(options.to)?.engine !== 'postgres') throw new UsageError(`migrate-store --to ${withoutPassword(options.to)}: expected a postgres:// URL`);
    const { copySqliteToPostgres, StoreCopyRefused } = await import('./store/postgres/copy-sqlite-to-postgres.js');
    try {
      const copy = await copySqliteToPostgres(source, options.to, (line) => process.stderr.write(`${line}\n`));
      const rows = copy.tables.reduce((sum, table) => sum + table.rows, 0);
      process.stdout.write(`Copied ${rows} rows in ${copy.tables.length} tables from ${source} to ${withoutPassword(options.to)}.\n`);
    } catch (error) {
      if (error instanceof StoreCopyRefused) throw new UsageError(`migrate-store: ${error.message}`);
      throw error;
    }
  });

program
  .command('discord')
  .description('Discord bot tasks')
  .command('register')
  .description('register the slash commands with Discord now (bulk overwrite; in DISCORD_GUILD_ID only, when set)')
  .action(async () => {
    const discord = discordOptionsFromEnv();
    if (!discord) throw new UsageError('Set DISCORD_TOKEN and DISCORD_APPLICATION_ID first (see the README, "Discord").');
    // Loaded here, not at the top: discord.js would add most of a second to every other command.
    const { describeDiscordError } = await import('./chat/discord/describe-discord-error.js');
    const { registerDiscordCommandsWithToken } = await import('./chat/discord/register-discord-commands.js');
    const running = await openSitroom(program.opts<GlobalOptions>(), 'warn');
    try {
      const count = await registerDiscordCommandsWithToken({ ...discord, botState: running.store.botState, commands: COMMANDS });
      process.stdout.write(`Registered ${count} commands ${discord.guildId ? `in guild ${discord.guildId}` : 'globally'}.\n`);
    } catch (error) {
      throw new UsageError(`Discord commands not registered: ${describeDiscordError(error).message}`);
    } finally {
      running.close();
    }
  });

/** Runs one chat command as the person at the terminal and prints the reply; exit code 1 for an error reply. */
async function askAndPrint(line: string, options: { json?: boolean; channel?: string; isAdmin?: boolean }): Promise<void> {
  const running = await openSitroom(program.opts<GlobalOptions>(), 'warn');
  try {
    const user = consoleUser();
    const answer = await running.sitroom.ask(line, user, { channel: options.channel, isAdmin: options.isAdmin ?? running.sitroom.isAdmin(user.id) });
    process.stdout.write(`${options.json ? JSON.stringify(answer, null, 2) : renderPlainText(answer)}\n`);
    if (answer.tone === 'error') process.exitCode = 1;
  } finally {
    running.close();
  }
}

/** A local path typed on the command line is relative to where the user is, not to the config. */
function checkAddress(address: string): string {
  const checked = feedUrl.safeParse(address);
  if (!checked.success) throw new UsageError(`--feed ${address}: ${checked.error.issues[0]?.message}`);
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(address) || isAbsolute(address) ? address : resolve(address);
}

function printOutcomes(outcomes: PollOutcome[], json: boolean, store: Store, maxItemsPerPoll: number): void {
  for (const outcome of outcomes) {
    if (outcome.status === 'failed') process.stderr.write(stripControlCharacters(`✗ ${outcome.feed.name}: ${outcome.error}\n`));
    for (const item of outcome.newItems) {
      if (json) {
        process.stdout.write(`${JSON.stringify({
          id: item.id,
          feed: outcome.feed.name,
          feedUrl: outcome.feed.url,
          title: item.title,
          url: item.url,
          publishedAt: item.publishedAt === null ? null : new Date(item.publishedAt).toISOString(),
          keywords: item.keywords.map((match) => match.rule),
          matchedTerms: Object.fromEntries(item.keywords.map((match) => [match.rule, match.terms])),
          ...assessmentFields(store, item.id),
        })}\n`);
      }
    }
    if (!json && outcome.status !== 'failed') {
      const lines = [`${outcome.feed.name}: ${outcome.newItems.length} new item(s)${outcome.status === 'not-modified' ? ' (not modified)' : ''}`];
      if (outcome.status === 'stored' && outcome.olderItemsSkipped > 0) lines.push(`  ${describeOlderItemsSkipped(outcome.olderItemsSkipped, maxItemsPerPoll)}`);
      for (const item of outcome.newItems) {
        const rules = item.keywords.map((match) => match.rule).join(', ');
        lines.push(`  + ${item.title}${rules ? `  [${rules}]` : ''}`);
      }
      // Feed text is cleaned when parsed; this guards the terminal against anything stored before that.
      process.stdout.write(stripControlCharacters(`${lines.join('\n')}\n`));
    }
  }
}

function assessmentFields(store: Store, itemId: number) {
  const assessment = store.assessments.byItem(itemId);
  return assessment
    ? { relevance: assessment.relevance, novelty: assessment.novelty, severity: assessment.severity, reasons: assessment.reasons, clusterId: assessment.clusterId }
    : {};
}

class UsageError extends Error {}

function safeDatabasePath(): string {
  try {
    return databasePath(program.opts<GlobalOptions>());
  } catch {
    return 'the database';
  }
}

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof UsageError) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 2;
    return;
  }
  const problem = error instanceof DatabaseProblem || error instanceof PostgresProblem ? error : describeDatabaseError(safeDatabasePath(), error);
  if (problem) {
    process.stderr.write(`sitroom: ${problem.message}\n`);
    process.exitCode = 1;
    return;
  }
  process.stderr.write(`sitroom: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});

/** From the package.json beside dist/ (the repository, or the image's /app). */
function packageVersion(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}
