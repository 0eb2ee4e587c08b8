// The Slack renderer: a neutral Reply as one or more Block Kit messages within SLACK_LIMITS, each
// with a plain `text` fallback for notifications. Every string from a reply is escaped, so a feed
// title cannot ping <!channel>, mention anyone or smuggle in a link.
import type { types } from '@slack/bolt';
import { FEEDBACK_BUTTONS, feedbackActionId } from '../feedback-buttons.js';
import { isWebLink, type Reply, type ReplyListItem, type ReplySection } from '../reply.js';
import { fencedBlocks } from '../fenced-code.js';
import { describeChart } from '../sparkline.js';
import { SLACK_LIMITS } from './slack-limits.js';

type KnownBlock = types.KnownBlock;

export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

export interface RenderOptions {
  /** Adds a "Share in channel" button to a private answer, carrying this key (see ShareableAnswers). */
  shareKey?: string;
  /** At most this many messages (a response_url takes 5); the last one then says what was left out. */
  maxMessages?: number;
}

export const SHARE_ACTION_ID = 'sitroom_share';

/** A block with the words it shows, for the notification fallback. */
interface RenderedBlock {
  block: KnownBlock;
  plain: string;
}

/** Room kept in every message for the closing context and the share button. */
const RESERVED_BLOCKS = 2;
const RESERVED_JSON = 2500;

/** Private answers can be shared; errors and refusals are for the asker only. */
export function canShare(reply: Reply): boolean {
  return reply.visibility === 'private' && reply.tone === 'info';
}

