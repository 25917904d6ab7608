/**
 * docs/PROTOCOL.md's test vectors (docs/protocol-vectors.json), the same file the server's and the Java
 * client's tests run, and a packet encoder for the test peer.
 */
import { readFileSync } from 'node:fs';

const VECTORS_FILE = new URL('../../docs/protocol-vectors.json', import.meta.url);

/** The vectors, every "seq" read as a string first, so that 2^63 - 1 survives (JSON numbers are doubles). */
export const vectors = JSON.parse(readFileSync(VECTORS_FILE, 'utf8').replace(/("seq":\s*)(\d+)/g, '$1"$2"'));

export function fromHex(hex) {
  return Uint8Array.from(hex.match(/../g) ?? [], (pair) => parseInt(pair, 16));
}

export function toHex(bytes) {
  return Buffer.from(bytes).toString('hex');
}

/** A push packet (docs/PROTOCOL.md §2), as a server writes it. */
export function encodePacket({ type = 1, flags = 1, seq, meta = {}, payload = new Uint8Array(0) }) {
  const metaBytes = new TextEncoder().encode(Object.entries(meta).map(([name, value]) => `${name}: ${value}\n`).join(''));
  const body = typeof payload === 'string' ? new TextEncoder().encode(payload) : payload;
  const packet = new Uint8Array(16 + metaBytes.length + body.length);
  const view = new DataView(packet.buffer);
  view.setUint32(0, 12 + metaBytes.length + body.length);
  view.setUint8(4, type);
  view.setUint8(5, flags);
  view.setBigUint64(6, BigInt(seq));
  view.setUint16(14, metaBytes.length);
  packet.set(metaBytes, 16);
  packet.set(body, 16 + metaBytes.length);
  return packet;
}

/** A text message packet, ack required unless flags say otherwise. */
export function messagePacket(seq, text, flags = 1) {
  return encodePacket({ seq, flags, meta: { id: `m-${seq}`, 'content-type': 'text/plain' }, payload: text });
}

/** The HEARTBEAT packet of docs/PROTOCOL.md §10: type 2, flags 0, seq 0, nothing else. */
export const HEARTBEAT = encodePacket({ type: 2, flags: 0, seq: 0 });
