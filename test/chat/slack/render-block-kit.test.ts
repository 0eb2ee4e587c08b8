// The Block Kit renderer on its own: a command's answer never needs more posts than its response_url
// allows, and errors are not offered for sharing.
import { describe, expect, it } from 'vitest';
import { errorReply, reply } from '../../../src/chat/reply.js';
import { renderSlackMessages } from '../../../src/chat/slack/render-block-kit.js';

describe('renderSlackMessages', () => {
  it('cuts an answer to five messages and says how many more there were', () => {
    const items = Array.from({ length: 2000 }, (_, index) => ({ text: `Event ${index + 1}: ${'z'.repeat(100)}` }));
    const all = renderSlackMessages(reply('Timeline', [{ kind: 'list', items }]));
    const capped = renderSlackMessages(reply('Timeline', [{ kind: 'list', items }]), { maxMessages: 5, shareKey: 'answer-9' });
    expect(all.length).toBeGreaterThan(5);
    expect(capped).toHaveLength(5);
    expect(capped[4]!.blocks.at(-2)).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: `… ${all.length - 5} more messages not shown: ask a narrower question.` }] });
    expect(capped[4]!.blocks.at(-1)).toMatchObject({ type: 'actions', elements: [{ value: 'answer-9' }] });
    expect(capped.every((message) => message.blocks.length <= 50 && JSON.stringify(message.blocks).length <= 13_000)).toBe(true);
  });

  it('shows an error with a warning sign, escaped, and without a share button', () => {
    const [message] = renderSlackMessages(errorReply('No feed at <http://x|y>.', 'Check the address.'), { shareKey: 'answer-1' });
    expect(message!.blocks).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: '⚠️ No feed at &lt;http://x|y&gt;.' } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'Check the address.' }] },
    ]);
    expect(message!.text).toBe('No feed at &lt;http://x|y&gt;.\nCheck the address.');
  });
});