export function escapeSlackText(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

export function renderSlackMessages(reply: Reply, options: RenderOptions = {}): SlackMessage[] {
  const rendered: RenderedBlock[] = [];
  if (reply.title) rendered.push({ block: { type: 'header', text: { type: 'plain_text', text: cut(reply.title, SLACK_LIMITS.headerText), emoji: true } }, plain: reply.title });
  reply.sections.forEach((section, index) => rendered.push(...renderSection(section, reply.tone === 'error' && index === 0)));

  let groups = packIntoMessages(rendered);
  const maxMessages = options.maxMessages ?? Infinity;
  if (groups.length > maxMessages) {
    const leftOut = groups.length - maxMessages;
    groups = groups.slice(0, maxMessages);
    groups[groups.length - 1]!.push(contextBlock(`… ${leftOut} more message${leftOut === 1 ? '' : 's'} not shown: ask a narrower question.`));
  }
  if (options.shareKey !== undefined && canShare(reply)) {
    groups[groups.length - 1]!.push(shareButton(options.shareKey));
  }
  return groups.map((group, index) => ({
    text: fallbackText(group, index, groups.length, reply.title),
    blocks: group.map((part) => part.block),
  }));
}

function renderSection(section: ReplySection, isErrorMessage: boolean): RenderedBlock[] {
  switch (section.kind) {
    case 'text':
      return textSections(escapeSlackText(isErrorMessage ? `⚠️ ${section.text}` : section.text), section.text);
    case 'context':
      return [contextBlock(section.text)];
    case 'code':
      return fencedBlocks(escapeSlackText(section.text), SLACK_LIMITS.sectionText).map((text, index) => ({
        block: { type: 'section', text: { type: 'mrkdwn', text } },
        plain: index === 0 ? section.text : '',
      }));
    case 'chart':
      // Shown as a sparkline: an uploaded PNG would be a separate file message that ephemeral replies cannot carry.
      return [contextBlock(describeChart(section.title, section.points))];
    case 'fields':
      return chunk(section.fields, SLACK_LIMITS.fieldsPerSection).map((fields) => ({
        block: { type: 'section', fields: fields.map((field) => ({ type: 'mrkdwn', text: cut(`*${escapeSlackText(field.label)}*\n${escapeSlackText(field.value)}`, SLACK_LIMITS.fieldText) })) },
        plain: fields.map((field) => `${field.label}: ${field.value}`).join('\n'),
      }));
    case 'list': {
      const heading = section.heading ? textSections(`*${escapeSlackText(section.heading)}*`, section.heading) : [];
      // Lines with feedback buttons each get a section of their own, followed by their buttons.
      if (section.items.some((item) => item.feedbackItemId !== undefined)) {
        return [...heading, ...section.items.flatMap((item) => [...textSections(listLine(item), item.text), ...(item.feedbackItemId === undefined ? [] : [feedbackButtons(item.feedbackItemId)])])];
      }
      return [...heading, ...textSections(section.items.map(listLine).join('\n'), section.items.map((item) => item.text).join('\n'))];
    }
    case 'feedback':
      return [feedbackButtons(section.itemId)];
  }
}

function listLine(item: ReplyListItem): string {
  // A feed read from a local file has a path, not a link: shown as text, it cannot be a broken link.
  const label = !item.url
    ? escapeSlackText(item.text)
    : isWebLink(item.url)
      ? linkText(item.url, item.text)
      : `${escapeSlackText(item.text)} (${escapeSlackText(item.url)})`;
  const links = (item.links ?? []).map((link) => `\n      ${linkText(link.url, link.text)}`).join('');
  return `• ${label}${item.detail ? `\n      ${escapeSlackText(item.detail)}` : ''}${links}`;
}

function linkText(url: string, text: string): string {
  return `<${escapeUrl(url)}|${escapeSlackText(text).replaceAll('|', '¦')}>`;
}

function feedbackButtons(itemId: number): RenderedBlock {
  return {
    block: {
      type: 'actions',
      block_id: `feedback-${itemId}`,
      elements: FEEDBACK_BUTTONS.map((button) => ({ type: 'button', action_id: feedbackActionId(button.mark), text: { type: 'plain_text', text: button.label }, value: String(itemId) })),
    },
    plain: '',
  };
}

/** mrkdwn text over as many sections as it needs, cut between lines where it can. */
function textSections(mrkdwn: string, plain: string): RenderedBlock[] {
  return splitText(mrkdwn, SLACK_LIMITS.sectionText).map((text, index) => ({ block: { type: 'section', text: { type: 'mrkdwn', text } }, plain: index === 0 ? plain : '' }));
}

function contextBlock(text: string): RenderedBlock {
  return { block: { type: 'context', elements: [{ type: 'mrkdwn', text: cut(escapeSlackText(text), SLACK_LIMITS.contextText) }] }, plain: text };
}

function shareButton(key: string): RenderedBlock {
  return {
    block: { type: 'actions', elements: [{ type: 'button', action_id: SHARE_ACTION_ID, text: { type: 'plain_text', text: 'Share in channel' }, value: key }] },
    plain: '',
  };
}

function packIntoMessages(blocks: RenderedBlock[]): RenderedBlock[][] {
  const messages: RenderedBlock[][] = [[]];
  let jsonLength = 0;
  for (const part of blocks) {
    const size = JSON.stringify(part.block).length;
    const current = messages[messages.length - 1]!;
    if (current.length > 0 && (current.length + 1 > SLACK_LIMITS.blocksPerMessage - RESERVED_BLOCKS || jsonLength + size > SLACK_LIMITS.blocksJson - RESERVED_JSON)) {
      messages.push([part]);
      jsonLength = size;
    } else {
      current.push(part);
      jsonLength += size;
    }
  }
  return messages;
}

function fallbackText(group: RenderedBlock[], index: number, count: number, title: string | undefined): string {
  const plain = group.map((part) => part.plain).filter(Boolean).join('\n');
  const prefix = index > 0 && title ? `${title} (${index + 1}/${count})\n` : '';
  return cut(escapeSlackText(`${prefix}${plain}`), SLACK_LIMITS.fallbackText);
}

/** Splits at the last line break before the limit; a single line longer than the limit is cut hard. */
function splitText(text: string, limit: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const breakAt = rest.lastIndexOf('\n', limit);
    const end = breakAt > 0 ? breakAt : safeCutIndex(rest, limit);
    parts.push(rest.slice(0, end));
    rest = rest.slice(breakAt > 0 ? end + 1 : end);
  }
  if (rest.length > 0 || parts.length === 0) parts.push(rest);
  return parts;
}

function cut(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, safeCutIndex(text, limit - 1))}…`;
}

/** Never cuts inside an escape (&amp;) or a surrogate pair. */
function safeCutIndex(text: string, limit: number): number {
  let end = limit;
  const ampersand = text.lastIndexOf('&', end);
  if (ampersand > end - 5 && text.indexOf(';', ampersand) >= end) end = ampersand;
  if (/[\uD800-\uDBFF]/.test(text[end - 1] ?? '')) end -= 1;
  return end;
}

/** Characters that would end a <url|label> link early are percent-encoded. */
function escapeUrl(url: string): string {
  return url.replaceAll('&', '&amp;').replaceAll('<', '%3C').replaceAll('>', '%3E').replaceAll('|', '%7C');
}

function chunk<T>(values: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let index = 0; index < values.length; index += size) chunks.push(values.slice(index, index + size));
  return chunks;
}
