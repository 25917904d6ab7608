// docs/PROTOCOL.md §10 with Node's built-in http2 module, no library of the project: a push stream over HTTP/2
// with prior knowledge, messages sent through the REST API received in order, acknowledged on the same
// connection, a business request whose sub-resources come as PUSH_PROMISEs, and a resume after a cut.
// Run by MicroNodeClientsIT against Payara Micro, with SPDYPUSH_URL, SPDYPUSH_API, SPDYPUSH_USER and
// SPDYPUSH_PASSWORD set; skipped without them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http2 from 'node:http2';
import { randomUUID } from 'node:crypto';

const { SPDYPUSH_URL, SPDYPUSH_API, SPDYPUSH_USER, SPDYPUSH_PASSWORD } = process.env;
const skip = !(SPDYPUSH_URL && SPDYPUSH_API && SPDYPUSH_USER && SPDYPUSH_PASSWORD)
  && 'set SPDYPUSH_URL, SPDYPUSH_API, SPDYPUSH_USER and SPDYPUSH_PASSWORD to run against a server';
const admin = 'Basic ' + Buffer.from(`${SPDYPUSH_USER}:${SPDYPUSH_PASSWORD}`).toString('base64');
const WAIT_MS = 15000;

async function mintToken(clientId) {
  const response = await fetch(`${SPDYPUSH_API}/clients/${clientId}/tokens`,
    { method: 'POST', headers: { authorization: admin, accept: 'text/plain' } });
  assert.equal(response.status, 200, await response.clone().text());
  return (await response.text()).trim();
}

async function send(clientId, text) {
  const response = await fetch(`${SPDYPUSH_API}/clients/${clientId}/messages`,
    { method: 'POST', headers: { authorization: admin, 'content-type': 'text/plain' }, body: text });
  assert.equal(response.status, 202, await response.clone().text());
  return JSON.parse(await response.text()).seq;
}

/** The §2 packets of a byte stream that arrives in pieces: length, type, flags, seq, meta length, meta, payload. */
function packetReader(onPacket) {
  let pending = Buffer.alloc(0);
  return (chunk) => {
    pending = Buffer.concat([pending, chunk]);
    while (pending.length >= 4 && pending.length >= 4 + pending.readUInt32BE(0)) {
      const end = 4 + pending.readUInt32BE(0);
      const type = pending[4];
      const metaLength = pending.readUInt16BE(14);
      if (type === 1) {
        onPacket({ flags: pending[5], seq: pending.readBigUInt64BE(6),
          payload: pending.subarray(16 + metaLength, end).toString('utf8') });
      }
      pending = pending.subarray(end);
    }
  };
}

/** Opens the push stream on a new connection; resolves once the 200 has come. */
function openPushStream(clientId, token, lastSeq) {
  const session = http2.connect(SPDYPUSH_URL);
  const packets = [];
  const waiters = [];
  const headers = { ':method': 'GET', ':path': '/push', 'push-client': clientId, authorization: `Bearer ${token}` };
  if (lastSeq !== undefined) headers['push-last-seq'] = String(lastSeq);
  const stream = session.request(headers, { endStream: true });
  stream.on('data', packetReader((packet) => { packets.push(packet); waiters.splice(0).forEach((w) => w()); }));
  const next = async () => {
    const deadline = Date.now() + WAIT_MS;
    while (packets.length === 0) {
      assert.ok(Date.now() < deadline, 'no packet within 15 s');
      await new Promise((resolve) => { waiters.push(resolve); setTimeout(resolve, 200); });
    }
    return packets.shift();
  };
  return new Promise((resolve, reject) => {
    session.on('error', reject);
    stream.on('response', (response) => resolve({ session, response, next }));
  });
}

/** One request on an open connection: its status, headers, body and the paths the server pushed with it. */
function request(session, headers) {
  const pushed = [];
  const onPush = (pushedStream, requestHeaders) => {
    pushed.push(requestHeaders[':path']);
    pushedStream.resume();
  };
  session.on('stream', onPush);
  return new Promise((resolve, reject) => {
    const stream = session.request(headers, { endStream: true });
    let body = '';
    let response;
    stream.on('response', (h) => { response = h; });
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => { body += chunk; });
    stream.on('end', () => {
      // Pushed streams are promised before the reply's body ends: all of them are known by now.
      session.off('stream', onPush);
      resolve({ status: response[':status'], headers: response, body, pushed });
    });
    stream.on('error', reject);
  });
}

test('Node http2 holds a push stream, acknowledges, gets pushed sub-resources and resumes', { skip }, async () => {
  const clientId = `node-h2-${randomUUID()}`;
  const token = await mintToken(clientId);
  const first = await openPushStream(clientId, token);
  try {
    assert.equal(first.response[':status'], 200);
    assert.equal(first.response['content-type'], 'application/x-spdypush-packets');
    assert.ok(first.response['push-session']);

    const seqOne = await send(clientId, 'one');
    await send(clientId, 'two');
    const one = await first.next();
    const two = await first.next();
    assert.deepEqual([one.payload, two.payload], ['one', 'two']);
    assert.equal(one.seq, BigInt(seqOne));
    assert.ok(two.seq > one.seq);

    const ack = await request(first.session, { ':method': 'POST', ':path': '/ack', 'push-ack': String(one.seq) });
    assert.equal(ack.status, 200);
    assert.equal(ack.headers['push-ack'], String(one.seq));

    const page = await request(first.session, { ':method': 'GET', ':path': '/demo/index.html' });
    assert.equal(page.status, 200);
    assert.match(page.headers['push-subresources'], /\/demo\/style\.css/);
    assert.ok(page.pushed.includes('/demo/style.css'), `pushed: ${page.pushed}`);
  } finally {
    first.session.destroy(); // close() would wait for the push stream, which does not end
  }

  // A new connection resumes after the acknowledged seq: "two" comes again, flagged as a redelivery.
  const second = await openPushStream(clientId, token, undefined);
  try {
    const again = await second.next();
    assert.equal(again.payload, 'two');
    assert.equal(again.flags & 2, 2, 'REDELIVERY');
  } finally {
    second.session.destroy();
  }
});
