// What `sitroom replay` shows: each day's sitrep and alerts as the console would print them, then a
// summary; or all of it as JSON. With a folder, one file per day and the summary beside them.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderPlainText } from '../chat/console/render-plain-text.js';
import { openStore } from '../store/open-store.js';
import { readArchive } from './read-archive.js';
import { archiveWindow, replayArchive, type ReplayDay, type ReplayOptions, type ReplayResult, type ReplaySummary } from './replay-archive.js';

export function formatReplayDay(day: ReplayDay): string {
  const alerts = day.alerts.map((alert) => `Alert, posted ${new Date(alert.postedAt).toISOString().slice(0, 16).replace('T', ' ')} UTC\n${renderPlainText(alert.message)}`);
  return [`════ ${day.date} ════`, renderPlainText(day.sitrep), ...(alerts.length ? [`Alerts during the period: ${alerts.length}`, ...alerts] : ['No alerts during the period.'])].join('\n\n');
}

export function formatReplaySummary(summary: ReplaySummary): string {
  const { relevantByNovelty: novelty } = summary;
  const lines = summary.days.map((day) => `  ${day.date}  ${String(day.relevant).padStart(4)} relevant  ${String(day.storyLines).padStart(3)} story lines`);
  return [
    'Replay summary',
    `Feeds: ${summary.feeds} · items stored: ${summary.items}${summary.undated ? ` (${summary.undated} archived items had no date and were left out)` : ''}`,
    `Relevant: ${summary.relevant} (new ${novelty.new}, update ${novelty.update}, known ${novelty.known})`,
    `Alerts: ${summary.alerts}`,
    `Days (sitrep per day):`,
    ...lines,
    `Replayed in ${summary.seconds.toFixed(1)} s.`,
  ].join('\n');
}

/** Writes DIR/YYYY-MM-DD.txt for each day, summary.txt and replay.json. */
export function writeReplayFolder(folder: string, result: ReplayResult): void {
  mkdirSync(folder, { recursive: true });
  for (const day of result.days) writeFileSync(join(folder, `${day.date}.txt`), `${formatReplayDay(day)}\n`);
  writeFileSync(join(folder, 'summary.txt'), `${formatReplaySummary(result.summary)}\n`);
  writeFileSync(join(folder, 'replay.json'), `${JSON.stringify(result, null, 2)}\n`);
}

export interface ReplayCommandOptions {
  from: string;
  to: string;
  channel: string;
  pollEveryMs: number;
  restartDaily: boolean;
  out?: string;
  json: boolean;
  /** The database to fill; an empty one, or :memory:. */
  dbPath: string;
}

/** `sitroom replay`: reads the archive, replays it over an empty database and prints or writes what it gave. */
export async function replayAndPrint(archivePaths: string[], setup: Omit<ReplayOptions, 'archive' | 'store' | 'from' | 'to' | 'channel'>, options: ReplayCommandOptions): Promise<void> {
  const archive = await readArchive(archivePaths, archiveWindow(options.from, options.to));
  const store = openStore(options.dbPath);
  try {
    const printDay = options.out || options.json ? undefined : (day: ReplayDay) => void process.stdout.write(`${formatReplayDay(day)}\n\n`);
    const result = await replayArchive({ ...setup, archive, store, from: options.from, to: options.to, channel: options.channel, pollEveryMs: options.pollEveryMs, restartDaily: options.restartDaily, onDay: printDay });
    if (options.out) {
      writeReplayFolder(options.out, result);
      process.stdout.write(`${formatReplaySummary(result.summary)}\nWrote ${result.days.length} days to ${options.out}.\n`);
    } else if (options.json) process.stdout.write(`${JSON.stringify(result)}\n`);
    else process.stdout.write(`${formatReplaySummary(result.summary)}\n`);
  } finally {
    store.close();
  }
}
