// Checks a gold file against the archive: for each development, the feed items published that day or
// the next whose title matches its terms. `--write` records their count in the gold.
//   node dist/test/eval/check-gold.js test/fixtures/real-stream/ukraine-gold.json [--write]
import { writeFileSync } from 'node:fs';
import { readArchive } from '../../src/replay/read-archive.js';
import { matchesAll, nextDay, readGold } from './real-stream-gold.js';
import { NEWS_ARCHIVE } from './real-stream-crises.js';

async function checkGold(path: string, write: boolean): Promise<void> {
  const gold = readGold(path);
  const dates = gold.events.map((event) => event.date).sort();
  const archive = await readArchive([NEWS_ARCHIVE], { from: Date.parse(dates[0]!), to: Date.parse(nextDay(nextDay(dates.at(-1)!))) });
  const items = archive.feeds.flatMap((feed) => feed.items.map((item) => ({ ...item, feed: feed.name, day: new Date(item.publishedAt!).toISOString().slice(0, 10) })));
  for (const event of gold.events) {
    const days = [event.date, nextDay(event.date)];
    const matching = items.filter((item) => days.includes(item.day) && matchesAll(item.title, event.match));
    event.feedItems = matching.length;
    console.log(`${matching.length ? '✓' : '✗'} ${event.date} ${event.id}: ${matching.length} item(s)`);
    for (const item of matching.slice(0, 6)) console.log(`    ${item.day} ${item.feed}: ${item.title}`);
  }
  if (write) writeFileSync(path, `${JSON.stringify(gold, null, 2)}\n`);
  const missing = gold.events.filter((event) => event.feedItems === 0);
  if (missing.length) {
    console.log(`${missing.length} development(s) no feed item reports: ${missing.map((event) => event.id).join(', ')}`);
    process.exitCode = 1;
  }
}

checkGold(process.argv[2] ?? '', process.argv.includes('--write')).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
