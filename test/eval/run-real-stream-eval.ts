// Replays a crisis on the real stream, once running on and once restarting every simulated day,
// and measures the sitreps against the crisis' gold. Used by `npm run eval`.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadBaselineDocuments } from '../../src/config/load-baseline.js';
import { loadConfigFile } from '../../src/config/load-config.js';
import { createSilentLogger } from '../../src/log/create-logger.js';
import { readArchive, type Archive } from '../../src/replay/read-archive.js';
import { archiveWindow, replayArchive, type ReplayResult } from '../../src/replay/replay-archive.js';
import { openStore } from '../../src/store/open-store.js';
import { NEWS_ARCHIVE, type RealStreamCrisis } from './real-stream-crises.js';
import { readGold, type LineJudgments } from './real-stream-gold.js';
import { eventRecall, firstReports, labelChanges, leadsTheDay, linesPerDay, precision, redundancy, share, shownLines, urgentItems, type EventRecall } from './real-stream-metrics.js';

export interface RealStreamReport {
  crisis: RealStreamCrisis;
  summary: ReplayResult['summary'];
  recall: { overall: number; before?: number; events: EventRecall[] };
  precision: ReturnType<typeof precision>;
  redundancy: ReturnType<typeof redundancy>;
  linesPerDay: ReturnType<typeof linesPerDay>;
  urgent: ReturnType<typeof urgentItems>;
  firstReports: ReturnType<typeof firstReports>;
  restarts: ReturnType<typeof labelChanges>;
  leads?: ReturnType<typeof leadsTheDay>;
  /** Lines no one has judged by hand yet, in the judgments' shape, to fill in. */
  unjudged: LineJudgments;
  seconds: { replay: number; restartedReplay: number };
}

export function newsArchiveIsPresent(): boolean {
  return existsSync(NEWS_ARCHIVE);
}

export async function runRealStreamEval(crisis: RealStreamCrisis): Promise<RealStreamReport> {
  const gold = readGold(crisis.goldPath);
  const judgments = existsSync(crisis.judgmentsPath) ? (JSON.parse(readFileSync(crisis.judgmentsPath, 'utf8')) as LineJudgments) : {};
  const archive = await readArchive([NEWS_ARCHIVE], archiveWindow(crisis.from, crisis.to));
  const continuous = await replay(crisis, archive, false);
  const restarted = await replay(crisis, archive, true);
  const { days, labels } = continuous;

  const recalled = eventRecall(gold.events, days);
  const before = crisis.targets.recallBefore && recalled.filter((event) => event.date < crisis.targets.recallBefore!.date);
  const lines = precision(days, gold, judgments);
  const leadEvent = crisis.targets.leadsOn && gold.events.find((event) => event.id === crisis.targets.leadsOn!.event);
  const unjudged: LineJudgments = {};
  for (const { line } of shownLines(days)) if (line.url && !judgments[line.url]) unjudged[line.url] = { about: lines.offTopic.every((off) => off.line !== line), title: line.title };
  return {
    crisis,
    summary: continuous.summary,
    recall: { overall: share(recalled.filter((event) => event.recalled).length, recalled.length), before: before && share(before.filter((event) => event.recalled).length, before.length), events: recalled },
    precision: lines,
    redundancy: redundancy(days, gold.events),
    linesPerDay: linesPerDay(days),
    urgent: urgentItems(days, labels, gold, judgments),
    firstReports: firstReports(gold.events, labels),
    restarts: labelChanges(labels, restarted.labels),
    leads: leadEvent && leadsTheDay(days, crisis.targets.leadsOn!.date, leadEvent),
    unjudged,
    seconds: { replay: continuous.summary.seconds, restartedReplay: restarted.summary.seconds },
  };
}

async function replay(crisis: RealStreamCrisis, archive: Archive, restartDaily: boolean): Promise<ReplayResult> {
  const store = openStore(':memory:');
  try {
    return await replayArchive({
      archive,
      config: loadConfigFile(crisis.configPath),
      configPath: crisis.configPath,
      baselineDocuments: loadBaselineDocuments(join(dirname(crisis.configPath), 'baseline')),
      store,
      from: crisis.from,
      to: crisis.to,
      channel: 'console:general',
      restartDaily,
      log: createSilentLogger(),
    });
  } finally {
    store.close();
  }
}

const percent = (value: number): string => `${Math.round(value * 100)}%`;
const atLeast = (value: number, target: number): string => `${percent(value)} (target ≥ ${percent(target)}${value >= target ? ', met' : ', NOT met'})`;

