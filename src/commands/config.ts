// /config history: who changed the setup from chat, when, before and after. /config export: the
// setup in effect (the file with chat changes laid over it) as YAML that can replace the file.
import { stringify } from 'yaml';
import { reply, type ReplySection } from '../chat/reply.js';
import { withWrittenDurations } from '../config/write-durations.js';
import { UserError, type Command, type SitroomServices } from './command.js';
import { formatInstant } from './describe-time.js';
import { lineDiff } from './line-diff.js';

const HISTORY_SHOWN = 20;

export const configCommand: Command = {
  name: 'config',
  description: 'Who changed keywords, feeds and subscriptions from chat; the whole setup as YAML',
  usage: '/config history | /config export',
  async run({ services, args }) {
    const subcommand = (args[0] ?? '').toLowerCase();
    if (subcommand === 'history') return history(services);
    if (subcommand === 'export') {
      const yaml = await exportSetup(services);
      return reply('Setup in effect (valid as config/sitroom.yaml)', [{ kind: 'code', text: yaml }], { data: yaml });
    }
    throw new UserError(subcommand ? `Unknown subcommand "${subcommand}".` : 'History or export?', `Usage: ${configCommand.usage}`);
  },
};

async function history(services: SitroomServices) {
  const changes = await services.store.setup.history(HISTORY_SHOWN);
  if (changes.length === 0) return reply('Setup changes', [{ kind: 'text', text: 'Nothing has been changed from chat; the setup is the config file.' }], { data: [] });
  const asYaml = (value: unknown): string => (value === null || value === undefined ? '' : stringify(value, { lineWidth: 0 }).trimEnd());
  const sections = changes.flatMap((change): ReplySection[] => [
    { kind: 'text', text: `${formatInstant(change.at)} · ${change.author} · ${change.summary}` },
    { kind: 'code', text: lineDiff(asYaml(change.before), asYaml(change.after)) },
  ]);
  return reply('Setup changes, newest first', sections, { data: changes });
}

/** The setup in effect, as a config file: feeds and keywords with chat changes, subscriptions as stored. */
export async function exportSetup(services: SitroomServices): Promise<string> {
  const config = services.config();
  const subscriptions = (await services.store.subscriptions.list()).map((subscription) => ({
    channel: subscription.channel,
    ...(subscription.digest ? { digest: subscription.digest } : {}),
    ...(subscription.alerts ? { alerts: subscription.alerts } : {}),
  }));
  return stringify(withWrittenDurations({ ...config, subscriptions }), { lineWidth: 0 });
}
