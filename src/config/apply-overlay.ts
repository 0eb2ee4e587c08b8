// The setup in effect: the config file, with the keyword rules and feeds changed from chat laid
// over it (a rule by its name, a feed by its URL; a removed one is taken out). Rules and feeds not
// touched from chat follow the file, so later file edits still apply to them. The result passes
// the same schema as the file.
import type { OverlayEntry } from '../store/setup-store.js';
import { validateConfig } from './load-config.js';
import type { SitroomConfig } from './schema.js';

export function ruleKey(name: string): string {
  return name.toLowerCase();
}

export function applyOverlay(file: SitroomConfig, overlay: readonly OverlayEntry[]): SitroomConfig {
  const keywords = new Map(file.keywords.map((rule) => [ruleKey(rule.name), rule as unknown]));
  const feeds = new Map(file.feeds.map((feed) => [feed.url, feed as unknown]));
  for (const entry of overlay) {
    const list = entry.section === 'keywords' ? keywords : entry.section === 'feeds' ? feeds : undefined;
    if (!list) continue;
    if (entry.value === null) list.delete(entry.key);
    else list.set(entry.key, entry.value);
  }
  return validateConfig({ ...file, keywords: [...keywords.values()], feeds: [...feeds.values()] }, 'the change');
}
