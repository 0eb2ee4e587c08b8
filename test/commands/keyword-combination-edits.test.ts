// Admins editing the combinations of keyword rules from chat: all of, a required rule, a term matched
// with its capitals; each change checked by the config schema like any other.
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, shownText, type TestApp } from '../support/test-app.js';

const seed = {
  keywords: [
    { name: 'russia', terms: ['Russia', 'Kremlin'] },
    { name: 'military', terms: ['troops', 'missiles'] },
    { name: 'sanctions', terms: ['sanctions', 'SWIFT'] },
  ],
};

let app: TestApp;
afterEach(() => app.close());

describe('/keywords combinations from chat', () => {
  it('requires another rule, needs a term alongside, and matches an acronym only in capitals', async () => {
    app = await createTestApp(seed);
    expect(await shownText(app, '/keywords test North Korea fires missiles')).toContain('Matches military.');

    expect(await shownText(app, '/keywords require military russia')).toContain('Done: military: matches only when the rule russia matches too.');
    expect(await shownText(app, '/keywords test North Korea fires missiles')).toBe('Keyword test\n────────────\nMatches no rule.\n• ✗ military\n    found missiles; needs rule russia to match too: none did');
    expect(await shownText(app, '/keywords test Russia moves missiles west')).toContain('Matches russia, military.');

    expect(await shownText(app, '/keywords allof military Belarus Crimea')).toContain('Done: military: matches only when the item also names Belarus or Crimea.');
    expect(await shownText(app, '/keywords test Russia moves missiles west')).toContain('• ✗ military\n    found missiles; missing one of Belarus, Crimea; with rule russia');
    expect(await shownText(app, '/keywords test Russia moves missiles to Belarus')).toContain('• ✓ military\n    found missiles; with Belarus; with rule russia');

    expect(await shownText(app, '/keywords case sanctions SWIFT')).toContain('Done: sanctions: "SWIFT" matches only with its capitals as written.');
    expect(await shownText(app, '/keywords test Quiz: who prefers Taylor Swift?')).toContain('Matches no rule.');
    expect(await shownText(app, '/keywords test Banks cut off from SWIFT')).toContain('Matches sanctions.');

    expect(await shownText(app, '/keywords list military', false)).toMatch(/terms: +troops, missiles\nall of: +Belarus or Crimea\nrequires a rule: +russia/);
  });

  it('removes what it added, and turns matchCase off by asking again', async () => {
    app = await createTestApp({ keywords: [...seed.keywords.slice(0, 2), { name: 'sanctions', terms: ['SWIFT'], matchCase: ['SWIFT'] }, { name: 'army', terms: ['troops'], requiresAnyRule: ['russia'], allOf: [['Belarus']] }] });
    expect(await shownText(app, '/keywords remove army russia')).toContain('Done: army: no longer requires the rule russia.');
    expect(await shownText(app, '/keywords remove army Belarus')).toContain('Done: army: no longer needs "Belarus" as well.');
    expect(await shownText(app, '/keywords test troops on parade')).toContain('Matches military, army.');
    expect(await shownText(app, '/keywords case sanctions SWIFT')).toContain('Done: sanctions: "SWIFT" matches in any case again.');
    expect(await shownText(app, '/keywords test Taylor Swift tour')).toContain('Matches sanctions.');
  });

  it('refuses a required rule that does not exist, or one whose removal would leave a rule requiring nothing', async () => {
    app = await createTestApp(seed);
    expect(await shownText(app, '/keywords require military rusia')).toBe('✗ Not changed: keyword rule "military", the 1st of requiresAnyRule: no keyword rule named "rusia" (keywords: russia, military, sanctions).');
    expect(await shownText(app, '/keywords case sanctions Swift')).toBe('✗ Not changed: keyword rule "sanctions", the 1st of matchCase: "Swift" is not a term, alias, allOf term or exclusion of this rule (write it exactly as there).');
    await app.ask('/keywords require military russia', { isAdmin: true });
    expect(await shownText(app, '/keywords remove russia')).toMatch(/^✗ Not changed: keyword rule "\w+", the 1st of requiresAnyRule: no keyword rule named "russia"/);
    expect(await shownText(app, '/keywords require military russia', false)).toContain('Only sitroom admins can change keyword rules');
  });
});
