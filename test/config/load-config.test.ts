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
    expect(problems).toEqual(['config/sitroom.yaml: feed "c", url: expected an http(s) URL, got "ftp://x"']);
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
        'config/sitroom.yaml: feed "https://a.example/rss", name: expected a non-empty name',
        'config/sitroom.yaml: feed "https://a.example/rss", interval: expected a duration like "30s", "5m" or "1h", got "soon"',
        'config/sitroom.yaml: keyword rule "kyiv", the 1st of terms: expected a non-empty term',
        expect.stringMatching(/^config\/sitroom\.yaml: keyword rule "bad", the 1st of regex: invalid regex "\(unclosed"/),
        expect.stringMatching(/^config\/sitroom\.yaml: subscription "irc:#x", channel: expected "console:NAME"/),
        'config/sitroom.yaml: subscription "irc:#x", digest.at: expected a time like "08:00"',
        'config/sitroom.yaml: subscription "irc:#x", digest.timezone: expected an IANA time zone like "Europe/Kyiv"',
        'config/sitroom.yaml: unknown field "colour" (check the spelling and the indentation)',
      ]),
    );
  });

  it('refuses duplicate feeds and rules, pointing at the second one', () => {
    const problems = problemsOf('feeds:\n  - {name: a, url: "https://a.example/rss"}\n  - {name: b, url: "https://a.example/rss"}\nkeywords:\n  - {name: x, terms: [a]}\n  - {name: X, terms: [b]}\n');
    expect(problems).toEqual([
      'config/sitroom.yaml: feed "b", url: "https://a.example/rss" is there already; each url must be different (capitals do not count)',
      'config/sitroom.yaml: keyword rule "X", name: "x" is there already; each name must be different (capitals do not count)',
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
      'config/sitroom.yaml: keyword rule "banks", the 1st of allOf: expected at least one term in the group',
      'config/sitroom.yaml: keyword rule "banks", the 1st of matchCase: "Swift" is not a term, alias, allOf term or exclusion of this rule (write it exactly as there)',
      'config/sitroom.yaml: keyword rule "military", the 2nd of requiresAnyRule: no keyword rule named "ukrain" (keywords: russia, military, banks)',
      'config/sitroom.yaml: assessment, signal "dead", the 1st of requiresAnyRule: no keyword rule named "crisis" (keywords: russia, military, banks)',
      'config/sitroom.yaml: keyword rule "russia", requiresAnyRule: rules cannot require each other in a circle: russia → military → russia',
    ]);
  });

  it('says which type was expected when a list is given a scalar', () => {
    expect(problemsOf('feeds: 3\n')).toEqual(['config/sitroom.yaml: feeds: expected a list, got 3']);
  });

  it('writes what was expected in plain words, naming the rule rather than its place in the list, one line per mistake', () => {
    const rules = Array.from({ length: 7 }, (_, index) => `  - {name: rule${index}, terms: [t${index}]}`);
    expect(problemsOf(['keywords:', ...rules, '  - {name: "", terms: [x]}', '  - {name: sanctions, term: [SWIFT]}'].join('\n'))).toEqual([
      'config/sitroom.yaml: the 8th keyword rule, name: expected a non-empty rule name',
      'config/sitroom.yaml: keyword rule "sanctions": unknown field "term" (check the spelling and the indentation)',
    ]);
    expect(problemsOf('subscriptions:\n  - {channel: "console:ops", alerts: {minSeverity: critical}}\nassessment: {relevantAt: 3}\npolling: {concurrency: 0}\n')).toEqual([
      'config/sitroom.yaml: subscription "console:ops", alerts.minSeverity: expected "routine", "notable" or "urgent", got "critical"',
      'config/sitroom.yaml: polling.concurrency: expected a number from 1 up, got 0',
      'config/sitroom.yaml: assessment.relevantAt: expected a number of at most 1, got 3',
    ]);
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
