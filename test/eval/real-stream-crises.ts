// The crises `npm run eval` replays on the real stream (../shared/news/rss-link-database), each set up
// as the README tells a team to: a config file with its keyword rules and signals, and a baseline
// folder beside it.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', ...(import.meta.url.includes('/dist/') ? ['..'] : []));

export const NEWS_ARCHIVE = path.resolve(repoRoot, '..', 'shared', 'news', 'rss-link-database');

export interface RealStreamCrisis {
  name: string;
  configPath: string;
  goldPath: string;
  judgmentsPath: string;
  from: string;
  to: string;
  targets: { recall: number; recallBefore?: { date: string; recall: number }; precision: number; redundancy?: number; medianLines?: [number, number]; offTopicUrgentPerWeek?: number; leadsOn?: { date: string; event: string } };
}

const fixture = (name: string): string => path.join(repoRoot, 'test', 'fixtures', 'real-stream', name);

export const REAL_STREAM_CRISES: RealStreamCrisis[] = [
  {
    name: 'Russia and Ukraine',
    configPath: path.join(repoRoot, 'config', 'sitroom.yaml'),
    goldPath: fixture('ukraine-gold.json'),
    judgmentsPath: fixture('ukraine-judgments.json'),
    from: '2021-12-30',
    to: '2022-02-28',
    targets: { recall: 0.8, recallBefore: { date: '2022-02-24', recall: 0.75 }, precision: 0.9, redundancy: 0.1, medianLines: [3, 12], offTopicUrgentPerWeek: 1, leadsOn: { date: '2022-02-24', event: 'invasion-feb24' } },
  },
  {
    name: "Djokovic's Australian visa",
    configPath: path.join(repoRoot, 'config', 'examples', 'djokovic-visa', 'sitroom.yaml'),
    goldPath: fixture('djokovic-gold.json'),
    judgmentsPath: fixture('djokovic-judgments.json'),
    from: '2022-01-01',
    to: '2022-02-20',
    targets: { recall: 0.7, precision: 0.85 },
  },
];
