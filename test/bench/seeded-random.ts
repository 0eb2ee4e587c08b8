// A small seeded random source (mulberry32), so every benchmark run parses and matches the same feed.

export interface SeededRandom {
  /** A number in [0, 1). */
  next(): number;
  pick<T>(list: readonly T[]): T;
  integer(min: number, max: number): number;
}

export function createSeededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    pick: (list) => list[Math.floor(next() * list.length)]!,
    integer: (min, max) => min + Math.floor(next() * (max - min + 1)),
  };
}
