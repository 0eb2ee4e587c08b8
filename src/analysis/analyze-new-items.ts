// Everything that happens to new items after they are stored: what they teach the knowledge base,
// which story they belong to, and their assessment. Holds the in-memory indexes this needs and
// rebuilds them from the store at start.
import type { Logger } from 'pino';
import type { KeywordRule, SitroomConfig } from '../config/schema.js';
import { withHeadlineEvent } from '../knowledge/headline-event.js';
import { extractKnowledge } from '../knowledge/extract-knowledge.js';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import type { ReadingVocabulary } from '../knowledge/reading-vocabulary.js';
import { itemSourceDocument } from '../knowledge/source-documents.js';
import type { KnowledgeExtract } from '../knowledge/types.js';
import type { StoredItem } from '../store/item-store.js';
import type { Store } from '../store/open-store.js';
import { assessItem, type Assessment, type AssessmentInput } from './assess-item.js';
import { compareWithKnowledge } from './compare-with-knowledge.js';
import { contentWords } from './content-words.js';
import { developmentKindsFrom, type DevelopmentKindsOf } from './development-kinds.js';
import { KeywordMatcher } from './keyword-matcher.js';
import { StoryIndex } from './story-index.js';

export interface NewItemAnalyzerOptions {
  store: Store;
  config: SitroomConfig['assessment'];
  /** The keyword rules, which signals and kinds of development may require. */
  keywordRules: readonly KeywordRule[];
  knowledge: () => KnowledgeBase;
  /** The names and units items are read with (config `knowledge`). */
  vocabulary: ReadingVocabulary;
  /** Texts of what the team knew at the start, one paragraph each. */
  baselineParagraphs: string[];
  log: Logger;
  now: () => number;
}

const DOCUMENT_SHARE_TOO_COMMON = 0.2;
/** How long a relevant item counts as what is known: older news is either in the baseline or stale. */
const KNOWN_WINDOW_MS = 30 * 24 * 3_600_000;

export interface AssessedItem {
  item: StoredItem;
  assessment: Assessment;
}

export class NewItemAnalyzer {
  private readonly signalMatcher: KeywordMatcher;
  private readonly developmentKinds: DevelopmentKindsOf;
  private readonly weights: Map<string, number>;
  /** Every item of the clustering window: finds the same story told again. */
  private readonly stories: StoryIndex;
  /** The baseline's paragraphs: what the team knew at the start, never forgotten. */
  private readonly baseline = new StoryIndex({ windowMs: Infinity, maxDocumentShare: DOCUMENT_SHARE_TOO_COMMON });
  /** Relevant items of the last weeks: what has been learnt since. Bounded, so lookups and memory stay flat as the store grows. */
  private readonly recentlyKnown = new StoryIndex({ windowMs: KNOWN_WINDOW_MS, maxDocumentShare: DOCUMENT_SHARE_TOO_COMMON });
  private readonly clusterSizes = new Map<number, number>();
  /** Kinds of development the baseline or a recent relevant item has reported. */
  private readonly knownKinds = new Set<string>();

  constructor(private readonly options: NewItemAnalyzerOptions) {
    this.signalMatcher = new KeywordMatcher(options.config.signals, options.keywordRules);
    this.developmentKinds = developmentKindsFrom(options.config.developmentKinds, options.keywordRules);
    this.weights = new Map(options.config.signals.map((signal) => [signal.name, signal.weight]));
    this.stories = new StoryIndex({ windowMs: options.config.clusterWindow * 1000, maxDocumentShare: DOCUMENT_SHARE_TOO_COMMON });
    options.baselineParagraphs.forEach((paragraph, index) => {
      this.baseline.add(-1 - index, -1 - index, 0, contentWords(paragraph));
      for (const kind of this.developmentKinds(paragraph)) this.knownKinds.add(kind);
    });
    const { store, config } = options;
    for (const item of store.assessments.relevantSince(config.relevantAt, options.now() - KNOWN_WINDOW_MS)) {
      const text = `${item.title}\n${item.text}`;
      this.recentlyKnown.add(item.itemId, item.clusterId, item.at, contentWords(text));
      for (const kind of this.developmentKinds(text)) this.knownKinds.add(kind);
    }
    for (const item of store.assessments.since(options.now() - config.clusterWindow * 1000)) {
      this.stories.add(item.itemId, item.clusterId, item.at, contentWords(`${item.title}\n${item.text}`));
      this.clusterSizes.set(item.clusterId, (this.clusterSizes.get(item.clusterId) ?? 0) + 1);
    }
  }

