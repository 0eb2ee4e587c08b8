// The two small key-value stores, the same on both engines: the bot's facts about itself, and the
// private answers kept for sharing, which only one of two clicks at once can take.
import { afterEach, describe, expect, it } from 'vitest';
import { openEmptyStore, STORE_ENGINES, type OpenedStore } from '../support/store-engines.js';

describe.each(STORE_ENGINES)('the bot state and the shareable answers on %s', { timeout: 60_000 }, (engine) => {
  let store: OpenedStore;
  afterEach(() => store?.close());

  it('keeps the last value set for a key', async () => {
    store = await openEmptyStore(engine);
    expect(await store.botState.get('discord.commands.1.global')).toBeUndefined();
    await store.botState.set('discord.commands.1.global', 'hash-a');
    await store.botState.set('discord.commands.1.global', 'hash-b');
    expect(await store.botState.get('discord.commands.1.global')).toBe('hash-b');
  });

  it('keeps an answer until it is removed or too old, and says which removal took it', async () => {
    store = await openEmptyStore(engine);
    const answer = { asker: 'slack:U1', channel: 'slack:C1', line: '/who putin', answer: '{"title":"Putin"}' };
    await store.shareableAnswers.keep({ key: 'old', ...answer, createdAt: 100 });
    await store.shareableAnswers.keep({ key: 'new', ...answer, createdAt: 300 });
    expect(await store.shareableAnswers.removeCreatedBefore(200)).toBe(1);
    expect(await store.shareableAnswers.get('old')).toBeUndefined();
    expect(await store.shareableAnswers.get('new')).toEqual({ key: 'new', ...answer, createdAt: 300 });
    const removals = await Promise.all([store.shareableAnswers.remove('new'), store.shareableAnswers.remove('new')]);
    expect(removals.sort()).toEqual([false, true]);
  });
});
