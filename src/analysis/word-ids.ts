// Numbers the words that the word weights, the story index and the baseline passages hold, so
// their hot loops index arrays instead of hashing strings. A word keeps its number while anything
// holds it; a number no one holds is given to the next new word, so the table follows the window
// of the stream instead of growing with every word ever read.

export class WordIds {
  private readonly ids = new Map<string, number>();
  private readonly words: string[] = [];
  private holders = new Int32Array(1024);
  private readonly free: number[] = [];
  /** Goes up whenever a number is given to another word: what was cached by number is then stale. */
  reassigned = 0;

  /** Numbers past every one given so far: the length arrays indexed by word number need. */
  get capacity(): number {
    return this.words.length;
  }

  /** The word's number, or -1 when nothing holds the word. */
  idOf(word: string): number {
    return this.ids.get(word) ?? -1;
  }

  wordOf(id: number): string {
    return this.words[id]!;
  }

  /** The word's number, held once more until released. */
  hold(word: string): number {
    let id = this.ids.get(word);
    if (id === undefined) {
      id = this.free.pop();
      if (id === undefined) {
        id = this.words.length;
        this.words.push(word);
        if (id >= this.holders.length) this.holders = grown(this.holders, id);
      } else {
        this.words[id] = word;
        this.reassigned++;
      }
      this.ids.set(word, id);
    }
    this.holders[id]!++;
    return id;
  }

  release(id: number): void {
    if (--this.holders[id]! > 0) return;
    this.ids.delete(this.words[id]!);
    this.free.push(id);
  }
}

/** A copy of the array, long enough for index `needed`; doubling keeps growth amortised. */
export function grown<T extends Int32Array | Float64Array>(array: T, needed: number): T {
  const copy = new (array.constructor as new (length: number) => T)(Math.max(needed + 1, array.length * 2));
  copy.set(array);
  return copy;
}
