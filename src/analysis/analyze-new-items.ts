// Everything that happens to new items after they are stored: what they teach the knowledge base,
// which story they belong to, and their assessment. Holds what this needs of the recent stream in
// memory (word weights, the relevant reports of the story window) and reloads it from the store
// at start, so a restarted process decides exactly as one that ran on.
import type { Logger } from 'pino';
import type { KeywordRule, SitroomConfig } from '../config/schema.js';
import { headlineNewsDay, isFeatureHeadline } from '../knowledge/headline-event.js';
import { extractorInThisThread, type ItemExtraction, type ItemExtractor } from '../knowledge/item-extractor.js';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import type { ReadingVocabulary } from '../knowledge/reading-vocabulary.js';
import { itemSourceDocument } from '../knowledge/source-documents.js';
import type { KnowledgeExtract } from '../knowledge/types.js';
import type { StoredItem } from '../store/item-store.js';
import type { Store } from '../store/open-store.js';
import { withoutHeadlineLabel } from '../text/headline-label.js';
import { assessItem, signalsCanCount, type Assessment, type AssessmentInput } from './assess-item.js';
import { BaselinePassages, type BaselineParagraph } from './baseline-passages.js';
import { compareVersions } from './compare-versions.js';
import { compareWithKnowledge } from './compare-with-knowledge.js';
import { contentWords } from './content-words.js';
import { developmentKindsFrom, type DevelopmentKindsOf } from './development-kinds.js';
import { currentFeedbackWeights, relevanceWeightFor, type FeedbackWeights } from './feedback-weights.js';
import { KeywordMatcher } from './keyword-matcher.js';
import { readText, tokenize, type ReadText } from './normalize-text.js';
import { KIND_PREFIX, StoryIndex, type ReportWords } from './story-index.js';
import { crisisWordWeights, WordFrequencies, type WordWeights } from './word-frequencies.js';

export interface NewItemAnalyzerOptions {
  store: Store;
  config: SitroomConfig['assessment'];
  /** The keyword rules, which signals and kinds of development may require. */
  keywordRules: readonly KeywordRule[];
  knowledge: () => KnowledgeBase;
  /** The names and units items are read with (config `knowledge`). */
  vocabulary: ReadingVocabulary;
  /** Reads the items' extracts; by default in this thread, with the vocabulary. */
  extractor?: ItemExtractor;
  /** Texts of what the team knew at the start, one paragraph each, with the day each was written. */
  baselineParagraphs: BaselineParagraph[];
  log: Logger;
  now: () => number;
}

/** Word weights are read from this much of the whole stream: long enough to be stable, short enough to follow the news. */
const FREQUENCY_WINDOW_MS = 14 * 24 * 3_600_000;
/** Words in more than this share of the stream say nothing about which development a report is. */
const MAX_TELLING_SHARE = 0.2;
/** What a signal read only in an item's summary counts for, beside one in its headline. */
const SUMMARY_SIGNAL_SHARE = 0.75;
/** How long a kind of development reported once stays known: older news is either in the baseline or stale. */
const KNOWN_KIND_MS = 30 * 24 * 3_600_000;

export interface AssessedItem {
  item: StoredItem;
  assessment: Assessment;
}

export class NewItemAnalyzer {
  private readonly signalMatcher: KeywordMatcher;
  private readonly developmentKinds: DevelopmentKindsOf;
  private readonly signalWeights: Map<string, number>;
  private readonly frequencies = new WordFrequencies({ windowMs: FREQUENCY_WINDOW_MS });
  /** The same, over the relevant reports only: what the crisis' reports all say. */
  private readonly crisisFrequencies = new WordFrequencies({ windowMs: FREQUENCY_WINDOW_MS, ids: this.frequencies.ids });
  private readonly weights: WordWeights = crisisWordWeights(this.frequencies, this.crisisFrequencies);
  /** The relevant reports of the clustering window: finds the same development told again. */
  private readonly stories: StoryIndex;
  private readonly baseline: BaselinePassages;
  /** Kinds of development the baseline holds: known for good. */
  private readonly baselineKinds = new Set<string>();
  /** Kinds of development relevant reports have brought, with when they last did. */
  private readonly kindLastReported = new Map<string, number>();
  private readonly extractor: ItemExtractor;

