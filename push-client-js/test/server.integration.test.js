/**
 * The client against a real spdypush server (docs/PROTOCOL.md §10 on its push port, the REST API for
 * tokens and messages). Runs only when SPDYPUSH_URL, SPDYPUSH_API, SPDYPUSH_USER and SPDYPUSH_PASSWORD
 * are set, e.g. from a Java integration test against Payara Micro:
 *
 *   SPDYPUSH_URL=http://127.0.0.1:7070 SPDYPUSH_API=http://127.0.0.1:8080/push/api \
 *   SPDYPUSH_USER=admin SPDYPUSH_PASSWORD=... node --test test/server.integration.test.js
 *
 * The server must have the demo bundle (spdypush.demo=true, as ./run sets it).
 */
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { PushClient, MemoryLastSeqStore } from '../src/push-client.js';

const ENV_NAMES = ['SPDYPUSH_URL', 'SPDYPUSH_API', 'SPDYPUSH_USER', 'SPDYPUSH_PASSWORD'];
const missing = ENV_NAMES.filter((name) => !process.env[name]);
const skip = missing.length > 0
  && `no server to run against: set ${missing.join(', ')} (e.g. SPDYPUSH_URL=http://127.0.0.1:7070,`
    + ' SPDYPUSH_API=http://127.0.0.1:8080/push/api and the REST API\'s user and password)';

const TIMEOUT_MS = 15_000;

describe('against a running spdypush server', { skip }, () => {
  const { SPDYPUSH_URL: url, SPDYPUSH_API: apiBase, SPDYPUSH_USER: user, SPDYPUSH_PASSWORD: password } = process.env;
  const clientId = `js-it-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
  const basic = `Basic ${btoa(`${user}:${password}`)}`;
  /** Shared by the two clients of the test, as localStorage is by two visits of a page. */
  const store = new MemoryLastSeqStore();
  const received = [];
  const sent = [];
  let tokensMinted = 0;
  let client;

  after(async () => {
    await client?.close();
  });

  async function api(method, path, { body, headers = {} } = {}) {
    const response = await fetch(`${apiBase}${path}`, { method, body, headers: { authorization: basic, ...headers } });
    const text = await response.text();
    return { status: response.status, text };
  }

  async function mintToken() {
    const { status, text } = await api('POST', `/clients/${encodeURIComponent(clientId)}/tokens?ttl=600`,
      { headers: { accept: 'text/plain' } });
    assert.equal(status, 200, `minting a token: ${status} ${text}`);
    tokensMinted++;
    return text.trim();
  }

  /** Sends a text message through the REST API; returns its id and seq (read from the text, as a bigint). */
  async function send(text) {
    const { status, text: json } = await api('POST', `/clients/${encodeURIComponent(clientId)}/messages`,
      { body: text, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    assert.equal(status, 202, `sending '${text}': ${status} ${json}`);
    const message = { id: JSON.parse(json).id, seq: BigInt(/"seq"\s*:\s*(\d+)/.exec(json)[1]), text };
    sent.push(message);
    return message;
  }

  async function outcome(message) {
    const { status, text } = await api('GET', `/clients/${encodeURIComponent(clientId)}/messages/${encodeURIComponent(message.id)}`);
    assert.equal(status, 200, `the outcome of ${message.id}: ${status} ${text}`);
    return JSON.parse(text).status;
  }

  function newClient() {
    client = new PushClient({
      url, clientId, tokenProvider: mintToken, lastSeqStore: store, reconnect: { baseMs: 200, capMs: 2000 },
      onMessage: (message) => {
        received.push(message);
      },
    });
    return client;
  }

  test('mints a token and opens the push stream', async () => {
    const session = await within(newClient().connect(), 'the push stream to be accepted');
    assert.ok(session.id, 'push-session');
    assert.ok(session.heartbeatSeconds > 0, 'push-heartbeat');
    assert.equal(tokensMinted, 1);
  });

  test('receives two messages sent through the REST API, in order', async () => {
    const first = await send('one');
    const second = await send('two');
    assert.ok(second.seq > first.seq);
    await until(() => received.length >= 2, 'two messages');
    assert.deepEqual(received.map((m) => [m.seq, m.id, m.text()]), [[first.seq, first.id, 'one'], [second.seq, second.id, 'two']]);
    assert.ok(received.every((m) => m.ackRequired && !m.redelivered));
  });

  test('acknowledges them: the server reports both delivered', async () => {
    await untilAsync(async () => (await outcome(sent[0])) === 'DELIVERED' && (await outcome(sent[1])) === 'DELIVERED',
      'both messages DELIVERED');
    assert.equal(client.lastSeq, sent[1].seq);
    assert.equal(store.load(), sent[1].seq);
  });

  test('cut, and resumed with push-last-seq by a new client: nothing lost, nothing twice', async () => {
    await client.close();
    const whileAway = await send('three');
    await within(newClient().connect(), 'the push stream to be accepted again');
    const afterResume = await send('four');
    await until(() => received.length >= 4, 'four messages');
    await new Promise((resolve) => setTimeout(resolve, 500)); // room for a duplicate to show up
    assert.deepEqual(received.map((m) => m.seq), sent.map((m) => m.seq));
    assert.deepEqual(received.map((m) => m.text()), ['one', 'two', 'three', 'four']);
    await untilAsync(async () => (await outcome(whileAway)) === 'DELIVERED' && (await outcome(afterResume)) === 'DELIVERED',
      'the last two messages DELIVERED');
  });

  test('a business request for the demo page gives its sub-resource tags', async () => {
    const page = await client.request('/demo/index.html', { have: ['/demo/theme.css'], headers: { accept: 'text/html' } });
    assert.equal(page.status, 200, page.text());
    assert.match(page.contentType ?? '', /^text\/html/);
    assert.match(page.text(), /<html/i);
    assert.ok(page.subresources.includes('/demo/style.css'), `push-subresources: ${page.subresources}`);
    assert.ok(page.subresources.includes('/demo/theme.css'), 'a sub-resource in push-have is still tagged');
  });
});

async function within(promise, what) {
  let timer;
  try {
    return await Promise.race([promise, new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${TIMEOUT_MS} ms waiting for ${what}`)), TIMEOUT_MS);
    })]);
  } finally {
    clearTimeout(timer);
  }
}

async function until(check, what) {
  await untilAsync(async () => check(), what);
}

async function untilAsync(check, what) {
  const deadline = Date.now() + TIMEOUT_MS;
  while (!(await check())) {
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${TIMEOUT_MS} ms waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
