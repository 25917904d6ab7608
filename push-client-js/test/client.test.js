/**
 * The client against a real HTTP/1.1 server playing docs/PROTOCOL.md §10 (test-support/peer.js): the push
 * stream, acks, reconnection, refusals, the dead-connection rule and business requests, over the wire.
 */
import { test, describe, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import {
  PushClient, MemoryLastSeqStore, PushRefusedError, PushProtocolError, SessionClosedError,
} from '../src/push-client.js';
import { TestPeer, until } from '../test-support/peer.js';
import { messagePacket, HEARTBEAT } from '../test-support/vectors.js';

const FAST_RECONNECT = { baseMs: 20, capMs: 40 };

let peer;
let client;
/** What the client told its callbacks, in order. */
let events;
let received;

beforeEach(async () => {
  peer = await new TestPeer().start();
  events = [];
  received = [];
});

afterEach(async () => {
  await client?.close();
  client = null;
  await peer.stop();
});

function newClient(options = {}) {
  client = new PushClient({
    url: peer.url,
    clientId: 'device-1',
    token: options.tokenProvider ? undefined : 'tok',
    lastSeqStore: new MemoryLastSeqStore(),
    reconnect: FAST_RECONNECT,
    onMessage: (message) => {
      received.push(message);
    },
    onConnected: (session) => events.push(['connected', session.id]),
    onDisconnected: (reason) => events.push(['disconnected', reason]),
    onReconnecting: (attempt, delayMs, cause) => events.push(['reconnecting', attempt, delayMs, cause]),
    onRefused: (refusal) => events.push(['refused', refusal]),
    ...options,
  });
  return client;
}

const seqs = () => received.map((message) => message.seq);
const eventNames = () => events.map(([name]) => name);

describe('push stream', () => {
  test('opens GET /push with the client id, token, topics and no push-last-seq at first', async () => {
    const session = await newClient({ topics: ['news', 'scores/live'] }).connect();
    const [request] = peer.pushRequests;
    assert.equal(request['push-client'], 'device-1');
    assert.equal(request.authorization, 'Bearer tok');
    assert.equal(request['push-topics'], 'news,scores/live');
    assert.equal(request['push-last-seq'], undefined);
    assert.equal(session.id, (await peer.stream(0)).id);
    assert.equal(session.heartbeatSeconds, 60);
    assert.equal(client.session, session);
  });

  test('receives messages in seq order, however the chunks cut the packets, skipping HEARTBEATs', async () => {
    await newClient().connect();
    const stream = await peer.stream(0);
    const bytes = Buffer.concat([messagePacket(1, 'one'), HEARTBEAT, messagePacket(2, 'two'), messagePacket(3, 'three')]);
    for (const [from, to] of [[0, 3], [3, 20], [20, 61], [61, 62], [62, bytes.length]]) {
      await stream.send(bytes.subarray(from, to));
    }
    await until(() => received.length === 3, 'three messages');
    assert.deepEqual(received.map((m) => [m.seq, m.id, m.text()]), [[1n, 'm-1', 'one'], [2n, 'm-2', 'two'], [3n, 'm-3', 'three']]);
  });

  test('acknowledges cumulatively with push-session and the same authorization', async () => {
    const session = await newClient().connect();
    const stream = await peer.stream(0);
    await stream.send(Buffer.concat([messagePacket(1, 'a'), messagePacket(2, 'b')]));
    await stream.send(messagePacket(3, 'c'));
    await until(() => peer.acks.at(-1)?.['push-ack'] === '3', 'an ack of seq 3');
    assert.ok(peer.acks.length <= 3, `one ack per batch at most, got ${peer.acks.length}`);
    for (const ack of peer.acks) {
      assert.equal(ack['push-session'], session.id);
      assert.equal(ack.authorization, 'Bearer tok');
    }
    assert.equal(client.lastSeq, 3n);
  });

  test('does not acknowledge a message sent at most once, but counts it as processed', async () => {
    await newClient().connect();
    const stream = await peer.stream(0);
    await stream.send(messagePacket(4, 'fire and forget', 0));
    await until(() => received.length === 1, 'the message');
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(peer.acks.length, 0);
    assert.equal(client.lastSeq, 4n);
  });

  test('refuses a 200 that is not a packet stream, and says what is wrong', async () => {
    await newClient({ reconnect: false, fetch: async () => new Response('<html>', { headers: { 'content-type': 'text/html' } }) });
    await assert.rejects(client.connect(), (e) => e instanceof PushProtocolError
      && /content-type 'text\/html', not application\/x-spdypush-packets/.test(e.message));
  });
});

describe('reconnection', () => {
  test('reconnects after the server cuts the stream, with push-last-seq and a fresh token', async () => {
    let tokens = 0;
    await newClient({ tokenProvider: async () => `token-${++tokens}` }).connect();
    const first = await peer.stream(0);
    await first.send(Buffer.concat([messagePacket(5, 'five'), messagePacket(7, 'seven')]));
    await until(() => peer.acks.at(-1)?.['push-ack'] === '7', 'an ack of seq 7');
    first.cut();

    const second = await peer.stream(1);
    await until(() => eventNames().length === 4, 'the second session');
    assert.equal(peer.pushRequests[1]['push-last-seq'], '7');
    assert.equal(peer.pushRequests[1].authorization, 'Bearer token-2');
    assert.equal(tokens, 2);
    assert.deepEqual(eventNames(), ['connected', 'disconnected', 'reconnecting', 'connected']);
    const [, attempt, delayMs, cause] = events[2];
    assert.equal(attempt, 1);
    assert.ok(delayMs >= 0 && delayMs <= FAST_RECONNECT.baseMs, `delay ${delayMs}`);
    assert.ok(cause instanceof SessionClosedError);

    // Seq 7 again, flagged as a redelivery: dropped, but acknowledged again on the new session.
    await second.send(Buffer.concat([messagePacket(7, 'seven', 3), messagePacket(9, 'nine')]));
    await until(() => peer.acks.at(-1)?.['push-ack'] === '9', 'an ack of seq 9');
    assert.deepEqual(seqs(), [5n, 7n, 9n]);
    assert.equal(peer.acks.at(-1)['push-session'], second.id);
    assert.equal(peer.acks.at(-1).authorization, 'Bearer token-2');
  });

  test('reconnects when the server ends the push response (takeover, shutdown)', async () => {
    await newClient().connect();
    (await peer.stream(0)).end();
    await peer.stream(1);
    assert.match(events.find(([name]) => name === 'disconnected')[1].message, /ended the push stream/);
  });

  test('resumes after the seq kept in the store, across clients', async () => {
    const store = new MemoryLastSeqStore();
    await newClient({ lastSeqStore: store }).connect();
    await (await peer.stream(0)).send(messagePacket(11, 'x'));
    await until(() => peer.acks.length === 1, 'the ack');
    await client.close();
    assert.equal(store.load(), 11n);
    await newClient({ lastSeqStore: store }).connect();
    assert.equal(peer.pushRequests[1]['push-last-seq'], '11');
  });

  test('a failing onMessage closes the session so that the message comes again', async () => {
    let failures = 0;
    await newClient({
      onMessage: (message) => {
        if (failures++ === 0) {
          throw new Error('disk full');
        }
        received.push(message);
      },
    }).connect();
    await (await peer.stream(0)).send(messagePacket(1, 'a'));
    const second = await peer.stream(1);
    assert.equal(peer.pushRequests[1]['push-last-seq'], undefined, 'seq 1 was not processed');
    assert.equal(peer.acks.length, 0);
    assert.match(events.find(([name]) => name === 'disconnected')[1].message, /onMessage failed on seq 1/);
    await second.send(messagePacket(1, 'a', 3));
    await until(() => received.length === 1, 'the redelivery');
  });

  test('retries a server that cannot be reached, then connects', async () => {
    const { url } = peer;
    await peer.stop();
    peer = await new TestPeer().start();
    const connecting = newClient({ url }).connect();
    await until(() => events.filter(([name]) => name === 'reconnecting').length >= 2, 'two retries');
    assert.match(events[0][3].message, /cannot open the push stream at http:\/\/127\.0\.0\.1/);
    await client.close();
    await assert.rejects(connecting, /the client was closed/);
  });
});

describe('refusals', () => {
  test('401 is final: connect() rejects, onRefused is told, nothing more is tried', async () => {
    peer.refusals.push({ status: 401, body: 'bad token' });
    await assert.rejects(newClient().connect(), (e) => e instanceof PushRefusedError && e.status === 401
      && e.final && /status 401 \(bad token\)/.test(e.message));
    assert.deepEqual(eventNames(), ['refused']);
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(peer.pushRequests.length, 1);
  });

  test('400 is final', async () => {
    peer.refusals.push({ status: 400, body: 'push-topics is malformed' });
    await assert.rejects(newClient().connect(), (e) => e.status === 400);
    assert.equal(peer.pushRequests.length, 1);
  });

  test('401 with a token provider: asked once more for a fresh token, then final', async () => {
    peer.refusals.push({ status: 401 }, { status: 401 });
    let tokens = 0;
    await assert.rejects(newClient({ tokenProvider: () => `token-${++tokens}` }).connect(), (e) => e.status === 401);
    assert.equal(tokens, 2);
    assert.deepEqual(peer.pushRequests.map((r) => r.authorization), ['Bearer token-1', 'Bearer token-2']);
  });

  test('503 waits retry-after plus jitter, then connects', async () => {
    peer.refusals.push({ status: 503, headers: { 'retry-after': '1' }, body: 'shutting down' });
    await newClient().connect();
    const waited = peer.pushRequests[1].at - peer.pushRequests[0].at;
    assert.ok(waited >= 1000, `waited ${waited} ms`);
    const [, attempt, delayMs, cause] = events.find(([name]) => name === 'reconnecting');
    assert.equal(attempt, 1);
    assert.ok(delayMs >= 1000 && delayMs <= 1000 + FAST_RECONNECT.baseMs, `delay ${delayMs}`);
    assert.equal(cause.retryAfterMs, 1000);
  });

  test('without reconnection, a 503 rejects connect()', async () => {
    peer.refusals.push({ status: 503, headers: { 'retry-after': '30' } });
    await assert.rejects(newClient({ reconnect: false }).connect(), (e) => e.status === 503 && !e.final);
  });
});

describe('dead-connection rule (§10)', () => {
  test('a push stream silent for T2 + T3 is dropped and reconnected', async () => {
    await newClient({ heartbeatServerMs: 150, heartbeatTimeoutMs: 50 }).connect();
    const opened = Date.now();
    await peer.stream(1);
    const silent = peer.pushRequests[1].at - opened;
    assert.ok(silent >= 195, `reconnected after ${silent} ms of silence`);
    assert.match(events[1][1].message, /carried no bytes for 200 ms \(T2 \+ T3/);
  });

  test('HEARTBEAT packets keep a quiet push stream alive', async () => {
    await newClient({ heartbeatServerMs: 250, heartbeatTimeoutMs: 50 }).connect();
    const stream = await peer.stream(0);
    for (let beat = 0; beat < 8; beat++) {
      await new Promise((resolve) => setTimeout(resolve, 75));
      await stream.send(HEARTBEAT);
    }
    assert.equal(peer.accepted, 1);
    assert.deepEqual(eventNames(), ['connected']);
    assert.deepEqual(received, []);
  });

  test('a slow onMessage does not count as silence', async () => {
    await newClient({
      heartbeatServerMs: 80, heartbeatTimeoutMs: 20,
      onMessage: (message) => new Promise((resolve) => setTimeout(() => resolve(received.push(message)), 300)),
    }).connect();
    await (await peer.stream(0)).send(messagePacket(1, 'slow'));
    await until(() => received.length === 1, 'the slow message');
    assert.deepEqual(eventNames(), ['connected']);
  });
});

describe('acks and requests by the application', () => {
  test('with autoAck off, ack() sends the seq and what it confirms counts as processed', async () => {
    const store = new MemoryLastSeqStore();
    const session = await newClient({ autoAck: false, lastSeqStore: store }).connect();
    await (await peer.stream(0)).send(Buffer.concat([messagePacket(1, 'a'), messagePacket(2, 'b')]));
    await until(() => received.length === 2, 'two messages');
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.equal(peer.acks.length, 0);
    assert.equal(client.lastSeq, null);
    assert.equal(await client.ack(received[1].seq), 2n);
    assert.deepEqual(peer.acks.map((a) => [a['push-ack'], a['push-session']]), [['2', session.id]]);
    assert.equal(store.load(), 2n);
  });

  test('an ack the server refuses rejects with its status', async () => {
    const session = await newClient({ autoAck: false }).connect();
    await (await peer.stream(0)).send(messagePacket(1, 'a'));
    await until(() => received.length === 1, 'the message');
    peer.forget(session.id);
    await assert.rejects(client.ack(1n), (e) => e instanceof PushRefusedError && e.status === 409
      && /refused ack 1 with status 409 \(unknown push-session\)/.test(e.message));
    assert.equal(client.lastSeq, null);
  });

  test('ack() without a session says to connect first', async () => {
    await newClient({ autoAck: false, reconnect: false }).connect();
    const stream = await peer.stream(0);
    stream.cut();
    await until(() => eventNames().includes('disconnected'), 'the end of the session');
    await assert.rejects(client.ack(1n), (e) => e instanceof SessionClosedError && /not connected/.test(e.message));
  });

  test('a business request carries the session, push-have, and gives the sub-resource tags', async () => {
    peer.answer = () => ({
      status: 200,
      headers: {
        'content-type': 'text/html',
        'push-subresources': '/demo/style.css, /demo/theme.css, /demo/app.js',
        link: ['</demo/style.css>; rel=preload', '</demo/theme.css>; rel=preload', '</demo/app.js>; rel=preload'],
      },
      body: '<html>demo</html>',
    });
    const session = await newClient().connect();
    const response = await client.request('/demo/index.html', { have: ['/demo/theme.css', '/demo/app.js'], headers: { accept: 'text/html' } });
    const [request] = peer.requests;
    assert.equal(request.method, 'GET');
    assert.equal(request.path, '/demo/index.html');
    assert.equal(request.headers['push-have'], '/demo/theme.css, /demo/app.js');
    assert.equal(request.headers['push-session'], session.id);
    assert.equal(request.headers.authorization, 'Bearer tok');
    assert.equal(request.headers.accept, 'text/html');
    assert.equal(response.status, 200);
    assert.equal(response.contentType, 'text/html');
    assert.equal(response.text(), '<html>demo</html>');
    assert.deepEqual(response.subresources, ['/demo/style.css', '/demo/theme.css', '/demo/app.js']);
  });

  test('a request with a body, and a refusal that is a response too', async () => {
    peer.answer = (req) => ({ status: 503, headers: { 'retry-after': '1' }, body: `busy with ${req.method}` });
    await newClient().connect();
    const response = await client.request('/orders', { method: 'POST', body: '{"n":1}', headers: { 'content-type': 'application/json' } });
    assert.equal(response.status, 503);
    assert.equal(response.ok, false);
    assert.equal(response.text(), 'busy with POST');
    assert.deepEqual(response.subresources, []);
  });

  test('a request stays on the server: paths must start with /, the binding headers are the client\'s', async () => {
    await newClient().connect();
    await assert.rejects(client.request('http://elsewhere/x'), /must start with \//);
    await assert.rejects(client.request('/x', { headers: { authorization: 'Bearer other' } }), /header authorization cannot be set/);
    await assert.rejects(client.request('/x', { headers: { 'push-have': '/a' } }), /from init.have/);
    await client.request('//elsewhere/x');
    assert.equal(peer.requests[0].path, '//elsewhere/x');
  });
});

describe('lifecycle', () => {
  test('close() sends the due ack, cuts the stream and stops', async () => {
    await newClient().connect();
    await (await peer.stream(0)).send(messagePacket(1, 'a'));
    await until(() => received.length === 1, 'the message');
    await client.close();
    assert.equal(peer.acks.at(-1)['push-ack'], '1');
    assert.equal(client.session, null);
    assert.deepEqual(eventNames(), ['connected'], 'close() is not a disconnect to report');
    assert.throws(() => client.connect(), /closed; make a new one/);
  });

  test('connect() twice is a mistake that is named', async () => {
    await newClient().connect();
    assert.throws(() => client.connect(), /already connected, or connecting/);
  });

  test('options are checked when the client is made', () => {
    const base = { url: 'http://127.0.0.1:1', clientId: 'c', token: 't', onMessage() {} };
    assert.throws(() => new PushClient({ ...base, clientId: 'a b' }), /clientId 'a b' is invalid/);
    assert.throws(() => new PushClient({ ...base, token: undefined }), /either token or tokenProvider/);
    assert.throws(() => new PushClient({ ...base, token: ' ' }), /token must be a non-empty string/);
    assert.throws(() => new PushClient({ ...base, url: 'ws://x' }), /must be http: or https:/);
    assert.throws(() => new PushClient({ ...base, topics: ['a,b'] }), /topic 'a,b' is invalid/);
    assert.throws(() => new PushClient({ ...base, topics: Array.from({ length: 65 }, (_, i) => `t${i}`) }), /65 topics/);
    assert.throws(() => new PushClient({ ...base, onMessage: undefined }), /onMessage is required/);
    assert.throws(() => new PushClient({ ...base, heartbeatTimeoutMs: 0 }), /heartbeatTimeoutMs 0 must be a positive number/);
    assert.throws(() => new PushClient({ ...base, maxPayloadBytes: -1 }), /maxPayloadBytes -1/);
    assert.throws(() => new PushClient({ ...base, reconnect: { baseMs: 10, capMs: 1 } }), /reconnect.capMs 1/);
  });
});
