// The neutral reply every command returns. It says what to show, never how: the Slack, Discord
// and console renderers turn it into Block Kit, embeds or plain text, and handle each platform's limits.

export type ReplySection =
  | { kind: 'text'; text: string }
  | { kind: 'fields'; fields: { label: string; value: string }[] }
  | { kind: 'list'; heading?: string; items: ReplyListItem[] }
  /** Secondary information: sources, counts, hints. */
  | { kind: 'context'; text: string }
  /** A trend: an image where the platform shows images, a sparkline in text. */
  | { kind: 'chart'; title: string; points: ChartPoint[] }
  /** Text shown exactly as written, in a fixed-width block: YAML, a diff. */
  | { kind: 'code'; text: string }
  /** The feedback buttons ("not relevant", "not new", "more like this") for one item: an alert's. */
  | { kind: 'feedback'; itemId: number };

export interface ChartPoint {
  /** "Mon 21", "14:00": what one bar stands for. */
  label: string;
  value: number;
}

export interface ReplyListItem {
  text: string;
  url?: string;
  /** A second, quieter line: where it came from, when. */
  detail?: string;
  /** Further links shown after the detail: the story's thread. */
  links?: { text: string; url: string }[];
  /** The item this line stands for carries the feedback buttons (a sitrep story). */
  feedbackItemId?: number;
}

export interface Reply {
  title?: string;
  sections: ReplySection[];
  /** How the answer went: a refusal or a user's error is shown as such on every platform. */
  tone: 'info' | 'error';
  /** Query answers go only to the asker unless shared; digests and alerts go to the channel. */
  visibility: 'private' | 'channel';
  /** Structured data for `--json` and for tests; not rendered. */
  data?: unknown;
}

export function reply(title: string | undefined, sections: ReplySection[], extra: Partial<Omit<Reply, 'title' | 'sections'>> = {}): Reply {
  return { title, sections, tone: 'info', visibility: 'private', ...extra };
}

export function errorReply(message: string, hint?: string): Reply {
  const sections: ReplySection[] = [{ kind: 'text', text: message }];
  if (hint) sections.push({ kind: 'context', text: hint });
  return { sections, tone: 'error', visibility: 'private' };
}

/** Whether a chat platform can open the address as a link: a feed read from a local file has only a path. */
export function isWebLink(url: string): boolean {
  return /^https?:\/\//i.test(url);
}
