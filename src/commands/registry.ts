// Every chat command sitroom knows. Registering a command is adding it to this list.
import type { Command } from './command.js';
import { feedsCommand } from './feeds.js';
import { keywordsCommand } from './keywords.js';
import { statusCommand } from './status.js';

export const COMMANDS: readonly Command[] = [statusCommand, feedsCommand, keywordsCommand];
