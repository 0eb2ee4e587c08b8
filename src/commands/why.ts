// /why ITEM: the whole assessment of one item, so anyone can check why it did or did not post.
import { reply, type ReplySection } from '../chat/reply.js';
import { UserError, type Command } from './command.js';
import { formatInstant } from './describe-time.js';
import { markLine } from './feedback.js';

export const whyCommand: Command = {
  name: 'why',
  description: "An item's full assessment: rules matched, what it adds, its story, its severity",
  usage: '/why ITEM (the item number shown by /news)',
  async run({ services, args }) {
    const id = Number(args[0]?.replace(/^#/, ''));
    if (!Number.isInteger(id) || id < 1) throw new UserError('Which item? Give its number, e.g. /why 412.', `Usage: ${whyCommand.usage}`);
    const item = await services.store.items.byId(id);
    if (!item) throw new UserError(`There is no item ${id}.`);
    const assessment = services.store.assessments.byItem(id);
    const sections: ReplySection[] = [];
    // The feed corrected the item: the title it has now heads the answer, the earlier ones follow.
    const versions = await services.store.items.versions(id);
    const current = versions.at(-1)!;
    if (versions.length > 1) {
      const earlier = versions.slice(0, -1).map((version) => `"${version.title}" (item ${version.id}, ${formatInstant(version.fetchedAt)})`);
      const which = current.id === id ? '' : ` This is an earlier version; the current one is item ${current.id}.`;
      sections.push({ kind: 'text', text: `Changed: the feed re-published this item. Earlier version${earlier.length > 1 ? 's' : ''}: ${earlier.join(', ')}.${which}` });
    }
    if (!assessment) {
      sections.push({ kind: 'text', text: 'This item was stored before assessment existed; it has no assessment.' });
    } else {
      const cluster = services.store.assessments.clusterSize(assessment.clusterId);
      sections.push(
        {
          kind: 'fields',
          fields: [
            { label: 'Relevance', value: `${assessment.relevance.toFixed(2)} (relevant from ${services.config().assessment.relevantAt})` },
            { label: 'Novelty', value: assessment.novelty },
            { label: 'Severity', value: assessment.severity },
            { label: 'Story', value: `cluster ${assessment.clusterId}: ${cluster.items} item(s) from ${cluster.feeds} feed(s), first reported ${formatInstant(cluster.firstAt)}` },
          ],
        },
        { kind: 'list', heading: 'Reasons', items: assessment.reasons.map((reason) => ({ text: reason })) },
      );
      const marks = await services.store.feedback.forStory(assessment.clusterId);
      if (marks.length > 0) sections.push({ kind: 'list', heading: 'Feedback on this story', items: marks.map(markLine) });
    }
    sections.push({ kind: 'context', text: `${item.publishedAt ? formatInstant(item.publishedAt) : 'undated'}${item.url ? ` · ${item.url}` : ''}` });
    return reply(`Item ${id}: ${current.title}`, sections, { data: { item: { id, title: item.title, url: item.url, keywords: item.keywords }, assessment } });
  },
};
