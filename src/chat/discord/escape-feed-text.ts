// Text from feeds and users shown on Discord: markdown escaped so a headline cannot format the
// message or pass a spoofed link, and mention syntax broken so it cannot ping (allowedMentions already
// stops the ping itself; this also keeps "@everyone" from looking like one).
import { escapeMarkdown } from 'discord.js';

const ZERO_WIDTH_SPACE = '\u200b';

export function escapeFeedText(text: string): string {
  // discord.js's maskedLink option escapes only the first "[" of a line, which leaves a later
  // "[bbc.com](https://evil.example)" live; escaping every bracket leaves no masked link at all.
  return escapeMarkdown(text, { heading: true, bulletedList: true, numberedList: true, maskedLink: false })
    .replace(/[[\]]/g, '\\$&')
    // Quotes (> and >>>) and subtext (-#) at a line's start are markdown escapeMarkdown leaves alone.
    .replace(/^(\s*)(>|-#)/gm, '$1\\$2')
    .replace(/@(everyone|here)/gi, `@${ZERO_WIDTH_SPACE}$1`)
    .replace(/<(@[!&]?|#)(\d+)>/g, `<${ZERO_WIDTH_SPACE}$1$2>`);
}
