import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryLastSeqStore, LocalStorageLastSeqStore, defaultLastSeqStore } from '../src/push-client.js';

/** A Web Storage of the test's own: getItem and setItem over a Map, values as strings. */
class FakeStorage {
  items = new Map();
  getItem(key) {
    return this.items.has(key) ? this.items.get(key) : null;
  }
  setItem(key, value) {
    this.items.set(key, String(value));
  }
}

describe('last-seq stores', () => {
  test('memory: empty at first, then the seq saved last', () => {
    const store = new MemoryLastSeqStore();
    assert.equal(store.load(), null);
    store.save(42n);
    assert.equal(store.load(), 42n);
    assert.equal(new MemoryLastSeqStore(7).load(), 7n);
  });

  test('localStorage: a seq above 2^53 survives as its decimal string', () => {
    const storage = new FakeStorage();
    const store = new LocalStorageLastSeqStore('k', storage);
    assert.equal(store.load(), null);
    store.save(9223372036854775807n);
    assert.equal(storage.getItem('k'), '9223372036854775807');
    assert.equal(new LocalStorageLastSeqStore('k', storage).load(), 9223372036854775807n);
  });

  test('localStorage: an item that is not a seq is named, with the fix', () => {
    const storage = new FakeStorage();
    storage.setItem('k', 'banana');
    assert.throws(() => new LocalStorageLastSeqStore('k', storage).load(),
      /localStorage item 'k' holds 'banana', not a seq; remove it/);
  });

  test('the default is localStorage under the client id where there is one, else memory', () => {
    const storage = new FakeStorage();
    const store = defaultLastSeqStore('device-1', storage);
    assert.ok(store instanceof LocalStorageLastSeqStore);
    store.save(5n);
    assert.equal(storage.getItem('spdypush.last-seq.device-1'), '5');
    assert.ok(defaultLastSeqStore('device-1', null) instanceof MemoryLastSeqStore);
    assert.ok(defaultLastSeqStore('device-1') instanceof MemoryLastSeqStore, 'Node 20 has no localStorage');
  });

  test('localStorage without a storage says what to do', () => {
    assert.throws(() => new LocalStorageLastSeqStore('k', null), /pass a Storage, or use a MemoryLastSeqStore/);
  });
});
