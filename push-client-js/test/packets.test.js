import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { PacketDecoder, PushProtocolError } from '../src/push-client.js';
import { vectors, fromHex, toHex, encodePacket, messagePacket, HEARTBEAT } from '../test-support/vectors.js';

/** Feeds the chunks to a new decoder and returns the messages, or the error it raised. */
function decode(chunks, maxPayloadBytes) {
  const decoder = new PacketDecoder({ maxPayloadBytes });
  const messages = [];
  try {
    for (const chunk of chunks) {
      decoder.add(chunk);
      for (let message = decoder.next(); message !== null; message = decoder.next()) {
        messages.push(message);
      }
    }
  } catch (error) {
    return { messages, error };
  }
  return { messages };
}

/** A decoded message in the vectors' shape. */
function asVector(message) {
  return {
    seq: String(message.seq),
    flags: message.flags,
    ackRequired: message.ackRequired,
    redelivery: message.redelivered,
    meta: { ...message.meta },
    payloadHex: toHex(message.payload),
  };
}

/** The stream whole, cut in two at every offset, and in single bytes. */
function splits(bytes) {
  const ways = [{ name: 'whole', chunks: [bytes] }];
  for (let at = 1; at < bytes.length; at++) {
    ways.push({ name: `split at ${at}`, chunks: [bytes.subarray(0, at), bytes.subarray(at)] });
  }
  ways.push({ name: 'byte by byte', chunks: Array.from(bytes, (_, i) => bytes.subarray(i, i + 1)) });
  return ways;
}

describe('packet vectors of docs/protocol-vectors.json', () => {
  for (const vector of vectors.packets.vectors) {
    test(vector.name, () => {
      const bytes = fromHex(vector.hex);
      for (const { name, chunks } of splits(bytes)) {
        const { messages, error } = decode(chunks, vector.maxPayloadBytes);
        if (vector.error) {
          assert.ok(error instanceof PushProtocolError, `${name}: expected a PushProtocolError, got ${error}`);
          assert.ok(error.message.includes(vector.error), `${name}: '${error.message}' lacks '${vector.error}'`);
        } else {
          assert.equal(error, undefined, `${name}: ${error}`);
          assert.deepEqual(messages.map(asVector), vector.messages.map((m) => ({ ...m, meta: { ...m.meta } })), name);
        }
      }
    });
  }

  test('the test encoder writes the encodable vectors byte for byte', () => {
    for (const vector of vectors.packets.vectors.filter((v) => v.encodable)) {
      const [m] = vector.messages;
      assert.equal(toHex(encodePacket({ seq: m.seq, flags: m.flags, meta: m.meta, payload: fromHex(m.payloadHex) })),
        vector.hex, vector.name);
    }
  });
});

describe('packet decoder', () => {
  test('skips HEARTBEAT packets between, before and after messages', () => {
    const stream = Buffer.concat([HEARTBEAT, messagePacket(1, 'a'), HEARTBEAT, HEARTBEAT, messagePacket(2, 'b'), HEARTBEAT]);
    for (const { name, chunks } of splits(stream)) {
      const { messages, error } = decode(chunks);
      assert.equal(error, undefined, name);
      assert.deepEqual(messages.map((m) => [m.seq, m.text()]), [[1n, 'a'], [2n, 'b']], name);
    }
  });

  test('skips packets of every reserved type whole, whatever their bytes', () => {
    for (const type of [0, 3, 7, 128, 255]) {
      const reserved = encodePacket({ type, seq: 99, meta: { id: 'x', 'content-type': 'a/b' }, payload: 'looks like a message' });
      const { messages } = decode([Buffer.concat([reserved, messagePacket(3, 'c')])]);
      assert.deepEqual(messages.map((m) => m.seq), [3n], `type ${type}`);
    }
  });

  test('skips a reserved packet larger than the payload limit: the limit is for messages', () => {
    const reserved = encodePacket({ type: 9, seq: 0, payload: new Uint8Array(100) });
    const { messages, error } = decode([reserved, messagePacket(4, '')], 16);
    assert.equal(error, undefined);
    assert.deepEqual(messages.map((m) => m.seq), [4n]);
  });

  test('gives meta names that are not known, and the fields of the message', () => {
    const packet = encodePacket({ seq: 2n ** 62n, flags: 3, meta: { id: 'm', 'content-type': 'text/plain', 'x-new': 'v' }, payload: 'hé' });
    const [message] = decode([packet]).messages;
    assert.equal(message.seq, 2n ** 62n);
    assert.equal(message.id, 'm');
    assert.equal(message.contentType, 'text/plain');
    assert.equal(message.meta['x-new'], 'v');
    assert.equal(message.text(), 'hé');
    assert.equal(message.ackRequired, true);
    assert.equal(message.redelivered, true);
    assert.doesNotMatch(String(message), /hé/, 'the payload stays out of toString');
  });

  test('a meta name __proto__ is an ordinary name', () => {
    const packet = encodePacket({ seq: 1, meta: { id: 'm', 'content-type': 'a/b', __proto__: 'x' } });
    const [message] = decode([packet]).messages;
    assert.equal(Object.getPrototypeOf(message.meta), null);
  });

  test('refuses a payload limit it cannot hold', () => {
    assert.throws(() => new PacketDecoder({ maxPayloadBytes: -1 }), /maxPayloadBytes -1 is out of range/);
    assert.throws(() => new PacketDecoder({ maxPayloadBytes: 16 * 1024 * 1024 }), /out of range/);
  });

  test('decodes many packets through a buffer that grows and is let go', () => {
    const decoder = new PacketDecoder();
    const big = messagePacket(1, 'x'.repeat(200_000));
    decoder.add(big.subarray(0, 100));
    assert.equal(decoder.next(), null);
    decoder.add(big.subarray(100));
    assert.equal(decoder.next().payload.length, 200_000);
    for (let seq = 2; seq < 200; seq++) {
      decoder.add(messagePacket(seq, String(seq)));
      assert.equal(decoder.next().text(), String(seq));
    }
    assert.equal(decoder.next(), null);
  });
});
