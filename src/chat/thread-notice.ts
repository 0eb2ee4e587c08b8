// The short channel notice for a follow-up that raises its story's severity, on platforms where a
// thread reply cannot also be shown in the channel itself (Slack has reply_broadcast; Discord does not).
import type { Reply } from './reply.js';

export function threadNotice(followUp: Reply, threadUrl: string | undefined): Reply {
  return {
    title: followUp.title,
    sections: [
      { kind: 'context', text: "This report raises the story's severity; it is in the story's thread." },
      ...(threadUrl ? [{ kind: 'list' as const, items: [{ text: 'Open the thread', url: threadUrl }] }] : []),
    ],
    tone: 'info',
    visibility: 'channel',
  };
}
