// The Discord renderer: a neutral Reply as one or more messages of embeds, each within Discord's
// limits, with feed text escaped so it can neither format nor mention anyone. Charts become PNG attachments.
import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIComponentInMessageActionRow, type APIEmbed, type APIEmbedField } from 'discord.js';
import { FEEDBACK_BUTTONS, feedbackActionId } from '../feedback-buttons.js';
import { renderChartPng } from '../render-chart-png.js';
import { isWebLink, type Reply, type ReplySection } from '../reply.js';
import { fencedBlocks } from '../fenced-code.js';
import { describeChart } from '../sparkline.js';
import { escapeFeedText } from './escape-feed-text.js';

/** Discord's limits on what one message may carry. */
export const LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  /** Characters over every embed of one message together. */
  embedsTotal: 6000,
  embeds: 10,
  content: 2000,
} as const;

const COLOURS = { info: 0x2b6cb0, error: 0xc4362a } as const;

export interface DiscordFile {
  name: string;
  data: Buffer;
}

export interface DiscordMessage {
  embeds: APIEmbed[];
  files: DiscordFile[];
  /** The feedback buttons or menus, on the last message of a reply. */
  components: APIActionRowComponent<APIComponentInMessageActionRow>[];
}

/** An item that carries feedback buttons, with what a menu calls it. */
interface FeedbackTarget {
  itemId: number;
  label: string;
}

/** Discord's limits on a select menu: options, and an option's label. */
const MENU_OPTIONS = 25;
const OPTION_LABEL = 100;

export async function renderDiscordMessages(reply: Reply): Promise<DiscordMessage[]> {
  const charts = await Promise.all(reply.sections.map((section) => (section.kind === 'chart' ? renderChartPng(section.title, section.points) : undefined)));
  const embeds = new EmbedPacker(COLOURS[reply.tone]);
  if (reply.title) embeds.setTitle(fitText(escapeFeedText(reply.title), LIMITS.title));
  const targets: FeedbackTarget[] = [];
  reply.sections.forEach((section, index) => addSection(embeds, section, reply.tone, { index, chart: charts[index] }, targets));
  const messages = packMessages(embeds.finish());
  messages[messages.length - 1]!.components = feedbackComponents(targets);
  return messages;
}

/**
 * One item (an alert): a row of three buttons. Several (a sitrep's stories): a menu per mark listing
 * them, as buttons for twelve stories would pass Discord's 25 per message.
 */
function feedbackComponents(targets: readonly FeedbackTarget[]): APIActionRowComponent<APIComponentInMessageActionRow>[] {
  if (targets.length === 0) return [];
  if (targets.length === 1) {
    const [{ itemId }] = targets as [FeedbackTarget];
    return [{
      type: ComponentType.ActionRow,
      components: FEEDBACK_BUTTONS.map((button) => ({ type: ComponentType.Button, style: ButtonStyle.Secondary, label: button.label, custom_id: `${feedbackActionId(button.mark)}:${itemId}` })),
    }];
  }
  // A menu shows its labels as plain text; a zero-width space keeps a feed's "@everyone" from reading as one anyway.
  const options = targets.slice(0, MENU_OPTIONS).map((target) => ({ label: fitText(target.label.replaceAll('@', '@\u200b'), OPTION_LABEL), value: String(target.itemId) }));
  return FEEDBACK_BUTTONS.map((button) => ({
    type: ComponentType.ActionRow,
    components: [{ type: ComponentType.StringSelect, custom_id: feedbackActionId(button.mark), placeholder: `${button.label}…`, options }],
  }));
}

/** Where a section stands in its reply, and its chart drawn as PNG if it is one. */
interface SectionPlace {
  index: number;
  chart?: Buffer;
}

