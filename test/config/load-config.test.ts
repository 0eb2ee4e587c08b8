import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfigFile, parseConfigText } from '../../src/config/load-config.js';
import { configProblems } from '../support/config-problems.js';

const problemsOf = (yamlText: string): string[] => configProblems(() => parseConfigText(yamlText, 'config/sitroom.yaml'));

describe('config loading', () => {
  it('loads the bundled config/sitroom.yaml with its feeds and rules', () => {
    const config = loadConfigFile('config/sitroom.yaml');
    expect(config.feeds.map((feed) => feed.name)).toContain('Sample World Wire');
    expect(config.keywords.find((rule) => rule.name === 'ukraine')?.aliases.Kyiv).toContain('Kiev');
    expect(config.polling.defaultInterval).toBe(300);
  });

  it('names the file, the field path and what was expected for a bad feed URL', () => {
    const problems = problemsOf('feeds:\n  - {name: a, url: "https://a.example/rss"}\n  - {name: b, url: "https://b.example/rss"}\n  - {name: c, url: "ftp://x"}\n');
    expect(problems).toEqual(['config/sitroom.yaml: feeds[2].url: expected an http(s) URL, got "ftp://x"']);
  });

  it('reports every problem at once, each with its path', () => {
    const problems = problemsOf(
      [
        'feeds:',
        '  - {name: "", url: "https://a.example/rss", interval: soon}',
        'keywords:',
        '  - {name: kyiv, terms: [""]}',
        '  - {name: bad, terms: [x], regex: ["(unclosed"]}',
        'subscriptions:',
        '  - {channel: "irc:#x", digest: {at: "25:00", timezone: Mars/Olympus}}',
        'colour: blue',
      ].join('\n'),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        'config/sitroom.yaml: feeds[0].name: expected a non-empty name',
        'config/sitroom.yaml: feeds[0].interval: expected a duration like "30s", "5m" or "1h", got "soon"',
        'config/sitroom.yaml: keywords[0].terms[0]: expected a non-empty term',
        expect.stringMatching(/^config\/sitroom\.yaml: keywords\[1\]\.regex\[0\]: invalid regex "\(unclosed"/),
        expect.stringMatching(/^config\/sitroom\.yaml: subscriptions\[0\]\.channel: expected "console:NAME"/),
        'config/sitroom.yaml: subscriptions[0].digest.at: expected a time like "08:00"',
        'config/sitroom.yaml: subscriptions[0].digest.timezone: expected an IANA time zone like "Europe/Kyiv"',
        'config/sitroom.yaml: unknown field "colour"',
      ]),
    );
  });

  it('refuses duplicate feeds and rules, pointing at the second one', () => {
    const problems = problemsOf('feeds:\n  - {name: a, url: "https://a.example/rss"}\n  - {name: b, url: "https://a.example/rss"}\nkeywords:\n  - {name: x, terms: [a]}\n  - {name: X, terms: [b]}\n');
    expect(problems).toEqual([
      'config/sitroom.yaml: feeds[1].url: duplicate of feeds[0].url "https://a.example/rss"',
      'config/sitroom.yaml: keywords[1].name: duplicate of keywords[0].name "X"',
    ]);
  });

  it('refuses combinations that name what does not exist, or rules that require each other in a circle', () => {
    const problems = problemsOf([
      'keywords:',
      '  - {name: russia, terms: [Russia], requiresAnyRule: [military]}',
      '  - {name: military, terms: [troops], requiresAnyRule: [russia, ukrain]}',
      '  - {name: banks, terms: [SWIFT], matchCase: [Swift], allOf: [[]]}',
      'assessment:',
      '  signals: [{name: dead, terms: [killed], weight: 0.9, requiresAnyRule: [crisis]}]',
      '  developmentKinds: [{name: talks, terms: [talks], requiresAnyRule: [russia]}]',
    ].join('\n'));
    expect(problems).toEqual([
      'config/sitroom.yaml: keywords[2].allOf[0]: expected at least one term in the group',
      'config/sitroom.yaml: keywords[2].matchCase[0]: "Swift" is not a term, alias, allOf term or exclusion of this rule (write it exactly as there)',
      'config/sitroom.yaml: keywords[1].requiresAnyRule[1]: no keyword rule named "ukrain" (keywords: russia, military, banks)',
      'config/sitroom.yaml: assessment.signals[0].requiresAnyRule[0]: no keyword rule named "crisis" (keywords: russia, military, banks)',
      'config/sitroom.yaml: keywords[0].requiresAnyRule: rules cannot require each other in a circle: russia → military → russia',
    ]);
  });

  it('says which type was expected when a list is given a scalar', () => {
    expect(problemsOf('feeds: 3\n')).toEqual(['config/sitroom.yaml: feeds: expected array, got 3']);
  });

  it('reports invalid YAML with its line', () => {
    expect(problemsOf('feeds:\n  - name: a\n   url: [\n')[0]).toMatch(/^config\/sitroom\.yaml: invalid YAML at line \d+/);
  });

  it('reports one YAML mistake in one line, at the first line it spoils', () => {
    expect(problemsOf('feeds:\n\t- name: A\n\t  url: https://a.example/rss\nkeywords: []\n')).toEqual([
      'config/sitroom.yaml: invalid YAML at line 2: Tabs are not allowed as indentation (1 more YAML error after it may follow from this one)',
    ]);
  });

  it('names a missing file', () => {
    const missing = join(mkdtempSync(join(tmpdir(), 'sitroom-')), 'nope.yaml');
    expect(() => loadConfigFile(missing)).toThrow(`${missing}: cannot read the config file (ENOENT)`);
  });

  it('accepts durations in words and numbers', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sitroom-')), 'c.yaml');
    writeFileSync(path, 'feeds:\n  - {name: a, url: "https://a.example/rss", interval: 90s}\n  - {name: b, url: "https://b.example/rss", interval: 120}\npolling: {defaultInterval: 1h}\n');
    const config = loadConfigFile(path);
    expect(config.feeds.map((feed) => feed.interval)).toEqual([90, 120]);
    expect(config.polling.defaultInterval).toBe(3600);
  });
});
