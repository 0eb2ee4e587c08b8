// /news and /why after polling the bundled sample feeds with the bundled config and baseline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPlainText } from '../../src/chat/console/render-plain-text.js';
import { loadBaselineDocuments } from '../../src/config/load-baseline.js';
import { loadConfigFile } from '../../src/config/load-config.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp(loadConfigFile('config/sitroom.yaml') as never, { configPath: 'config/sitroom.yaml', baselineDocuments: loadBaselineDocuments('config/baseline') });
  await app.sitroom.pollScheduledFeeds();
});
afterAll(() => app.close());

const shown = async (line: string): Promise<string> => renderPlainText(await app.ask(line));

describe('/news', () => {
  it('lists relevant stories newest first with novelty and severity, and leaves out the noise', async () => {
    const news = await shown('/news');
    expect(news).toContain('🔴 [new] State Department orders families of embassy staff to leave Kyiv');
    expect(news).toContain('[update] U.S. and Russian negotiators open security talks in Geneva');
    expect(news).toContain('took place:');
    expect(news).not.toContain('Chicken Kiev');
    expect(news).not.toContain('watch fair');
    expect(news.indexOf('Pentagon puts 8,500 troops')).toBeLessThan(news.indexOf('open security talks in Geneva'));
  });

  it('filters by novelty and refuses what it cannot read', async () => {
    const onlyNew = (await app.ask('/news new')).data as { novelty: string }[];
    expect(onlyNew.length).toBeGreaterThan(0);
    expect(onlyNew.every((item) => item.novelty === 'new')).toBe(true);
    expect(await shown('/news lately')).toBe('✗ I don\'t understand "lately".\n  Usage: /news [since TIME | last N] [new | update | all]   (TIME: 2022-02-24, 2022-02, 2022, today, yesterday, 24h or 7d)');
  });
});

describe('/why', () => {
  it('shows the full assessment of an item, and of one that was filtered out', async () => {
    const items = await app.store.items.latest(20);
    const embassy = items.find((item) => item.title.startsWith('State Department orders'))!;
    const why = await shown(`/why ${embassy.id}`);
    expect(why).toContain('Novelty:   new');
    expect(why).toContain('Severity:  urgent');
    expect(why).toContain('• signal evacuation: embassy staff, ordered to depart');
    const fair = items.find((item) => item.title.startsWith('Geneva watch fair'))!;
    expect(await shown(`/why ${fair.id}`)).toContain('• not about the crisis: relevance 0.00 below 0.45');
  });

  it('says so for an item that does not exist', async () => {
    expect(await shown('/why 9999')).toBe('✗ There is no item 9999.');
    expect(await shown('/why')).toBe('✗ Which item? Give its number, e.g. /why 412.\n  Usage: /why ITEM (the item number shown by /news)');
  });
});