function addSection(embeds: EmbedPacker, section: ReplySection, tone: Reply['tone'], place: SectionPlace, targets: FeedbackTarget[]): void {
  switch (section.kind) {
    case 'text':
      return embeds.addText(`${tone === 'error' ? '✗ ' : ''}${escapeFeedText(section.text)}`);
    case 'context':
      return embeds.addText(`*${escapeFeedText(section.text)}*`);
    case 'list':
      if (section.heading) embeds.addText(`**${escapeFeedText(section.heading)}**`);
      for (const item of section.items) {
        const text = escapeFeedText(item.text);
        const label = !item.url ? text : isWebLink(item.url) ? `[${text}](${linkTarget(item.url)})` : `${text} (${escapeFeedText(item.url)})`;
        const links = (item.links ?? []).map((link) => `\n  [${escapeFeedText(link.text)}](${linkTarget(link.url)})`).join('');
        embeds.addText(`• ${label}${item.detail ? `\n  ${escapeFeedText(item.detail)}` : ''}${links}`);
        if (item.feedbackItemId !== undefined) targets.push({ itemId: item.feedbackItemId, label: item.text });
      }
      return;
    case 'feedback':
      targets.push({ itemId: section.itemId, label: '' });
      return;
    case 'fields':
      for (const field of section.fields) {
        embeds.addField({ name: fitText(escapeFeedText(field.label), LIMITS.fieldName) || '\u200b', value: fitText(escapeFeedText(field.value), LIMITS.fieldValue) || '—', inline: field.value.length < 40 });
      }
      return;
    case 'code':
      // Markdown is not read inside a code block: the text needs no escaping to arrive as written.
      for (const block of fencedBlocks(section.text, LIMITS.description)) embeds.addText(block);
      return;
    case 'chart': {
      const name = `chart-${place.index}.png`;
      return embeds.addChart(
        { title: fitText(escapeFeedText(section.title), LIMITS.title), description: fitText(escapeFeedText(describeChart(section.title, section.points)), LIMITS.description), image: { url: `attachment://${name}` } },
        { name, data: place.chart! },
      );
    }
  }
}

/** Fills embeds in order, starting a new one whenever the next part would break an embed's limits. */
class EmbedPacker {
  private readonly done: { embed: APIEmbed; file?: DiscordFile }[] = [];
  private current: APIEmbed;

  constructor(private readonly colour: number) {
    this.current = { color: colour };
  }

  setTitle(title: string): void {
    this.current.title = title;
  }

  addText(text: string): void {
    // Discord shows an embed's description above its fields: text after fields starts a new embed to keep the order.
    if (this.current.fields?.length) this.next();
    for (const piece of splitText(text, LIMITS.description)) {
      const description = this.current.description ? `${this.current.description}\n${piece}` : piece;
      if (description.length > LIMITS.description || embedLength(this.current) + piece.length + 1 > LIMITS.embedsTotal) {
        this.next();
        this.current.description = piece;
      } else {
        this.current.description = description;
      }
    }
  }

  addField(field: APIEmbedField): void {
    const fields = this.current.fields ?? [];
    if (fields.length >= LIMITS.fields || embedLength(this.current) + field.name.length + field.value.length > LIMITS.embedsTotal) {
      this.next();
    }
    this.current.fields = [...(this.current.fields ?? []), field];
  }

  addChart(embed: APIEmbed, file: DiscordFile): void {
    this.next();
    this.done.push({ embed: { color: this.colour, ...embed }, file });
  }

  finish(): { embed: APIEmbed; file?: DiscordFile }[] {
    this.next();
    return this.done;
  }

  private next(): void {
    if (this.current.title || this.current.description || this.current.fields?.length) this.done.push({ embed: this.current });
    this.current = { color: this.colour };
  }
}

/** Puts embeds into as few messages as the per-message limits allow, keeping their order. */
function packMessages(parts: { embed: APIEmbed; file?: DiscordFile }[]): DiscordMessage[] {
  const messages: DiscordMessage[] = [];
  let current: DiscordMessage = { embeds: [], files: [], components: [] };
  let length = 0;
  for (const { embed, file } of parts) {
    const size = embedLength(embed);
    if (current.embeds.length > 0 && (current.embeds.length >= LIMITS.embeds || length + size > LIMITS.embedsTotal)) {
      messages.push(current);
      current = { embeds: [], files: [], components: [] };
      length = 0;
    }
    current.embeds.push(embed);
    if (file) current.files.push(file);
    length += size;
  }
  if (current.embeds.length > 0 || messages.length === 0) messages.push(current);
  return messages;
}

function embedLength(embed: APIEmbed): number {
  return (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0);
}

/** Splits at line ends where it can, inside a line only when one line alone is too long. */
function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    for (let start = 0; start < Math.max(1, line.length); start += max) {
      const chunk = line.slice(start, start + max);
      if (current && current.length + 1 + chunk.length > max) {
        pieces.push(current);
        current = chunk;
      } else {
        current = current ? `${current}\n${chunk}` : chunk;
      }
    }
  }
  if (current) pieces.push(current);
  return pieces;
}

export function fitText(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** A closing parenthesis in a feed's link would end the markdown link early. */
function linkTarget(url: string): string {
  return url.replace(/\(/g, '%28').replace(/\)/g, '%29');
}
