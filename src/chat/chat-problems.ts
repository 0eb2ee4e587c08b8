// The chat platform errors worth showing in /status (a channel the bot cannot post to, a revoked
// token, rate limiting), newest first. In memory: they describe this run, not history.
import type { SitroomMetrics } from '../observability/sitroom-metrics.js';
import type { ChatPlatform } from './chat-adapter.js';

export interface ChatProblem {
  platform: ChatPlatform;
  /** The channel it concerns, when it concerns one. */
  channel?: string;
  message: string;
  at: number;
  /** How many times it happened since it was first seen. */
  count: number;
}

const KEPT = 20;

export class ChatProblems {
  private readonly problems: ChatProblem[] = [];

  constructor(private readonly metrics?: Pick<SitroomMetrics, 'chatApiFailed'>) {}

  report(problem: Omit<ChatProblem, 'count'>): void {
    this.metrics?.chatApiFailed(problem.platform);
    const same = this.problems.findIndex((known) => known.platform === problem.platform && known.channel === problem.channel && known.message === problem.message);
    const count = same >= 0 ? this.problems[same]!.count + 1 : 1;
    if (same >= 0) this.problems.splice(same, 1);
    this.problems.unshift({ ...problem, count });
    this.problems.length = Math.min(this.problems.length, KEPT);
  }

  /** Forgets a channel's problems once a post to it succeeds again. */
  clear(platform: ChatPlatform, channel?: string): void {
    for (let index = this.problems.length - 1; index >= 0; index--) {
      const problem = this.problems[index]!;
      if (problem.platform === platform && problem.channel === channel) this.problems.splice(index, 1);
    }
  }

  recent(): readonly ChatProblem[] {
    return this.problems;
  }
}
