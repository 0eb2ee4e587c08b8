// Discord's message limits as the real API enforces them, written out apart from the renderer's own
// table so a wrong number there makes the fake refuse the message instead of agreeing with it.

interface MessageBody {
  content?: string;
  embeds?: { title?: string; description?: string; fields?: { name: string; value: string }[]; footer?: { text: string }; author?: { name: string } }[];
}

/** Each limit the message breaks, described; empty when Discord would accept it. */
export function checkDiscordMessageLimits(message: MessageBody): string[] {
  const problems: string[] = [];
  const tooLong = (what: string, text: string | undefined, max: number): void => {
    if (text !== undefined && text.length > max) problems.push(`${what} is ${text.length} characters (max ${max})`);
  };
  tooLong('content', message.content, 2000);
  const embeds = message.embeds ?? [];
  if (embeds.length > 10) problems.push(`${embeds.length} embeds (max 10)`);
  let total = 0;
  embeds.forEach((embed, index) => {
    tooLong(`embed ${index} title`, embed.title, 256);
    tooLong(`embed ${index} description`, embed.description, 4096);
    const fields = embed.fields ?? [];
    if (fields.length > 25) problems.push(`embed ${index} has ${fields.length} fields (max 25)`);
    for (const field of fields) {
      tooLong(`embed ${index} field name`, field.name, 256);
      tooLong(`embed ${index} field value`, field.value, 1024);
      if (!field.name || !field.value) problems.push(`embed ${index} has an empty field name or value`);
    }
    total += (embed.title ?? '').length + (embed.description ?? '').length + (embed.footer?.text ?? '').length + (embed.author?.name ?? '').length;
    total += fields.reduce((sum, field) => sum + field.name.length + field.value.length, 0);
  });
  if (total > 6000) problems.push(`embeds hold ${total} characters together (max 6000)`);
  if (!message.content && embeds.length === 0 && !('attachments' in message)) problems.push('empty message');
  return problems;
}
