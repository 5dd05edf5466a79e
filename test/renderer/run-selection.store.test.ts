import { describe, expect, it } from 'vitest';
import { createRunSelectionStore } from '../../src-renderer/stores/run-selection.store.ts';

describe('run selection (runs checked for export)', () => {
  it('toggles one run and remembers it as the anchor of a range', () => {
    const store = createRunSelectionStore();
    store.getState().toggle('a');
    store.getState().toggle('b');
    expect(store.getState()).toMatchObject({ checked: ['a', 'b'], anchor: 'b' });
    store.getState().toggle('a');
    expect(store.getState()).toMatchObject({ checked: ['b'], anchor: 'a' });
  });

  it('checks a range without duplicates, keeping the anchor; clear empties it', () => {
    const store = createRunSelectionStore();
    store.getState().toggle('c');
    store.getState().check(['b', 'c', 'd']);
    expect(store.getState()).toMatchObject({ checked: ['c', 'b', 'd'], anchor: 'c' });
    store.getState().clear();
    expect(store.getState()).toMatchObject({ checked: [], anchor: null });
  });
});
