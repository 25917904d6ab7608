import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  parseSeq, isValidClientId, isValidTopicName, isFinalRefusal, parseRetryAfter, PushRefusedError,
} from '../src/push-client.js';
import { vectors } from '../test-support/vectors.js';

describe('seq values (vectors)', () => {
  test('reads the valid ones, spaces and tabs around them, as bigints', () => {
    for (const { value, seq } of vectors.seqValues.valid) {
      assert.equal(parseSeq(value), BigInt(seq), JSON.stringify(value));
    }
  });

  test('refuses the invalid ones', () => {
    for (const value of vectors.seqValues.invalid) {
      assert.throws(() => parseSeq(value), RangeError, JSON.stringify(value));
    }
  });
});

describe('client ids and topic names (vectors)', () => {
  test('client ids', () => {
    for (const id of vectors.clientIds.valid) {
      assert.ok(isValidClientId(id), id);
    }
    for (const id of vectors.clientIds.invalid) {
      assert.ok(!isValidClientId(id), JSON.stringify(id));
    }
  });

  test('topic names', () => {
    for (const name of vectors.topicNames.valid) {
      assert.ok(isValidTopicName(name), name);
    }
    for (const name of vectors.topicNames.invalid) {
      assert.ok(!isValidTopicName(name), JSON.stringify(name));
    }
  });
});

describe('refusals (§2, §8)', () => {
  test('400, 401 and 409 are final: they come again on every attempt', () => {
    for (const status of [400, 401, 409]) {
      assert.equal(isFinalRefusal(status), true, String(status));
      assert.equal(new PushRefusedError('the push stream', status).final, true, String(status));
    }
  });

  test('503 and other server errors pass with time', () => {
    for (const status of [500, 502, 503]) {
      assert.equal(new PushRefusedError('the push stream', status, 1000).final, false, String(status));
    }
  });

  test('the message names the status, the reason and the wait', () => {
    const refusal = new PushRefusedError('the push stream', 503, 30_000, 'server full');
    assert.equal(refusal.message, 'the server refused the push stream with status 503 (server full), retry after 30 s');
    assert.equal(refusal.retryAfterMs, 30_000);
  });

  test('retry-after in seconds or as an HTTP date; anything else is none', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    assert.equal(parseRetryAfter('30', now), 30_000);
    assert.equal(parseRetryAfter(' 1 ', now), 1000);
    assert.equal(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now), 5000);
    assert.equal(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now), 0);
    assert.equal(parseRetryAfter(null, now), null);
    assert.equal(parseRetryAfter('soon', now), null);
    assert.equal(parseRetryAfter('-5', now), null);
  });
});
