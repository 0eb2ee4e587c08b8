// Every chat command sitroom knows. Registering a command is adding it to this list.
import type { Command } from './command.js';
import { configCommand } from './config.js';
import { digestCommand } from './digest.js';
import { feedbackCommand, markCommand } from './feedback.js';
import { feedsCommand } from './feeds.js';
import { keywordsCommand } from './keywords.js';
import { newsCommand } from './news.js';
import { searchCommand } from './search.js';
import { statusCommand } from './status.js';
import { subscribeCommand, unsubscribeCommand } from './subscribe.js';
import { subscriptionsCommand } from './subscriptions.js';
import { timelineCommand } from './timeline.js';
import { whoCommand } from './who.js';
import { whyCommand } from './why.js';

export const COMMANDS: readonly Command[] = [
  newsCommand,
  digestCommand,
  whyCommand,
  whoCommand,
  timelineCommand,
  searchCommand,
  statusCommand,
  feedsCommand,
  keywordsCommand,
  subscriptionsCommand,
  subscribeCommand,
  unsubscribeCommand,
  configCommand,
  markCommand,
  feedbackCommand,
];
