// The shipped keyword rules on text in Russian, Ukrainian and Polish: an admin trying `/keywords test`
// sees the rule of a name matched whatever case the name is in (Путина, Путину; України; Putinie),
// as the rules' Cyrillic and Polish aliases are written in the nominative only; and a Polish item
// that names the crisis only in its image's address is about it. Real text from ../shared/news,
// skipped when it is absent.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPlainText } from '../../src/chat/console/render-plain-text.js';
import { loadConfigFile } from '../../src/config/load-config.js';
import { rssFeed, startFeedServer, type FeedServer } from '../support/feed-server.js';
import { newsEntries, sharedNewsPresent } from '../support/shared-news.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const article = path.resolve(import.meta.dirname, '../../../shared/news/wikipedia-via-front-lines/2022_russian_invasion_of_ukraine.md');
let app: TestApp;
const keywordTest = async (text: string): Promise<string> => renderPlainText(await app.ask(`/keywords test "${text}"`));
const matchedRules = (answer: string): string => /Matches (.*)\./.exec(answer)?.[1] ?? '';

beforeAll(async () => {
  app = await createTestApp(loadConfigFile('config/sitroom.yaml') as never);
});
afterAll(() => app.close());

describe('the shipped keyword rules on inflected Cyrillic names', () => {
  it('matches "Переговоры Путина и Байдена" by the rule that matches Putin in "Putin Biden talks"', async () => {
    const russian = await keywordTest('Переговоры Путина и Байдена');
    expect(matchedRules(russian)).toBe('russia');
    expect(russian).toContain('found Putin (as "Путин")');
    expect(matchedRules(await keywordTest('Putin Biden talks'))).toContain('russia');
  });

  it('matches a Russian name in other cases, and leaves a word that only starts alike alone', async () => {
    expect(matchedRules(await keywordTest('Санкции против России и Путину'))).toBe('russia');
    expect(await keywordTest('Путешествие')).toContain('Matches no rule.');
  });
});

describe.skipIf(!existsSync(article))('the shipped keyword rules on real Ukrainian text', () => {
  it('matches the ukraine rule on "Президента України" (of the President of Ukraine)', async () => {
    const caption = readFileSync(article, 'utf8').split('\n').find((line) => line.includes('Президента України'));
    const words = /!\[([^\]]+)\]/.exec(caption ?? '')?.[1] ?? '';
    expect(words).toContain('України');
    expect(matchedRules(await keywordTest(words))).toBe('ukraine');
  });
});

describe.skipIf(!sharedNewsPresent)('the shipped keyword rules on real Polish items of tvn24.pl', () => {
  const polish = (words: string): string => {
    const entry = newsEntries().find((candidate) => candidate.source.includes('tvn24.pl') && candidate.title.includes(words));
    if (!entry) throw new Error(`no tvn24.pl item titled "${words}" in the shared news`);
    return `${entry.title} ${entry.description.replace(/<[^>]*>/g, ' ')}`.replaceAll('"', '');
  };

  it('matches russia on Putin and the Kremlin in Polish cases ("przy Putinie", "kremlowskiej władzy")', async () => {
    const answer = await keywordTest(polish('Kto stoi przy Putinie'));
    expect(matchedRules(answer)).toBe('russia');
    expect(answer).toContain('found Putin (as "Putin*"), Kremlin (as "Kreml*")');
  });

  it('matches the nominative aliases Rosja and Kijów by their Polish stem ("Sąd Najwyższy Rosji", "broni Kijowa")', async () => {
    const russia = await keywordTest(polish('Nie można zakazać ludziom'));
    expect(matchedRules(russia)).toBe('russia');
    expect(russia).toContain('found Russia (as "Rosja")');
    expect(await keywordTest(polish('80-letnia wolontariuszka'))).toContain('Kyiv (as "Kijów")');
  });

  it('reads an English text by no Polish stem: "Roman" is not Romania, "treat" not treaty', async () => {
    expect(await keywordTest('Roman soldiers treat the wounded')).toContain('Matches no rule.');
  });

  it('matches ukraine on "Chwała Ukrainie!" and on Zelensky as "Zełenskiego"', async () => {
    expect(matchedRules(await keywordTest(polish('Chwała Ukrainie')))).toBe('ukraine');
    expect(matchedRules(await keywordTest(polish('żona super-Zełenskiego')))).toBe('ukraine');
  });
});

describe.skipIf(!sharedNewsPresent)('a real Polish item of tvn24.pl about the crisis, polled with the shipped config', () => {
  let server: FeedServer;
  let polled: TestApp;
  beforeAll(async () => {
    // "Pakują się, kupują broń" (they pack, they buy guns), Feb 18: its text names no country; its image's address does.
    const entry = newsEntries().find((candidate) => candidate.source.includes('tvn24.pl') && candidate.title.startsWith('Pakują się, kupują broń'))!;
    server = await startFeedServer();
    server.serve('/tvn24.xml', rssFeed([{ title: entry.title, link: entry.link, guid: entry.link, description: entry.description, pubDate: new Date(entry.date_published).toUTCString() }]));
    const shipped = loadConfigFile('config/sitroom.yaml');
    polled = await createTestApp({ ...shipped, feeds: [{ name: 'tvn24', url: server.url('/tvn24.xml') }] } as never);
    await polled.sitroom.pollScheduledFeeds();
  });
  afterAll(async () => {
    polled.close();
    await server.close();
  });

  it('is about the crisis: Ukrainians (ukraincy) and the invasion (inwazje, of inwazja) read from its image address', async () => {
    const item = (await polled.store.items.latest(1))[0]!;
    const why = renderPlainText(await polled.ask(`/why ${item.id}`));
    expect(why).toContain('matched rules: military, ukraine');
    expect(why).toContain('Relevance: 0.51 (relevant from 0.45)');
    expect(why).not.toContain('not about the crisis');
  });
});
