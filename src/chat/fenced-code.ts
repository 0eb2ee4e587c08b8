// Code blocks for the chat platforms' markdown: text that must arrive exactly as written (YAML that
// can be pasted back, a diff), cut between lines into blocks that each fit a platform's limit.

const FENCE = '```';

/** Each block is a complete fenced block of at most `max` characters; a fence inside the text is broken up. */
export function fencedBlocks(text: string, max: number): string[] {
  const room = max - 2 * FENCE.length - 2;
  const safe = text.replaceAll(FENCE, '`\u200b``');
  const blocks: string[] = [];
  let current: string[] = [];
  let length = 0;
  const flush = (): void => {
    if (current.length > 0) blocks.push(`${FENCE}\n${current.join('\n')}\n${FENCE}`);
    current = [];
    length = 0;
  };
  for (const line of safe.split('\n')) {
    for (let start = 0; start < Math.max(1, line.length); start += room) {
      const piece = line.slice(start, start + room);
      if (length + piece.length + 1 > room) flush();
      current.push(piece);
      length += piece.length + 1;
    }
  }
  flush();
  return blocks;
}
