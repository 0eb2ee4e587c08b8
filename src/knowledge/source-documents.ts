// What the knowledge base learns from, as SourceDocuments: the baseline files and stored feed items.
import type { BaselineDocument } from '../config/load-baseline.js';
import type { StoredItem } from '../store/item-store.js';
import type { SourceDocument } from './types.js';

export function baselineSourceDocument(document: BaselineDocument): SourceDocument {
  return { id: document.id, source: document.id, title: document.title, text: document.text, referenceDate: document.referenceDate, ...(document.url ? { url: document.url } : {}) };
}

/** Relative dates in an item ("on Monday") count from the day it was published, or fetched if undated. */
export function itemSourceDocument(item: StoredItem): SourceDocument {
  const id = `item:${item.id}`;
  const referenceDate = new Date(item.publishedAt ?? item.fetchedAt).toISOString().slice(0, 10);
  return { id, source: id, title: item.title, text: item.text, referenceDate, ...(item.url ? { url: item.url } : {}) };
}
