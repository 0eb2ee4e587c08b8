// The console's renderer: a Reply as plain text, as a person reading a terminal wants it.
import type { Reply, ReplySection } from '../reply.js';
import { stripControlCharacters } from '../../text/strip-control-characters.js';
import { FEEDBACK_BUTTONS } from '../feedback-buttons.js';
import { describeChart } from '../sparkline.js';

export function renderPlainText(reply: Reply): string {
  const lines: string[] = [];
  if (reply.title) lines.push(reply.title, '─'.repeat(Math.min(reply.title.length, 60)));
  for (const section of reply.sections) lines.push(...renderSection(section, reply.tone));
  // Feed text is cleaned when parsed; this is the defence for anything that reached a reply some other way.
  return stripControlCharacters(lines.join('\n'));
}

function renderSection(section: ReplySection, tone: Reply['tone']): string[] {
  switch (section.kind) {
    case 'text':
      return [tone === 'error' ? `✗ ${section.text}` : section.text];
    case 'context':
      return [`  ${section.text}`];
    case 'fields': {
      const width = Math.max(...section.fields.map((field) => field.label.length));
      return section.fields.map((field) => `${`${field.label}:`.padEnd(width + 1)} ${field.value}`);
    }
    case 'list':
      return [
        ...(section.heading ? [`${section.heading}:`] : []),
        ...section.items.flatMap((item) => [
          `• ${item.text}${item.url ? ` <${item.url}>` : ''}`,
          ...(item.detail ? [`    ${item.detail}`] : []),
          ...(item.links ?? []).map((link) => `    ${link.text} <${link.url}>`),
          ...(item.feedbackItemId === undefined ? [] : [`    ${markHint(item.feedbackItemId)}`]),
        ]),
      ];
    case 'chart':
      return [describeChart(section.title, section.points)];
    case 'code':
      return [section.text];
    case 'feedback':
      return [`  ${markHint(section.itemId)}`];
  }
}

/** A terminal has no buttons: the command they stand for. */
function markHint(itemId: number): string {
  return `feedback: /mark ${itemId} ${FEEDBACK_BUTTONS.map((button) => button.mark).join(' | ')}`;
}