export function formatRealStreamReport(report: RealStreamReport): string {
  const { crisis, targets } = { crisis: report.crisis, targets: report.crisis.targets };
  const recalledCount = report.recall.events.filter((event) => event.recalled).length;
  const lines = [
    `Real stream: ${crisis.name}, ${crisis.from} – ${crisis.to} (replayed in ${report.seconds.replay.toFixed(0)} s; with daily restarts ${report.seconds.restartedReplay.toFixed(0)} s)`,
    `  items ${report.summary.items}, relevant ${report.summary.relevant} (new ${report.summary.relevantByNovelty.new}, update ${report.summary.relevantByNovelty.update}, known ${report.summary.relevantByNovelty.known}), alerts ${report.summary.alerts}`,
    `  event recall: ${recalledCount}/${report.recall.events.length} = ${atLeast(report.recall.overall, targets.recall)}`,
  ];
  if (targets.recallBefore && report.recall.before !== undefined) lines.push(`  event recall before ${targets.recallBefore.date}: ${atLeast(report.recall.before, targets.recallBefore.recall)}`);
  lines.push(
    `  precision: ${report.precision.about}/${report.precision.lines} story lines about the crisis = ${atLeast(report.precision.share, targets.precision)}; judged by hand ${report.precision.judgedByHand}, by the crisis' words only ${report.precision.unjudged}`,
  );
  const redundancyText = `${report.redundancy.redundant.length}/${report.redundancy.lines} = ${percent(report.redundancy.share)}`;
  lines.push(`  redundancy: ${redundancyText}${targets.redundancy !== undefined ? ` (target ≤ ${percent(targets.redundancy)}${report.redundancy.share <= targets.redundancy ? ', met' : ', NOT met'})` : ''}`);
  for (const { date, line, why } of report.redundancy.redundant.slice(0, 5)) lines.push(`      ${date} ${line.title} (${why})`);
  const perDay = report.linesPerDay;
  const range = targets.medianLines;
  lines.push(`  story lines per day with news (${perDay.daysWithNews} days): median ${perDay.median}, max ${perDay.max}${range ? ` (target median ${range[0]}–${range[1]}${perDay.median >= range[0] && perDay.median <= range[1] ? ', met' : ', NOT met'})` : ''}`);
  const urgent = report.urgent;
  const urgentTarget = targets.offTopicUrgentPerWeek;
  lines.push(
    `  urgent items: ${urgent.total} (${urgent.perDay.mean.toFixed(1)} a day, max ${urgent.perDay.max}); off-topic ${urgent.offTopic.length} = ${urgent.offTopicPerWeek.toFixed(1)} a week${urgentTarget !== undefined ? ` (target ≤ ${urgentTarget}${urgent.offTopicPerWeek <= urgentTarget ? ', met' : ', NOT met'})` : ''}`,
  );
  for (const label of urgent.offTopic.slice(0, 5)) lines.push(`      off-topic urgent: ${label.title}`);
  if (report.leads && targets.leadsOn) {
    lines.push(`  ${targets.leadsOn.event} leads ${targets.leadsOn.date}: first ${report.leads.first ? 'yes' : 'NO'}, urgent ${report.leads.urgent ? 'yes' : 'NO'} (first line: ${report.leads.headline ?? 'none'})`);
  }
  const restarts = report.restarts;
  lines.push(`  daily restarts: ${restarts.changedItems} of ${restarts.compared} items labelled differently, ${restarts.changedRelevantItems} of them relevant (target 0${restarts.changedItems === 0 ? ', met' : ', NOT met'})`);
  for (const change of restarts.changes.filter((candidate) => candidate.relevant).slice(0, 5)) lines.push(`      ${change.field} ${change.before} → ${change.after}: ${change.title}`);
  lines.push('  gold events (recalled on · first report: novelty/severity · reasons):');
  for (const [index, event] of report.recall.events.entries()) {
    const first = report.firstReports[index]!;
    const labels = first.novelty ? `${first.relevant ? '' : 'not relevant, '}${first.novelty}/${first.severity} · ${(first.reasons ?? []).filter((reason) => !reason.startsWith('matched rules')).slice(0, 2).join('; ')}` : 'no matching item';
    lines.push(`    ${event.recalled ? '✓' : '✗'} ${event.date} ${event.id}${event.line ? ` (${event.line.date})` : ''} · ${labels}`);
  }
  return lines.join('\n');
}
