import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IndexFunc } from './index-func';
import { IndexFuncError, IndexerConflictError } from '../errors';
import { ThreadSafeStore } from './thread-safe-store';

interface Item {
  readonly version: number;
  readonly tags: readonly string[];
}

// Awkward strings on purpose: object property names and the empty string.
const words = ['a', 'b', '', '__proto__', 'constructor', 'boom'] as const;

// Index funcs the model also uses. `picky` and `stingy` throw (deterministically) for some
// objects, so some writes fail and must change nothing.
const candidateIndexers: Record<string, IndexFunc<Item>> = {
  tags: (item) => [...item.tags],
  first: (item) => item.tags.slice(0, 1),
  picky: (item) => {
    if (item.tags.includes('boom')) throw new Error('boom');
    return [String(item.tags.length)];
  },
  stingy: (item) => {
    if (item.version % 5 === 4) throw new Error('unlucky version');
    return item.version % 2 === 0 ? ['even'] : [];
  },
  ['constructor']: (item: Item) => item.tags.filter((tag) => tag !== 'a'),
};
const indexNames = Object.keys(candidateIndexers);

type Command =
  | { type: 'add' | 'update'; key: string; item: Item }
  | { type: 'delete'; key: string }
  | { type: 'replace'; entries: [string, Item][] }
  | { type: 'addIndexers'; names: string[] };

const keyArbitrary = fc.constantFrom('k1', 'k2', '', '__proto__', 'constructor');
const itemArbitrary = fc.record({
  version: fc.nat({ max: 20 }),
  tags: fc.array(fc.constantFrom(...words), { maxLength: 3 }),
});
const commandArbitrary: fc.Arbitrary<Command> = fc.oneof(
  fc.record({
    type: fc.constantFrom('add' as const, 'update' as const),
    key: keyArbitrary,
    item: itemArbitrary,
  }),
  fc.record({ type: fc.constant('delete' as const), key: keyArbitrary }),
  fc.record({
    type: fc.constant('replace' as const),
    entries: fc.array(fc.tuple(keyArbitrary, itemArbitrary), { maxLength: 4 }),
  }),
  fc.record({
    type: fc.constant('addIndexers' as const),
    names: fc.uniqueArray(fc.constantFrom(...indexNames), { minLength: 1, maxLength: 2 }),
  }),
);

/** The plain model: a Map and a list of index names; indices are recomputed from scratch. */
class Model {
  items = new Map<string, Item>();
  names: string[] = ['tags'];

  /** Applies a command the way the store should; returns whether it should succeed. */
  apply(command: Command): boolean {
    const fails = (names: readonly string[], items: Iterable<Item>): boolean => {
      for (const item of items) {
        for (const name of names) {
          try {
            (candidateIndexers[name] as IndexFunc<Item>)(item);
          } catch {
            return true;
          }
        }
      }
      return false;
    };
    switch (command.type) {
      case 'add':
      case 'update': {
        const old = this.items.get(command.key);
        const involved = old === undefined ? [command.item] : [command.item, old];
        if (fails(this.names, involved)) return false;
        this.items.set(command.key, command.item);
        return true;
      }
      case 'delete': {
        this.items.delete(command.key);
        return true;
      }
      case 'replace': {
        const next = new Map(command.entries);
        if (fails(this.names, next.values())) return false;
        this.items = next;
        return true;
      }
      case 'addIndexers': {
        if (command.names.some((name) => this.names.includes(name))) return false;
        if (fails(command.names, this.items.values())) return false;
        this.names = [...this.names, ...command.names];
        return true;
      }
    }
  }

  index(name: string): Map<string, string[]> {
    const index = new Map<string, Set<string>>();
    for (const [key, item] of this.items) {
      for (const value of (candidateIndexers[name] as IndexFunc<Item>)(item)) {
        const keys = index.get(value) ?? new Set<string>();
        keys.add(key);
        index.set(value, keys);
      }
    }
    return new Map([...index].map(([value, keys]) => [value, [...keys].sort()]));
  }
}

function run(store: ThreadSafeStore<Item>, command: Command): boolean {
  try {
    switch (command.type) {
      case 'add':
        store.add(command.key, command.item);
        break;
      case 'update':
        store.update(command.key, command.item);
        break;
      case 'delete':
        store.delete(command.key);
        break;
      case 'replace':
        store.replace(command.entries, '1');
        break;
      case 'addIndexers':
        store.addIndexers(
          Object.fromEntries(
            command.names.map((name) => [name, candidateIndexers[name] as IndexFunc<Item>]),
          ),
        );
        break;
    }
    return true;
  } catch (error) {
    if (IndexFuncError.isInstance(error) || IndexerConflictError.isInstance(error)) return false;
    throw error;
  }
}

function expectSameAsModel(store: ThreadSafeStore<Item>, model: Model): void {
  expect(store.listKeys().sort()).toEqual([...model.items.keys()].sort());
  expect(store.size).toBe(model.items.size);
  for (const [key, item] of model.items) expect(store.get(key)).toBe(item);
  expect(Object.keys(store.getIndexers()).sort()).toEqual([...model.names].sort());
  for (const name of model.names) {
    const expected = model.index(name);
    expect(store.listIndexFuncValues(name).sort()).toEqual([...expected.keys()].sort());
    for (const [value, keys] of expected) {
      expect(store.indexKeys(name, value)).toEqual(keys);
      const objects = store.byIndex(name, value);
      expect(objects).toHaveLength(keys.length);
      for (const key of keys) expect(objects).toContain(model.items.get(key));
    }
  }
}

describe('ThreadSafeStore (property)', () => {
  it('should match a plain model and indices recomputed from scratch after any command sequence', () => {
    fc.assert(
      fc.property(fc.array(commandArbitrary, { maxLength: 30 }), (commands) => {
        const store = new ThreadSafeStore<Item>({
          tags: candidateIndexers['tags'] as IndexFunc<Item>,
        });
        const model = new Model();
        for (const command of commands) {
          const expectedSuccess = model.apply(command);
          expect(run(store, command)).toBe(expectedSuccess);
          expectSameAsModel(store, model);
        }
      }),
      { numRuns: 300 },
    );
  });
});
