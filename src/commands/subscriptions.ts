// /subscriptions: which channels get sitreps and alerts, and when.
import { reply } from '../chat/reply.js';
import { timeAgo } from './describe-time.js';
import type { Command } from './command.js';

export const subscriptionsCommand: Command = {
  name: 'subscriptions',
  description: 'Which channels get the sitrep and alerts, and when',
  usage: '/subscriptions',
  async run({ services, channel }) {
    const subscriptions = await services.store.subscriptions.list();
    if (subscriptions.length === 0) return reply('Subscriptions', [{ kind: 'text', text: 'No channel is subscribed. An admin can type /subscribe digest 08:00 Europe/Kyiv in a channel.' }], { data: [] });
    const now = services.now();
    return reply('Subscriptions', [{
      kind: 'list',
      items: subscriptions.map((subscription) => ({
        text: `${subscription.channel}${subscription.channel === channel ? ' (this channel)' : ''}`,
        detail: [
          subscription.digest ? `sitrep daily at ${subscription.digest.at} ${subscription.digest.timezone}${subscription.digest.whenQuiet === 'skip' ? ', quiet days skipped' : ''}` : 'no sitrep',
          subscription.alerts ? `alerts: ${subscription.alerts.minSeverity}${subscription.alerts.minSeverity === 'urgent' ? '' : ' and above'}` : 'no alerts',
          ...(subscription.topics?.length ? [`topics: ${subscription.topics.join(', ')}`] : []),
          subscription.source === 'chat' ? `set from chat by ${subscription.updatedBy ?? 'someone'}` : 'from the config file',
          `subscribed ${timeAgo(subscription.createdAt, now)}`,
        ].join(' · '),
      })),
    }], { data: subscriptions });
  },
};
