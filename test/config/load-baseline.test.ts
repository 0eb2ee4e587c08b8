import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBaselineDocuments } from '../../src/config/load-baseline.js';
import { configProblems } from '../support/config-problems.js';

function folderWith(files: Record<string, string>): string {
  const folder = mkdtempSync(join(tmpdir(), 'sitroom-baseline-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(folder, name), content);
  return folder;
}

const problemsOf = (folder: string): string[] => configProblems(() => loadBaselineDocuments(folder));

describe('baseline documents', () => {
  it('reads every text or Markdown document with its metadata, in name order', () => {
    const folder = folderWith({
      'b-note.md': '# Briefing note\nTalks are set for Jan. 10.',
      'b-note.yaml': 'title: Team briefing note\nsource: our analysts\npublished: 2022-01-03\n',
      'a-article.txt': 'President Biden spoke with President Putin on Thursday.',
      'a-article.yaml': 'title: Call\nsource: The New York Times\nurl: https://www.nytimes.com/\npublished: 2021-12-31\nreferenceDate: 2021-12-30\n',
      'README': 'ignored',
    });
    expect(loadBaselineDocuments(folder).map(({ path: _path, ...document }) => document)).toEqual([
      { id: 'baseline:a-article', title: 'Call', source: 'The New York Times', url: 'https://www.nytimes.com/', published: '2021-12-31', referenceDate: '2021-12-30', text: 'President Biden spoke with President Putin on Thursday.' },
      { id: 'baseline:b-note', title: 'Team briefing note', source: 'our analysts', published: '2022-01-03', referenceDate: '2022-01-03', text: '# Briefing note\nTalks are set for Jan. 10.' },
    ]);
  });

  it('names the file and field of every problem', () => {
    const folder = folderWith({
      'orphan.txt': 'No metadata beside me.',
      'bad.txt': 'Text.',
      'bad.yaml': 'title: ""\npublished: last week\nextra: 1\n',
      'empty.md': '  \n',
      'empty.yaml': 'title: Empty\nsource: x\npublished: 2022-01-01\n',
    });
    expect(problemsOf(folder)).toEqual([
      `${join(folder, 'bad.yaml')}: title: expected a title`,
      `${join(folder, 'bad.yaml')}: source: expected text, got nothing`,
      `${join(folder, 'bad.yaml')}: published: expected a date like "2021-12-30"`,
      `${join(folder, 'bad.yaml')}: unknown field "extra" (check the spelling and the indentation)`,
      `${join(folder, 'empty.md')}: the document is empty`,
      `${join(folder, 'orphan.txt')}: no metadata file; add ${join(folder, 'orphan.yaml')} with title, source and published`,
    ]);
  });

  it('treats a missing folder as no baseline', () => {
    expect(loadBaselineDocuments(join(tmpdir(), 'sitroom-no-such-folder'))).toEqual([]);
  });
});
