import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  backoffCeiling, backoffDelay, Reconnection, PushRefusedError, SessionClosedError, STANDARD_RECONNECT,
} from '../src/push-client.js';

const LOST = new SessionClosedError('connection lost');

describe('backoff (§8)', () => {
  test('the ceiling doubles from base 1 s up to the cap of 5 min', () => {
    const ceilings = Array.from({ length: 12 }, (_, i) => backoffCeiling(i + 1));
    assert.deepEqual(ceilings, [1000, 2000, 4000, 8000, 16000, 32000, 64000, 128000, 256000, 300000, 300000, 300000]);
    assert.equal(backoffCeiling(10_000), STANDARD_RECONNECT.capMs);
  });

  test('the delay is between 0 and the ceiling, both reached', () => {
    for (let attempt = 1; attempt <= 12; attempt++) {
      assert.equal(backoffDelay(attempt, STANDARD_RECONNECT, () => 0), 0);
      assert.equal(backoffDelay(attempt, STANDARD_RECONNECT, () => 0.9999999999), backoffCeiling(attempt));
    }
  });

  test('the jitter is full: delays spread over the whole range', () => {
    const delays = Array.from({ length: 2000 }, () => backoffDelay(4));
    assert.ok(delays.every((d) => Number.isInteger(d) && d >= 0 && d <= 8000));
    const quarters = [0, 0, 0, 0];
    delays.forEach((d) => quarters[Math.min(3, Math.floor(d / 2000))]++);
    assert.ok(quarters.every((n) => n > 350), `each quarter of 0-8 s gets about 500 of 2000: ${quarters}`);
  });

  test('refuses an attempt below 1 and a policy out of range', () => {
    assert.throws(() => backoffCeiling(0), /attempt 0 is below 1/);
    assert.throws(() => new Reconnection({ baseMs: 0, capMs: 10 }), /reconnect.baseMs 0/);
    assert.throws(() => new Reconnection({ baseMs: 100, capMs: 10 }), /reconnect.capMs 10/);
  });
});

describe('reconnection decisions', () => {
  const half = () => 0.5;

  test('counts attempts and starts again at 1 once a push stream is accepted', () => {
    const reconnection = new Reconnection(STANDARD_RECONNECT, { random: half });
    assert.deepEqual([1, 2, 3].map(() => reconnection.next(LOST)), [500, 1000, 2000]);
    assert.equal(reconnection.attempt, 3);
    reconnection.reset();
    assert.equal(reconnection.next(LOST), 500);
    assert.equal(reconnection.attempt, 1);
  });

  test('503 waits retry-after plus the jitter', () => {
    const reconnection = new Reconnection(STANDARD_RECONNECT, { random: half });
    assert.equal(reconnection.next(new PushRefusedError('the push stream', 503, 30_000)), 30_500);
    assert.equal(reconnection.next(new PushRefusedError('the push stream', 503, null)), 1000);
  });

  test('400, 401 and 409 stop the client', () => {
    for (const status of [400, 401, 409]) {
      assert.equal(new Reconnection().next(new PushRefusedError('the push stream', status)), null, String(status));
    }
  });

  test('with a token provider, a 401 is tried once more with a fresh token, then stops', () => {
    const reconnection = new Reconnection(STANDARD_RECONNECT, { freshTokens: true, random: half });
    const unauthorized = new PushRefusedError('the push stream', 401);
    assert.equal(reconnection.next(unauthorized), 500);
    assert.equal(reconnection.next(unauthorized), null);
    reconnection.reset();
    assert.equal(reconnection.next(unauthorized), 500, 'an accepted session gives the next 401 its retry again');
    assert.equal(new Reconnection(STANDARD_RECONNECT, { freshTokens: true }).next(new PushRefusedError('x', 400)), null);
  });
});