  constructor(private readonly options: NewItemAnalyzerOptions) {
    const { store, config } = options;
    this.extractor = options.extractor ?? extractorInThisThread(options.vocabulary);
    this.signalMatcher = new KeywordMatcher(config.signals, options.keywordRules);
    this.developmentKinds = developmentKindsFrom(config.developmentKinds, options.keywordRules);
    this.signalWeights = new Map(config.signals.map((signal) => [signal.name, signal.weight]));
    this.stories = new StoryIndex({ windowMs: config.clusterWindow * 1000, frequencies: this.weights, maxWordShare: MAX_TELLING_SHARE });
    this.baseline = new BaselinePassages(options.baselineParagraphs, this.weights);
    for (const paragraph of options.baselineParagraphs) for (const kind of this.developmentKinds(paragraph.text)) this.baselineKinds.add(kind);
    // A little more than the windows: an item published a while ago may still be waiting to be read.
    const storiesFrom = options.now() - 2 * config.clusterWindow * 1000;
    for (const item of store.assessments.since(options.now() - Math.max(FREQUENCY_WINDOW_MS, KNOWN_KIND_MS) - config.clusterWindow * 1000)) {
      const relevant = item.relevance >= config.relevantAt;
      const inFrequencyWindow = item.at >= options.now() - FREQUENCY_WINDOW_MS - config.clusterWindow * 1000;
      // Before the word weights' window, only the kinds of relevant items count: the rest need not be read.
      if (!relevant && !inFrequencyWindow) continue;
      const text = readText(`${item.title}\n${item.text}`);
      const kinds = relevant ? this.developmentKinds(text) : [];
      this.rememberKinds(kinds, item.at);
      if (!inFrequencyWindow) continue;
      const words = featuresOf(readText(item.title), text, kinds);
      this.frequencies.add(item.at, words.words);
      if (relevant) this.crisisFrequencies.add(item.at, words.words);
      if (relevant && item.at >= storiesFrom) this.stories.add(item, words);
    }
  }

  /**
   * Reads the oldest stored items not yet assessed, at most limit, and stores their extracts and
   * assessments in one transaction, with what andThen records (the alerts): all of it lands or none.
   * Everything learns at once, so later items find earlier ones whatever the batches; a batch that
   * fails to commit leaves the process ahead of its store, which the next start reloads.
   */
  assessPending(limit: number, andThen?: (assessed: AssessedItem[]) => void): AssessedItem[] {
    return this.assessItems(() => this.options.store.sqliteNow.items.unassessed(limit), andThen);
  }

  /** Assesses the given items in order, in one transaction (also for a re-score after keyword rules changed). */
  assessItems(items: () => StoredItem[], andThen?: (assessed: AssessedItem[]) => void): AssessedItem[] {
    return this.options.store.sqliteTransaction(() => {
      // Read once a batch: marks given while it runs count from the next one.
      const feedback = currentFeedbackWeights(this.options.store);
      const batch = items();
      // Only items a keyword rule matched teach the knowledge base.
      const nextExtraction = this.extractor.read(batch.filter((item) => item.keywords.length > 0).map(itemSourceDocument));
      const assessed = batch.map((item) => {
        const extract = item.keywords.length > 0 ? this.extract(item, nextExtraction()) : null;
        const assessment = this.assess(item, extract, feedback);
        if (extract) this.options.knowledge().add(extract, item.id);
        return { item, assessment };
      });
      andThen?.(assessed);
      return assessed;
    });
  }

  private assess(item: StoredItem, extract: KnowledgeExtract | null, feedback: FeedbackWeights): Assessment {
    // Read once: signals, kinds of development and the story's words all match the same words.
    const title = readText(item.title);
    const text = readText(`${item.title}\n${item.text}`);
    const at = item.publishedAt ?? item.fetchedAt;
    const kinds = item.keywords.length > 0 ? this.developmentKinds(text) : [];
    const words = featuresOf(title, text, kinds);
    this.frequencies.advanceTo(at);
    this.crisisFrequencies.advanceTo(at);
    const signals = signalsCanCount(item.keywords, this.options.config) ? this.signalsIn(title, text) : [];
    const assessment = this.asCorrection(item, assessItem({
      itemId: item.id,
      keywords: item.keywords,
      signals,
      comparison: extract ? compareWithKnowledge(extract, this.options.knowledge()) : null,
      ...(item.keywords.length > 0 ? this.comparePassages(words, at, extract) : {}),
      kinds: { novel: kinds.filter((kind) => !this.isKnownKind(kind, at)), known: kinds.filter((kind) => this.isKnownKind(kind, at)) },
      thresholds: this.options.config,
      feedback: relevanceWeightFor(feedback, item.keywords.map((match) => match.rule), item.feedId),
      explainer: isFeatureHeadline(item.title),
    }));
    this.options.store.assessments.save(item.id, assessment);
    this.frequencies.add(at, words.words);
    if (assessment.relevance >= this.options.config.relevantAt) {
      this.crisisFrequencies.add(at, words.words);
      this.stories.add({ itemId: item.id, clusterId: assessment.clusterId, at }, words);
      this.rememberKinds(kinds, at);
    }
    return assessment;
  }

