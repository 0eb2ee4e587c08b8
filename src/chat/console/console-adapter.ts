// The console adapter: a person types chat commands in a terminal and reads the replies as plain text.
// Like every adapter it only translates: a line in, dispatch, a rendered reply out.
import { clearLine, createInterface, cursorTo } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Sitroom } from '../../app.js';
import type { ChatUser } from '../../commands/command.js';
import type { ChatAdapter, DeliveryAttempt, PostedMessage } from '../chat-adapter.js';
import type { Reply } from '../reply.js';
import { renderPlainText } from './render-plain-text.js';

export interface ConsoleAdapterOptions {
  input: Readable;
  output: Writable;
  user: ChatUser;
  isAdmin: boolean;
  /** The channel the person types in: its subscription sets /digest's time zone and period. */
  channel: string;
  /** Ends the session from outside, e.g. on SIGTERM. */
  signal?: AbortSignal;
}

export interface ConsoleSession extends ChatAdapter {
  /** Resolves when the input ends, the user presses Ctrl-C, or the signal aborts. */
  finished: Promise<void>;
  /** Prints a line (a log line, news) above the prompt without breaking what the user is typing. */
  printAbove(text: string): void;
}

export function startConsoleAdapter(sitroom: Sitroom, options: ConsoleAdapterOptions): ConsoleSession {
  const terminal = Boolean((options.input as { isTTY?: boolean }).isTTY);
  const lines = createInterface({ input: options.input, output: options.output, prompt: 'sitroom> ', terminal });
  let closed = false;
  lines.once('close', () => (closed = true));
  const print = (text: string): void => void options.output.write(`${text}\n`);
  const printAbove = (text: string): void => {
    // After Ctrl-C or Ctrl-D (the shutdown's own log lines): a prompt would start reading input again
    // and keep the process alive.
    if (!terminal || closed) return void options.output.write(text.endsWith('\n') ? text : `${text}\n`);
    clearLine(options.output, 0);
    cursorTo(options.output, 0);
    options.output.write(text.endsWith('\n') ? text : `${text}\n`);
    lines.prompt(true);
  };
  print('sitroom console. Type /help for commands, Ctrl-C to quit.');
  lines.prompt();

  let queue = Promise.resolve();
  lines.on('line', (line) => {
    // Answer in the order typed, even when a command is slow.
    queue = queue.then(async () => {
      if (line.trim() !== '') {
        const answer = await sitroom.ask(line, options.user, { channel: options.channel, isAdmin: options.isAdmin });
        print(renderPlainText(answer));
      }
      if (!closed) lines.prompt();
    });
  });
  const finished = new Promise<void>((resolve) => {
    lines.on('SIGINT', () => lines.close());
    options.signal?.addEventListener('abort', () => lines.close(), { once: true });
    lines.on('close', () => void queue.then(() => resolve()));
  });
  // Every console channel ("console:general") is this terminal; the header says which one it was for.
  // A follow-up is shown indented under its story, as a thread would hold it.
  const post = async (channelId: string, message: Reply, delivery?: DeliveryAttempt): Promise<PostedMessage | undefined> => {
    if (!delivery?.thread) {
      printAbove(`── #${channelId} ──\n${renderPlainText(message)}`);
      return delivery && { ref: delivery.key };
    }
    const indented = renderPlainText(message).split('\n').map((line) => `    ${line}`).join('\n');
    printAbove(`── #${channelId}, in the thread of ${delivery.thread.ref.replace(/^alert:.*:/, 'story ')} ──\n${indented}`);
    return { ref: delivery.key };
  };
  return { platform: 'console', finished, printAbove, post, stop: async () => lines.close() };
}