  /**
   * Reads every stored item not yet assessed, oldest first, and stores its extract and assessment in
   * one transaction. The story index learns at once, so later items of the batch find earlier ones;
   * the knowledge base learns once the transaction has committed. Returns the assessed items.
   */
  assessPending(): AssessedItem[] {
    return this.assessItems(() => this.options.store.items.unassessed());
  }

  /** Assesses the given items in order, in one transaction (for a re-score after keyword rules changed). */
  assessItems(items: () => StoredItem[]): AssessedItem[] {
    const learnt: KnowledgeExtract[] = [];
    const assessed = this.options.store.transaction(() =>
      items().map((item) => {
        const extract = item.keywords.length > 0 ? this.extract(item) : null;
        if (extract) learnt.push(extract);
        return { item, assessment: this.assess(item, extract) };
      }),
    );
    for (const extract of learnt) this.options.knowledge().add(extract);
    return assessed;
  }

  private assess(item: StoredItem, extract: KnowledgeExtract | null): Assessment {
    const text = `${item.title}\n${item.text}`;
    const at = item.publishedAt ?? item.fetchedAt;
    const signals = this.signalMatcher.match(text).map((match) => ({ name: match.rule, weight: this.weights.get(match.rule) ?? 0, terms: match.terms }));
    // Two outlets rarely share wording but do share who, what kind of thing, and the figures.
    const words = [...contentWords(text), ...(extract?.entities.map((entity) => `entity:${entity.canonicalName}`) ?? []), ...signals.map((signal) => `signal:${signal.name}`)];
    const nearest = this.stories.nearest(words, at);
    const kinds = item.keywords.length > 0 ? this.developmentKinds(text) : [];
    const assessment = assessItem({
      itemId: item.id,
      keywords: item.keywords,
      signals,
      comparison: extract ? compareWithKnowledge(extract, this.options.knowledge()) : null,
      sameStory: nearest && { ...nearest, sources: this.clusterSizes.get(nearest.clusterId) ?? 1 },
      knownSimilarity: item.keywords.length > 0 ? this.knownSimilarity(words, at) : { baseline: 0, recent: 0 },
      kinds: { novel: kinds.filter((kind) => !this.knownKinds.has(kind)), known: kinds.filter((kind) => this.knownKinds.has(kind)) },
      thresholds: this.options.config,
    });
    this.options.store.assessments.save(item.id, assessment);
    this.remember(item.id, assessment, at, words);
    if (assessment.relevance >= this.options.config.relevantAt) for (const kind of kinds) this.knownKinds.add(kind);
    return assessment;
  }

  private extract(item: StoredItem): KnowledgeExtract | null {
    try {
      const extract = withHeadlineEvent(extractKnowledge(itemSourceDocument(item), this.options.vocabulary));
      this.options.store.extracts.save(item.id, extract);
      return extract;
    } catch (error) {
      // A text the extractor cannot read must not cost the item itself.
      this.options.log.error({ itemId: item.id, err: error }, 'knowledge extraction failed');
      return null;
    }
  }

  private remember(itemId: number, assessment: Assessment, at: number, words: string[]): void {
    this.stories.add(itemId, assessment.clusterId, at, words);
    this.clusterSizes.set(assessment.clusterId, (this.clusterSizes.get(assessment.clusterId) ?? 0) + 1);
    if (assessment.relevance >= this.options.config.relevantAt) this.recentlyKnown.add(itemId, assessment.clusterId, at, words);
  }

  private knownSimilarity(words: string[], at: number): AssessmentInput['knownSimilarity'] {
    return { baseline: this.baseline.nearest(words, at)?.similarity ?? 0, recent: this.recentlyKnown.nearest(words, at)?.similarity ?? 0 };
  }
}
