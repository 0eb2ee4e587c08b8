// Feedback that teaches: /mark is what the buttons under alerts and sitrep stories send (and what the
// console types), /feedback lists the recent marks for admins, and /keywords weights shows and resets
// what the marks taught the assessment.
import { currentFeedbackWeights, signed, WEIGHTS_RESET_KEY } from '../analysis/feedback-weights.js';
import { reply, type Reply, type ReplyListItem } from '../chat/reply.js';
import { FEEDBACK_MARKS, type FeedbackMark, type FeedbackRecord } from '../store/feedback-store.js';
import { requireAdmin, UserError, type Command, type CommandContext } from './command.js';
import { formatInstant } from './describe-time.js';
import { parseCount } from './time-arguments.js';

const MARK_WORDS: Record<FeedbackMark, string> = { 'not-relevant': 'not relevant', 'not-new': 'not new', 'more-like-this': 'more like this' };
const RECENT_MARKS = 20;

export const markCommand: Command = {
  name: 'mark',
  description: 'Mark an item not relevant, not new, or more like this (what the feedback buttons do)',
  usage: `/mark ITEM ${FEEDBACK_MARKS.join(' | ')}   (e.g. /mark 412 not-relevant)`,
  async run({ services, args, user, channel }) {
    const id = Number(args[0]?.replace(/^#/, ''));
    const mark = FEEDBACK_MARKS.find((candidate) => candidate === args[1]?.toLowerCase());
    if (!Number.isInteger(id) || id < 1 || !mark || args.length > 2) throw new UserError('Which item, and which mark?', `Usage: ${markCommand.usage}`);
    const item = await services.store.items.byId(id);
    const assessment = services.store.assessments.byItem(id);
    if (!item || !assessment) throw new UserError(`There is no assessed item ${id}.`);
    const recorded = await services.store.feedback.record({ itemId: id, clusterId: assessment.clusterId, channel, userId: user.id, userName: user.name, mark }, services.now());
    services.log.info({ channel, user: user.id, itemId: id, mark }, 'feedback recorded');
    const rules = item.keywords.map((match) => match.rule);
    const alike = `items matching ${rules.length ? `rule ${rules.join(', ')}` : 'its rules'} or from its feed`;
    const effect: Record<FeedbackMark, string> = {
      'not-relevant': `This story no longer alerts in this channel, and ${alike} weigh a little less from now on.`,
      'not-new': "This story's thread here now gets only the reports that raise its severity.",
      'more-like-this': `${alike[0]!.toUpperCase()}${alike.slice(1)} weigh a little more from now on.`,
    };
    return reply(undefined, [
      { kind: 'text', text: `Thanks, noted: "${item.title}" is ${MARK_WORDS[mark]}. ${effect[mark]}` },
      { kind: 'context', text: `Only you see this. /why ${id} shows every mark of its story; admins see the weights with /keywords weights.` },
    ], { data: recorded });
  },
};

export const feedbackCommand: Command = {
  name: 'feedback',
  description: 'The recent feedback marks: who marked which item, how, when and where',
  usage: '/feedback [last N]',
  adminOnly: true,
  async run({ services, args }) {
    if (args.length > 0 && (args[0]?.toLowerCase() !== 'last' || args.length !== 2)) throw new UserError(`I don't understand "${args.join(' ')}".`, `Usage: ${feedbackCommand.usage}`);
    const marks = await services.store.feedback.recent(args.length ? parseCount('last', args[1]) : RECENT_MARKS);
    if (marks.length === 0) return reply('Feedback', [{ kind: 'text', text: 'No marks yet: they come from the buttons under alerts and sitrep stories, or /mark.' }], { data: [] });
    return reply('Feedback', [{ kind: 'list', items: marks.map(markLine) }], { data: marks });
  },
};

/** A mark as /feedback and /why show it. */
export function markLine(mark: FeedbackRecord): ReplyListItem {
  return { text: `${MARK_WORDS[mark.mark]}: item ${mark.itemId} "${mark.title}"`, detail: `by ${mark.userName} (${mark.userId}) · ${formatInstant(mark.at)} · ${mark.channel}` };
}

/** /keywords weights [reset]: the weights the marks give rules and feeds since the last reset. */
export async function keywordWeights(context: CommandContext, args: string[]): Promise<Reply> {
  const { services } = context;
  if (args[0]?.toLowerCase() === 'reset' && args.length === 1) {
    requireAdmin(context, 'reset the feedback weights');
    await services.store.botState.set(WEIGHTS_RESET_KEY, String(services.now()));
    services.log.info({ user: context.user.id }, 'feedback weights reset');
    return reply(undefined, [{ kind: 'text', text: 'Done: the feedback weights start again from nothing. Earlier marks stay in /feedback and /why but weigh nothing.' }]);
  }
  if (args.length > 0) throw new UserError(`I don't understand "${args.join(' ')}".`, 'Usage: /keywords weights [reset]');
  const weights = currentFeedbackWeights(services.store);
  const items = [
    ...[...weights.rules.values()].map((entry) => ({ text: `rule ${entry.rule}: ${signed(entry.weight)}`, detail: `from ${entry.marks} mark(s)` })),
    ...[...weights.feeds.values()].map((entry) => ({ text: `feed ${entry.feed}: ${signed(entry.weight)}`, detail: `from ${entry.marks} mark(s)` })),
  ];
  if (items.length === 0) return reply('Feedback weights', [{ kind: 'text', text: 'No weights: no "not relevant" or "more like this" marks since the last reset.' }], { data: [] });
  return reply('Feedback weights', [
    { kind: 'list', items },
    { kind: 'context', text: 'Added to the relevance of new items matching the rule or from the feed (at most ±0.15 each, ±0.20 in all). Admins reset them with /keywords weights reset.' },
  ], { data: items });
}