  /**
   * A new version of a re-published item stays in the story of the version it corrects: an update
   * of it if the headline or a figure changed, a retelling (which never alerts) if only the wording did.
   */
  private asCorrection(item: StoredItem, assessment: Assessment): Assessment {
    const earlier = item.revises === undefined ? undefined : this.options.store.sqliteNow.items.byId(item.revises);
    const earlierAssessment = earlier && this.options.store.assessments.byItem(earlier.id);
    if (!earlier || !earlierAssessment) return assessment;
    const correction = compareVersions(earlier, item);
    return { ...assessment, clusterId: earlierAssessment.clusterId, novelty: correction.matters ? 'update' : 'known', reasons: [correction.reason, ...assessment.reasons] };
  }

  /**
   * Escalation signals, each with its weight; one found only in the summary, not the headline,
   * counts for less: a report about Taiwan that recalls the invasion in passing is not the invasion.
   */
  private signalsIn(title: ReadText, text: ReadText): AssessmentInput['signals'] {
    const inHeadline = new Set(this.signalMatcher.match(title).map((match) => match.rule));
    return this.signalMatcher.match(text).map((match) => {
      const weight = this.signalWeights.get(match.rule) ?? 0;
      return { name: match.rule, weight: inHeadline.has(match.rule) ? weight : weight * SUMMARY_SIGNAL_SHARE, terms: match.terms };
    });
  }

  private isKnownKind(kind: string, at: number): boolean {
    return this.baselineKinds.has(kind) || (this.kindLastReported.get(kind) ?? -Infinity) >= at - KNOWN_KIND_MS;
  }

  private rememberKinds(kinds: readonly string[], at: number): void {
    for (const kind of kinds) this.kindLastReported.set(kind, Math.max(at, this.kindLastReported.get(kind) ?? -Infinity));
  }

  /** The earlier report of the same development, the baseline passage the item is closest to, and the day of the headline's news. */
  private comparePassages(words: ReportWords, at: number, extract: KnowledgeExtract | null): Pick<AssessmentInput, 'sameStory' | 'baseline' | 'newsDay'> {
    const nearest = this.stories.nearest(words, at);
    const baseline = this.baseline.nearest(words.words);
    const newsDay = extract ? headlineNewsDay(extract) : undefined;
    const sameStory: AssessmentInput['sameStory'] = nearest && {
      ...nearest,
      reports: this.stories.reportCount(nearest.clusterId),
      newSpeakers: newSpeakersIn(extract, this.stories.storyWords(nearest.clusterId)),
      givenFigures: figuresGivenIn(extract, this.stories.storyWords(nearest.clusterId)),
    };
    return { ...(sameStory ? { sameStory } : {}), ...(baseline ? { baseline } : {}), ...(newsDay ? { newsDay } : {}) };
  }

  private extract(item: StoredItem, extraction: ItemExtraction): KnowledgeExtract | null {
    if ('error' in extraction) {
      // A text the extractor cannot read must not cost the item itself.
      this.options.log.error({ itemId: item.id, err: extraction.error }, 'knowledge extraction failed');
      return null;
    }
    this.options.store.extracts.save(item.id, extraction.extract);
    return extraction.extract;
  }
}

/** What a report is compared by: its content words and the kinds of development it reports (two outlets rarely share wording, but do share what happened), and its headline's words without its label. */
function featuresOf(title: ReadText, text: ReadText, kinds: readonly string[]): ReportWords {
  const unlabelled = withoutHeadlineLabel(title.text);
  return { words: [...contentWords(text), ...kinds.map((kind) => `${KIND_PREFIX}${kind}`)], headline: contentWords(unlabelled === title.text ? title : unlabelled) };
}

/** The item's figures, as written, whose number the story's earlier reports already gave ("more than 150,000" after "150,000"). */
function figuresGivenIn(extract: KnowledgeExtract | null, storyWords: ReadonlySet<string>): string[] {
  if (!extract) return [];
  return extract.numbers.filter((fact) => contentWords(fact.text).some((word) => /\d/.test(word) && storyWords.has(word))).map((fact) => fact.text);
}

/**
 * People the item quotes whose names none of the story's earlier reports used: someone new has spoken.
 * Only people: "the White House" or "Moscow" quoted by a second outlet is the voice the first report gave another name.
 */
function newSpeakersIn(extract: KnowledgeExtract | null, storyWords: ReadonlySet<string>): string[] {
  if (!extract) return [];
  const speakers = new Set(extract.quotes.filter((quote) => quote.speakerIsEntity).map((quote) => quote.speaker));
  return extract.entities
    .filter((entity) => entity.kind === 'person' && speakers.has(entity.canonicalName) && !entity.aliases.some((alias) => tokenize(alias).some((word) => word.length > 2 && storyWords.has(word))))
    .map((entity) => entity.canonicalName);
}
