/**
 * The spdypush JavaScript client: the push stream, acknowledgements and business requests of
 * docs/PROTOCOL.md over HTTP/1.1 or HTTP/2 (§10), with fetch and a streaming response body. One ES
 * module without dependencies, for browsers and Node 20+; push-web serves this same file.
 *
 *   import { PushClient } from './push-client.js';
 *   const client = new PushClient({
 *     url: 'http://127.0.0.1:7070', clientId: 'device-42', tokenProvider: fetchMyToken,
 *     onMessage: (message) => console.log(message.seq, message.text()),
 *   });
 *   await client.connect();
 *
 * Section numbers (§N) refer to docs/PROTOCOL.md.
 */

// ---------------------------------------------------------------------------------------------
// Protocol constants (§2, §3, §4.7, §4.8, §5, §8)

/** The defaults both sides must agree on; a server and a client left at them work together. */
export const PROTOCOL_DEFAULTS = Object.freeze({
  /** T1: the period the server recommends in push-heartbeat (§5). */
  heartbeatClientSeconds: 60,
  /** T2: the server's silence before it writes a HEARTBEAT packet on HTTP/1.1 (§5, §10). */
  heartbeatServerSeconds: 90,
  /** T3: the grace after T2 before a silent push stream counts as dead (§5, §10). */
  heartbeatTimeoutSeconds: 10,
  /** The server's maxPayloadBytes; a client must accept at least this much (§2). */
  maxPayloadBytes: 1024 * 1024,
});

/** The reconnection backoff of §8: base 1 s, cap 5 min. */
export const STANDARD_RECONNECT = Object.freeze({ baseMs: 1000, capMs: 5 * 60 * 1000 });

/** The header names of §2 and §3, lowercase as on the wire. */
export const HEADERS = Object.freeze({
  pushClient: 'push-client',
  authorization: 'authorization',
  pushLastSeq: 'push-last-seq',
  pushTopics: 'push-topics',
  pushSession: 'push-session',
  pushHeartbeat: 'push-heartbeat',
  pushAck: 'push-ack',
  pushHave: 'push-have',
  pushSubresources: 'push-subresources',
  retryAfter: 'retry-after',
  contentType: 'content-type',
});

/** The content type of an accepted push stream's body (§10). */
export const PACKETS_CONTENT_TYPE = 'application/x-spdypush-packets';

const PUSH_PATH = '/push';
const ACK_PATH = '/ack';

/** The packet layout of §2: offsets from the start of a packet, the length field included. */
const LENGTH_FIELD_BYTES = 4;
const TYPE_OFFSET = 4;
const FLAGS_OFFSET = 5;
const SEQ_OFFSET = 6;
const META_LENGTH_OFFSET = 14;
const HEADER_BYTES = 16;
/** The bytes a packet's length counts besides meta and payload: type, flags, seq, metaLength. */
const FIXED_BYTES = 12;
const MAX_LENGTH = 16 * 1024 * 1024;
const MAX_META_BYTES = 8192;
const TYPE_MESSAGE = 1;
const FLAG_ACK_REQUIRED = 1;
const FLAG_REDELIVERY = 2;

const MAX_SEQ = (1n << 63n) - 1n;
const NO_SEQ = -1n;
const MAX_TOPICS = 64;
/** A buffer this large is let go once it is empty, so that a quiet session holds little. */
const KEPT_BUFFER_BYTES = 64 * 1024;
/** Acks start at most this often: one cumulative ack a few ms later says the same as many (§3.1). */
const ACK_INTERVAL_MS = 10;
/** How long an ack may take before it is given up; the messages then come again (§8). */
const ACK_TIMEOUT_MS = 30_000;
/** How long close() lets a last ack finish before it cuts the push stream. */
const CLOSE_GRACE_MS = 2000;
/** The most of a refusal's plain-text body kept for its message. */
const REFUSAL_TEXT_BYTES = 512;

// ---------------------------------------------------------------------------------------------
// Errors

/** The server answered the push stream or an ack with a status other than 200 (§2, §3.1). */
export class PushRefusedError extends Error {
  /**
   * @param {string} what what was refused, for the message ('the push stream', 'ack 17')
   * @param {number} status the response's status
   * @param {number|null} retryAfterMs its retry-after, in milliseconds, or null
   * @param {string} reason its short plain-text body
   */
  constructor(what, status, retryAfterMs = null, reason = '') {
    super(`the server refused ${what} with status ${status}${reason ? ` (${reason})` : ''}`
      + (retryAfterMs === null ? '' : `, retry after ${Math.ceil(retryAfterMs / 1000)} s`));
    this.name = 'PushRefusedError';
    this.status = status;
    this.retryAfterMs = retryAfterMs;
    this.reason = reason;
  }

  /** True when trying again cannot help (§8): 400, 401, 409 and every other 4xx. */
  get final() {
    return isFinalRefusal(this.status);
  }
}

/** The server broke the protocol: a packet past its limits, or a push stream response without its headers. */
export class PushProtocolError extends Error {
  constructor(message, options) {
    super(message, options);
    this.name = 'PushProtocolError';
  }
}

/** A session ended or could not start: the connection failed or went silent, the server ended it, or the client closed. */
export class SessionClosedError extends Error {
  constructor(message, options) {
    super(message, options);
    this.name = 'SessionClosedError';
  }
}

// ---------------------------------------------------------------------------------------------
// Values of the protocol: seqs (§2), client ids (§2), topic names (§2), refusals (§2, §8)

const SEQ_DIGITS = /^[0-9]{1,19}$/;
const CLIENT_ID = /^[A-Za-z0-9._:@-]{1,128}$/;
const TOPIC_NAME = /^[A-Za-z0-9._:@/-]{1,128}$/;

/**
 * Reads a seq value (push-ack, push-last-seq): 1 to 19 decimal digits, 0 to 2^63 - 1, spaces and tabs
 * around them allowed. Seqs are bigints, as they may go past Number.MAX_SAFE_INTEGER.
 *
 * @throws {RangeError} for anything else
 */
export function parseSeq(value) {
  const digits = typeof value === 'string' ? value.replace(/^[ \t]+|[ \t]+$/g, '') : '';
  if (!SEQ_DIGITS.test(digits) || BigInt(digits) > MAX_SEQ) {
    throw new RangeError(`'${value}' is not a seq: decimal digits, 0 to ${MAX_SEQ}`);
  }
  return BigInt(digits);
}

/** A seq given as a bigint or a non-negative safe integer, as a bigint. */
function toSeq(seq) {
  const value = typeof seq === 'number' && Number.isSafeInteger(seq) ? BigInt(seq) : seq;
  if (typeof value !== 'bigint' || value < 0n || value > MAX_SEQ) {
    throw new RangeError(`seq ${seq} is not a seq: a bigint or safe integer, 0 to ${MAX_SEQ}`);
  }
  return value;
}

/** A client id: 1-128 characters of A-Z a-z 0-9 . _ : @ - (§2). */
export function isValidClientId(clientId) {
  return typeof clientId === 'string' && CLIENT_ID.test(clientId);
}

/** A topic name: 1-128 characters of A-Z a-z 0-9 . _ : @ / - (§2, push-topics). */
export function isValidTopicName(name) {
  return typeof name === 'string' && TOPIC_NAME.test(name);
}

/**
 * A refusal that comes again on every attempt (§8): 400 malformed headers, 401 bad token, 409 a
 * second push stream, any other 4xx. 503 and other server errors pass with time.
 */
export function isFinalRefusal(status) {
  return status >= 400 && status < 500;
}

/** A retry-after value (seconds, or an HTTP date) in milliseconds from now, or null when absent or unreadable. */
export function parseRetryAfter(value, now = Date.now()) {
  if (value === null || value === undefined) {
    return null;
  }
  const trimmed = String(value).trim();
  if (/^[0-9]+$/.test(trimmed)) {
    return Number(trimmed) * 1000;
  }
  // An HTTP date has a day or month name; without one Date.parse would read '-5' as a year.
  const date = /[A-Za-z]/.test(trimmed) ? Date.parse(trimmed) : NaN;
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

// ---------------------------------------------------------------------------------------------
// Push packets (§2)

/** One MESSAGE push packet. Seqs are bigints; meta names are lowercase. */
export class PushMessage {
  constructor(seq, flags, meta, payload) {
    /** The per-client sequence number (a bigint); acknowledging it acknowledges everything before it. */
    this.seq = seq;
    this.flags = flags;
    /** The server keeps the message until it is acknowledged. */
    this.ackRequired = (flags & FLAG_ACK_REQUIRED) !== 0;
    /** The message was sent before, on this or an earlier session: the client may have seen it. */
    this.redelivered = (flags & FLAG_REDELIVERY) !== 0;
    /** The meta lines by name, in the order sent (an object without prototype). */
    this.meta = Object.freeze(meta);
    /** The payload bytes. */
    this.payload = payload;
    Object.freeze(this);
  }

  /** The message id, unique per sender. */
  get id() {
    return this.meta.id;
  }

  /** The payload's media type. */
  get contentType() {
    return this.meta['content-type'];
  }

  /** The payload decoded as UTF-8 (malformed bytes become U+FFFD). */
  text() {
    return new TextDecoder().decode(this.payload);
  }

  /** The payload read as JSON. */
  json() {
    return JSON.parse(this.text());
  }

  /** Names the message without its payload, which has no place in a log. */
  toString() {
    return `PushMessage[seq=${this.seq}, id=${this.id}, redelivered=${this.redelivered}, `
      + `ackRequired=${this.ackRequired}, payload=${this.payload.length} bytes]`;
  }
}

/**
 * Cuts the push stream's bytes into push packets, wherever the chunks were cut. Packets of a type
 * other than MESSAGE (HEARTBEAT and the reserved ones) are skipped whole. The limits are checked as
 * soon as a packet's header is in, before anything is buffered for it. After a PushProtocolError the
 * session is over.
 */
export class PacketDecoder {
  #maxPayloadBytes;
  #buffer = new Uint8Array(0);
  #start = 0;
  #end = 0;
  /** Bytes of a skipped packet still to come. */
  #skipping = 0;
  #utf8 = new TextDecoder('utf-8', { fatal: true });

  /** @param {{maxPayloadBytes?: number}} options the largest payload accepted: the server's maxPayloadBytes */
  constructor({ maxPayloadBytes = PROTOCOL_DEFAULTS.maxPayloadBytes } = {}) {
    if (!Number.isInteger(maxPayloadBytes) || maxPayloadBytes < 0 || maxPayloadBytes > MAX_LENGTH - FIXED_BYTES) {
      throw new RangeError(`maxPayloadBytes ${maxPayloadBytes} is out of range 0-${MAX_LENGTH - FIXED_BYTES}`
        + " (it must be at least the server's maxPayloadBytes)");
    }
    this.#maxPayloadBytes = maxPayloadBytes;
  }

  /** Appends a chunk of the stream (copied). */
  add(chunk) {
    const held = this.#end - this.#start;
    if (this.#end + chunk.length > this.#buffer.length) {
      if (held + chunk.length <= this.#buffer.length) {
        this.#buffer.copyWithin(0, this.#start, this.#end);
      } else {
        const grown = new Uint8Array(Math.max(held + chunk.length, 2 * this.#buffer.length, 4096));
        grown.set(this.#buffer.subarray(this.#start, this.#end));
        this.#buffer = grown;
      }
      this.#start = 0;
      this.#end = held;
    }
    this.#buffer.set(chunk, this.#end);
    this.#end += chunk.length;
  }

  /**
   * The next whole MESSAGE, or null when more bytes are needed.
   *
   * @throws {PushProtocolError} when the bytes break the packet format or its limits
   */
  next() {
    for (;;) {
      if (this.#skipping > 0) {
        const skipped = Math.min(this.#skipping, this.#end - this.#start);
        this.#start += skipped;
        this.#skipping -= skipped;
        if (this.#skipping > 0) {
          return this.#needMore();
        }
      }
      const available = this.#end - this.#start;
      if (available < LENGTH_FIELD_BYTES) {
        return this.#needMore();
      }
      const length = this.#uint32(this.#start);
      if (length < FIXED_BYTES) {
        throw new PushProtocolError(`push packet length ${length} is below the minimum of ${FIXED_BYTES}`);
      }
      if (length > MAX_LENGTH) {
        throw new PushProtocolError(`push packet length ${length} is above the limit of ${MAX_LENGTH} (16 MiB)`);
      }
      if (available <= TYPE_OFFSET) {
        return this.#needMore();
      }
      if (this.#buffer[this.#start + TYPE_OFFSET] !== TYPE_MESSAGE) {
        this.#skipping = LENGTH_FIELD_BYTES + length;
        continue;
      }
      if (available < HEADER_BYTES) {
        return this.#needMore();
      }
      const metaLength = this.#buffer[this.#start + META_LENGTH_OFFSET] << 8
        | this.#buffer[this.#start + META_LENGTH_OFFSET + 1];
      if (metaLength > length - FIXED_BYTES) {
        throw new PushProtocolError(`push packet metaLength ${metaLength} does not fit in packet length ${length}`);
      }
      if (metaLength > MAX_META_BYTES) {
        throw new PushProtocolError(`push packet metaLength ${metaLength} is above the limit of ${MAX_META_BYTES}`
          + ' (8 KiB)');
      }
      const payloadLength = length - FIXED_BYTES - metaLength;
      if (payloadLength > this.#maxPayloadBytes) {
        throw new PushProtocolError(`push packet payload of ${payloadLength} bytes is above the limit of `
          + `${this.#maxPayloadBytes} (maxPayloadBytes)`);
      }
      if (available < LENGTH_FIELD_BYTES + length) {
        return this.#needMore();
      }
      return this.#readMessage(metaLength, payloadLength);
    }
  }

  #readMessage(metaLength, payloadLength) {
    const start = this.#start;
    const flags = this.#buffer[start + FLAGS_OFFSET];
    const seq = BigInt(this.#uint32(start + SEQ_OFFSET)) << 32n | BigInt(this.#uint32(start + SEQ_OFFSET + 4));
    if (seq > MAX_SEQ) {
      throw new PushProtocolError(`push packet seq ${seq} is above the largest this client supports, ${MAX_SEQ}`);
    }
    const metaStart = start + HEADER_BYTES;
    let text;
    try {
      text = this.#utf8.decode(this.#buffer.subarray(metaStart, metaStart + metaLength));
    } catch (e) {
      throw new PushProtocolError(`push packet seq ${seq}: meta is not valid UTF-8`, { cause: e });
    }
    let meta;
    try {
      meta = parseMeta(text);
    } catch (e) {
      throw new PushProtocolError(`push packet seq ${seq}: ${e.message}`);
    }
    const payloadStart = metaStart + metaLength;
    const payload = this.#buffer.slice(payloadStart, payloadStart + payloadLength);
    this.#start = payloadStart + payloadLength;
    return new PushMessage(seq, flags, meta, payload);
  }

  /** Says that more bytes are needed, first letting go of a large buffer that holds nothing. */
  #needMore() {
    if (this.#start === this.#end) {
      this.#start = 0;
      this.#end = 0;
      if (this.#buffer.length > KEPT_BUFFER_BYTES) {
        this.#buffer = new Uint8Array(0);
      }
    }
    return null;
  }

  #uint32(index) {
    const b = this.#buffer;
    return b[index] * 0x1000000 + (b[index + 1] << 16 | b[index + 2] << 8 | b[index + 3]);
  }
}

/**
 * Parses meta lines "name: value\n": names in lowercase, one space after the colon dropped, the last
 * line may lack its newline; id and content-type are required (§2).
 */
function parseMeta(text) {
  const meta = Object.create(null);
  let lineStart = 0;
  while (lineStart < text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) {
      lineEnd = text.length;
    }
    const line = text.slice(lineStart, lineEnd);
    const colon = line.indexOf(':');
    if (colon <= 0) {
      throw new Error(`meta line '${line}' is not 'name: value'`);
    }
    const value = line.slice(colon + 1);
    meta[line.slice(0, colon).toLowerCase()] = value.startsWith(' ') ? value.slice(1) : value;
    lineStart = lineEnd + 1;
  }
  for (const required of ['id', 'content-type']) {
    if (!(required in meta)) {
      throw new Error(`lacks the required meta '${required}'`);
    }
  }
  return meta;
}

// ---------------------------------------------------------------------------------------------
// Reconnection (§8)

/** The longest wait before the given attempt (1 for the first): min(cap, base × 2^(attempt-1)), in ms. */
export function backoffCeiling(attempt, policy = STANDARD_RECONNECT) {
  if (!Number.isInteger(attempt) || attempt < 1) {
    throw new RangeError(`attempt ${attempt} is below 1`);
  }
  return Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(attempt - 1, 52));
}

/** The wait before the given attempt, in whole ms: uniformly random from 0 to its ceiling, both included (full jitter). */
export function backoffDelay(attempt, policy = STANDARD_RECONNECT, random = Math.random) {
  return Math.floor(random() * (backoffCeiling(attempt, policy) + 1));
}

function requireReconnectPolicy(policy) {
  const { baseMs, capMs } = policy;
  if (!Number.isFinite(baseMs) || baseMs <= 0) {
    throw new RangeError(`reconnect.baseMs ${baseMs} must be a positive number of milliseconds`);
  }
  if (!Number.isFinite(capMs) || capMs < baseMs || capMs > 24 * 60 * 60 * 1000) {
    throw new RangeError(`reconnect.capMs ${capMs} must be between reconnect.baseMs (${baseMs}) and one day`);
  }
  return Object.freeze({ baseMs, capMs });
}

/**
 * Decides, each time a session or an attempt ends, whether the client tries again and after how long
 * (§8): a final refusal stops it (a 401 only the second time since the last accepted session when a
 * token provider gives each attempt a fresh token), a retry-after is waited for with the backoff's
 * jitter on top, anything else backs off. Counts the attempts since the last accepted session.
 */
export class Reconnection {
  #policy;
  #freshTokens;
  #random;
  #attempt = 0;
  /** A 401 since the last accepted session was tried again with a fresh token. */
  #unauthorizedTriedAgain = false;

  constructor(policy = STANDARD_RECONNECT, { freshTokens = false, random = Math.random } = {}) {
    this.#policy = requireReconnectPolicy(policy);
    this.#freshTokens = freshTokens;
    this.#random = random;
  }

  /** The number of the attempt next() last planned: 1 for the first after an accepted session. */
  get attempt() {
    return this.#attempt;
  }

  /** A push stream was accepted: the next loss starts again from the first attempt. */
  reset() {
    this.#attempt = 0;
    this.#unauthorizedTriedAgain = false;
  }

  /** The wait in ms before the next attempt after an end for this reason, or null when the client must stop. */
  next(reason) {
    const refusal = reason instanceof PushRefusedError ? reason : null;
    if (refusal?.final) {
      // A token that expired between the provider and the server may be followed by a good one;
      // a second 401 before any session was accepted is not a matter of time.
      if (refusal.status !== 401 || !this.#freshTokens || this.#unauthorizedTriedAgain) {
        return null;
      }
      this.#unauthorizedTriedAgain = true;
    }
    this.#attempt++;
    return (refusal?.retryAfterMs ?? 0) + backoffDelay(this.#attempt, this.#policy, this.#random);
  }
}

// ---------------------------------------------------------------------------------------------
// The last processed seq (§2 push-last-seq, §8)

/**
 * Keeps the last processed seq in memory: it survives reconnects, not a reload of the page or a restart
 * of the process. A store is any object with load() (the seq saved last, or null) and save(seq), either
 * of which may return a promise.
 */
export class MemoryLastSeqStore {
  #seq;

  constructor(seq = null) {
    this.#seq = seq === null ? null : toSeq(seq);
  }

  load() {
    return this.#seq;
  }

  save(seq) {
    this.#seq = seq;
  }
}

/** Keeps the last processed seq in a Web Storage (localStorage by default), so that it survives a reload. */
export class LocalStorageLastSeqStore {
  #key;
  #storage;

  /**
   * @param {string} key the item's name
   * @param {Storage} storage anything with getItem and setItem
   */
  constructor(key, storage = webStorage()) {
    if (!storage) {
      throw new TypeError('there is no localStorage here: pass a Storage, or use a MemoryLastSeqStore');
    }
    this.#key = key;
    this.#storage = storage;
  }

  load() {
    const stored = this.#storage.getItem(this.#key);
    if (stored === null) {
      return null;
    }
    try {
      return parseSeq(stored);
    } catch (e) {
      throw new RangeError(`localStorage item '${this.#key}' holds '${stored}', not a seq; remove it to start`
        + ' from what the server holds', { cause: e });
    }
  }

  save(seq) {
    this.#storage.setItem(this.#key, String(seq));
  }
}

/** The store a client has when none is given: localStorage where there is one, else memory. */
export function defaultLastSeqStore(clientId, storage = webStorage()) {
  return storage ? new LocalStorageLastSeqStore(`spdypush.last-seq.${clientId}`, storage)
    : new MemoryLastSeqStore();
}

/** The page's localStorage, or null where there is none (Node, a sandboxed frame, storage refused). */
function webStorage() {
  try {
    const storage = globalThis.localStorage;
    return storage && typeof storage.getItem === 'function' ? storage : null;
  } catch {
    return null;
  }
}

/**
 * The highest seq the application has fully processed, over all the sessions of one client: sent as
 * push-last-seq, used to drop what the server sends again anyway, and kept in the store.
 */
class ResumePoint {
  #store;
  #logger;
  #loaded = false;
  #processed = NO_SEQ;
  #saved = NO_SEQ;

  constructor(store, logger) {
    this.#store = store;
    this.#logger = logger;
  }

  /** Reads the store, the first time only: after that the value in memory is the newer one. */
  async load() {
    if (this.#loaded) {
      return;
    }
    const stored = await this.#store.load();
    if (stored !== null && stored !== undefined) {
      const seq = typeof stored === 'string' ? parseSeq(stored) : toSeq(stored);
      this.#processed = seq > this.#processed ? seq : this.#processed;
    }
    this.#saved = this.#processed;
    this.#loaded = true;
  }

  /** The value for push-last-seq: null before anything was processed. */
  get lastSeq() {
    return this.#processed === NO_SEQ ? null : this.#processed;
  }

  isProcessed(seq) {
    return seq <= this.#processed;
  }

  /** Notes that every message up to seq has been processed; a lower seq than before changes nothing. */
  processed(seq) {
    if (seq > this.#processed) {
      this.#processed = seq;
    }
  }

  /**
   * Writes the processed seq to the store if it has changed. A store that fails is logged, not fatal:
   * within this page or process nothing comes twice anyway.
   */
  async save() {
    const seq = this.#processed;
    if (seq === this.#saved) {
      return;
    }
    try {
      await this.#store.save(seq);
      this.#saved = seq;
    } catch (e) {
      this.#logger.warn(`could not save last seq ${seq}; after a restart, messages up to it may come again: ${e}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Acknowledgements (§3.1)

/**
 * Acknowledges processed messages cumulatively with few requests: at most one ack in flight, carrying
 * the highest seq processed so far, started at most every ACK_INTERVAL_MS. One per session.
 */
class AutoAck {
  #send;
  #logger;
  #processed = NO_SEQ;
  #due = false;
  #inFlight = null;
  #timer = null;
  #lastSent = -Infinity;
  #stopped = false;

  /** @param {(seq: bigint) => Promise<bigint>} send sends one ack */
  constructor(send, logger) {
    this.#send = send;
    this.#logger = logger;
  }

  /** Notes a message processed: the application is done with it, or it was processed on an earlier session. */
  processed(message) {
    if (message.seq > this.#processed) {
      this.#processed = message.seq;
    }
    this.#due ||= message.ackRequired;
  }

  /** Sends one ack for all processed so far, unless one is in flight or the last started less than the interval ago. */
  flush() {
    if (this.#stopped || !this.#due || this.#inFlight || this.#timer) {
      return;
    }
    const wait = this.#lastSent + ACK_INTERVAL_MS - Date.now();
    if (wait > 0) {
      this.#timer = setTimeout(() => {
        this.#timer = null;
        this.flush();
      }, wait);
      return;
    }
    this.#sendNow();
  }

  /** Sends what is due at once and waits up to graceMs for the last ack; then acks no more. */
  async finish(graceMs) {
    clearTimeout(this.#timer);
    this.#timer = null;
    if (!this.#stopped && this.#due && !this.#inFlight) {
      this.#sendNow();
    }
    this.#stopped = true;
    if (this.#inFlight) {
      await withTimeout(this.#inFlight, graceMs);
    }
  }

  /** The session ended: acks no more (what is due goes with the next session's acks, §8). */
  stop() {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#timer = null;
  }

  #sendNow() {
    const seq = this.#processed;
    this.#lastSent = Date.now();
    this.#due = false;
    this.#inFlight = this.#send(seq)
      .then((acked) => this.#logger.debug(`acknowledged up to seq ${acked}`))
      // Not retried: unacknowledged messages come back, flagged as redelivered, on the next session.
      .catch((e) => this.#logger.debug(`auto-ack of seq ${seq} failed: ${e.message}`))
      .finally(() => {
        this.#inFlight = null;
        this.flush();
      });
  }
}

// ---------------------------------------------------------------------------------------------
// Business requests (§3.2)

/** The server's answer to a business request; a refusal (4xx, 5xx) is one too, its body a short reason. */
export class PushResponse {
  constructor(status, headers, body) {
    this.status = status;
    /** The response's Headers. */
    this.headers = headers;
    /** The body bytes. */
    this.body = body;
    /**
     * The sub-resource tags from push-subresources, in order: every sub-resource of the response, those
     * listed in push-have included. Over HTTP/1.1 nothing is pushed; fetch what you need.
     */
    this.subresources = (headers.get(HEADERS.pushSubresources) ?? '').split(',')
      .map((tag) => tag.trim()).filter((tag) => tag !== '');
    Object.freeze(this);
  }

  get ok() {
    return this.status >= 200 && this.status < 300;
  }

  get contentType() {
    return this.headers.get(HEADERS.contentType);
  }

  text() {
    return new TextDecoder().decode(this.body);
  }

  json() {
    return JSON.parse(this.text());
  }
}

/** Headers a caller may not set on a request: the client writes them from the session and from `have`. */
const RESERVED_REQUEST_HEADERS = new Set([HEADERS.authorization, HEADERS.pushSession, HEADERS.pushHave]);

// ---------------------------------------------------------------------------------------------
// The client

const SILENT_LOGGER = Object.freeze({ debug() {}, info() {}, warn() {} });

/**
 * A push client: the push stream (§2), acknowledgements (§3.1) and business requests (§3.2) over
 * HTTP/1.1 or HTTP/2 (§10). With reconnection (the default) a lost session is followed by a new one
 * after the §8 backoff, resuming after the last processed seq, so that onMessage gets every message
 * once and in seq order. A push stream that carries no byte for T2 + T3 counts as dead (§10).
 */
export class PushClient {
  #origin;
  #clientId;
  #token;
  #tokenProvider;
  #topics;
  #autoAck;
  #maxPayloadBytes;
  #heartbeatServerMs;
  #heartbeatTimeoutMs;
  #fetch;
  #logger;
  #listener;
  #resume;
  #reconnection;
  /** The open session: { session, token, autoAck }, or null. */
  #current = null;
  /** Aborts the push stream under way. */
  #controller = null;
  /** Ends the wait before the next attempt. */
  #wake = null;
  #running = false;
  #closed = false;
  #firstSession = null;

  /**
   * @param {object} options
   * @param {string} options.url the push server's origin, e.g. 'http://127.0.0.1:7070' (its path is not used)
   * @param {string} options.clientId sent as push-client
   * @param {string} [options.token] sent as authorization: Bearer <token> on every attempt
   * @param {() => string|Promise<string>} [options.tokenProvider] asked for a token before every attempt instead
   * @param {(message: PushMessage) => void|Promise<void>} options.onMessage called once per seq, in seq order,
   *   awaited before the next; with autoAck, the message is acknowledged once it returns. If it throws, the
   *   session is closed so that the message comes again on the next one.
   * @param {(session: {id: string, heartbeatSeconds: number}) => void} [options.onConnected]
   * @param {(reason: Error) => void} [options.onDisconnected] an accepted session ended, not by close()
   * @param {(attempt: number, delayMs: number, cause: Error) => void} [options.onReconnecting]
   * @param {(refusal: PushRefusedError) => void} [options.onRefused] the client gives up after a refusal
   * @param {string[]} [options.topics] sent as push-topics
   * @param {boolean} [options.autoAck=true] acknowledge each message once onMessage returns; else call ack()
   * @param {object} [options.lastSeqStore] keeps push-last-seq: localStorage where there is one, else memory
   * @param {{baseMs: number, capMs: number}|false} [options.reconnect=STANDARD_RECONNECT] false: connect once
   * @param {number} [options.heartbeatServerMs] T2: by default the protocol's 90 s, or push-heartbeat if longer
   * @param {number} [options.heartbeatTimeoutMs=10000] T3
   * @param {number} [options.maxPayloadBytes=1048576] the server's maxPayloadBytes or more
   * @param {typeof fetch} [options.fetch=globalThis.fetch]
   * @param {{debug: Function, info: Function, warn: Function}} [options.logger] e.g. console; silent by default
   */
  constructor(options) {
    const {
      url, clientId, token, tokenProvider, onMessage, onConnected, onDisconnected, onReconnecting, onRefused,
      topics = [], autoAck = true, lastSeqStore, reconnect = STANDARD_RECONNECT, heartbeatServerMs,
      heartbeatTimeoutMs = PROTOCOL_DEFAULTS.heartbeatTimeoutSeconds * 1000,
      maxPayloadBytes = PROTOCOL_DEFAULTS.maxPayloadBytes, fetch = globalThis.fetch, logger = SILENT_LOGGER,
    } = options ?? {};
    this.#origin = requireOrigin(url);
    if (!isValidClientId(clientId)) {
      throw new TypeError(`clientId '${clientId}' is invalid: use 1-128 characters of A-Z a-z 0-9 . _ : @ -`);
    }
    if ((token === undefined) === (tokenProvider === undefined)) {
      throw new TypeError('give either token or tokenProvider (docs/PROTOCOL.md §7)');
    }
    if (token !== undefined && (typeof token !== 'string' || token.trim() === '')) {
      throw new TypeError('token must be a non-empty string (docs/PROTOCOL.md §7)');
    }
    if (tokenProvider !== undefined && typeof tokenProvider !== 'function') {
      throw new TypeError('tokenProvider must be a function returning a token or a promise of one');
    }
    if (typeof onMessage !== 'function') {
      throw new TypeError('onMessage is required: a function called with each PushMessage');
    }
    if (typeof fetch !== 'function') {
      throw new TypeError('there is no fetch here: use Node 20 or later, or pass options.fetch');
    }
    new PacketDecoder({ maxPayloadBytes }); // checks the limit now, not at the first session
    requirePositiveMs('heartbeatServerMs', heartbeatServerMs, true);
    requirePositiveMs('heartbeatTimeoutMs', heartbeatTimeoutMs, false);
    this.#clientId = clientId;
    this.#token = token;
    this.#tokenProvider = tokenProvider;
    this.#topics = requireTopics(topics);
    this.#autoAck = autoAck;
    this.#maxPayloadBytes = maxPayloadBytes;
    this.#heartbeatServerMs = heartbeatServerMs;
    this.#heartbeatTimeoutMs = heartbeatTimeoutMs;
    // A browser's fetch must be called on the window: stored bare and called as a method of this client, it throws
    // "Illegal invocation" (Node's does not mind).
    this.#fetch = fetch === globalThis.fetch ? fetch.bind(globalThis) : fetch;
    this.#logger = logger;
    this.#listener = { onMessage, onConnected, onDisconnected, onReconnecting, onRefused };
    this.#resume = new ResumePoint(lastSeqStore ?? defaultLastSeqStore(clientId), logger);
    this.#reconnection = reconnect === false ? null
      : new Reconnection(reconnect, { freshTokens: tokenProvider !== undefined });
  }

  /** The open session, { id, heartbeatSeconds }, or null. */
  get session() {
    return this.#current?.session ?? null;
  }

  /** The highest seq processed so far (a bigint), sent as push-last-seq; null before any. */
  get lastSeq() {
    return this.#resume.lastSeq;
  }

  /**
   * Opens the push stream, after the last processed seq. Resolves with the session when the server
   * accepts it. Rejects when the store cannot be read, when close() comes first, and with a
   * PushRefusedError when a refusal stops the client (400, 401, 409); without reconnection, also when the
   * first attempt fails. With reconnection every later session comes to onConnected.
   */
  connect() {
    if (this.#closed) {
      throw new Error('this PushClient is closed; make a new one');
    }
    if (this.#running) {
      throw new Error(`this PushClient is already connected, or connecting, to ${this.#origin}`);
    }
    this.#running = true;
    this.#reconnection?.reset();
    this.#firstSession = deferred();
    this.#run(this.#firstSession);
    return this.#firstSession.promise;
  }

  /**
   * Acknowledges every message up to seq (§3.1). Resolves with the server's push-ack, the highest seq now
   * acknowledged, which then counts as processed. Rejects with a PushRefusedError (400 for a seq never
   * sent, 409 for a session the server no longer knows) or, without a session, a SessionClosedError.
   */
  async ack(seq) {
    const value = toSeq(seq);
    if (!this.#current) {
      throw new SessionClosedError('not connected: await connect() first');
    }
    return this.#ackOn(this.#current, value);
  }

  /**
   * Sends a business request on the session (§3.2, §10): GET unless init.method says otherwise.
   *
   * @param {string} path starting with '/'
   * @param {{method?: string, headers?: object, body?: any, have?: string[], signal?: AbortSignal}} init
   *   have: the sub-resources the client holds already, sent as push-have
   * @returns {Promise<PushResponse>} whatever the status
   */
  async request(path, { method = 'GET', headers = {}, body, have = [], signal } = {}) {
    if (typeof path !== 'string' || !path.startsWith('/')) {
      throw new TypeError(`path '${path}' must start with /`);
    }
    const current = this.#current;
    if (!current) {
      throw new SessionClosedError('not connected: await connect() first');
    }
    const sent = new Headers(headers);
    for (const name of RESERVED_REQUEST_HEADERS) {
      if (sent.has(name)) {
        throw new TypeError(`header ${name} cannot be set on a request: the client writes it itself`
          + (name === HEADERS.pushHave ? ' from init.have' : ''));
      }
    }
    this.#bind(sent, current);
    if (have.length > 0) {
      sent.set(HEADERS.pushHave, have.join(', '));
    }
    // The origin is prefixed, so that a path such as //elsewhere/x cannot take the token to another host.
    const response = await this.#fetch(new URL(this.#origin + path), {
      method, headers: sent, body, signal, cache: 'no-store',
    });
    return new PushResponse(response.status, response.headers, new Uint8Array(await response.arrayBuffer()));
  }

  /**
   * Stops reconnecting and ends the session: a due ack gets a short grace, then the push stream is cut and
   * the last seq saved. The listener is not told of this end.
   */
  async close() {
    if (this.#closed) {
      return;
    }
    this.#closed = true;
    this.#wake?.();
    this.#firstSession?.reject(new SessionClosedError('the client was closed'));
    const current = this.#current;
    if (current?.autoAck) {
      await current.autoAck.finish(CLOSE_GRACE_MS);
    }
    this.#controller?.abort(new SessionClosedError('the client was closed'));
    await this.#resume.save();
  }

  /** Tries, and with reconnection tries again, until a refusal stops the client or it is closed. */
  async #run(first) {
    try {
      await this.#resume.load();
    } catch (e) {
      this.#running = false;
      first.reject(e);
      return;
    }
    while (!this.#closed) {
      const { accepted, reason } = await this.#attempt(first);
      if (this.#closed) {
        return;
      }
      if (accepted) {
        this.#notify('onDisconnected', reason);
      }
      const delay = this.#reconnection ? this.#reconnection.next(reason) : null;
      if (delay === null) {
        this.#running = false;
        first.reject(reason);
        if (reason instanceof PushRefusedError) {
          this.#logger.warn(`${reason.message}; not trying again`);
          this.#notify('onRefused', reason);
        }
        return;
      }
      const attempt = this.#reconnection.attempt;
      this.#logger.info(`reconnecting to ${this.#origin} in ${delay} ms (attempt ${attempt}): ${reason.message}`);
      this.#notify('onReconnecting', attempt, delay, reason);
      await this.#sleep(delay);
    }
  }

  /** One attempt: opens the push stream and reads it until it ends. Resolves with why it ended. */
  async #attempt(first) {
    let token;
    try {
      token = this.#tokenProvider ? await this.#tokenProvider() : this.#token;
    } catch (e) {
      return { accepted: false, reason: new SessionClosedError(`the token provider failed: ${e.message}`, { cause: e }) };
    }
    if (typeof token !== 'string' || token.trim() === '') {
      return { accepted: false, reason: new SessionClosedError('the token provider gave no token') };
    }
    if (this.#closed) {
      return { accepted: false, reason: new SessionClosedError('the client was closed') };
    }
    const controller = new AbortController();
    this.#controller = controller;
    const silence = new SilenceWatch(() => controller.abort(new SessionClosedError('silent push stream')));
    let response;
    try {
      // Counted from the request too, so that a server that never answers is found.
      silence.arm(this.#silenceLimitMs(PROTOCOL_DEFAULTS.heartbeatClientSeconds));
      response = await this.#fetch(new URL(this.#origin + PUSH_PATH), {
        headers: this.#pushHeaders(token), signal: controller.signal, cache: 'no-store', redirect: 'error',
      });
    } catch (e) {
      return { accepted: false, reason: this.#endReason(e, silence, `cannot open the push stream at ${this.#origin}`) };
    } finally {
      silence.disarm();
    }
    if (response.status !== 200) {
      const reason = await refusalText(response);
      return {
        accepted: false,
        reason: new PushRefusedError('the push stream', response.status,
          parseRetryAfter(response.headers.get(HEADERS.retryAfter)), reason),
      };
    }
    let session;
    try {
      session = this.#acceptedSession(response);
    } catch (e) {
      controller.abort(e);
      return { accepted: false, reason: e };
    }
    const current = { session, token, autoAck: null };
    if (this.#autoAck) {
      current.autoAck = new AutoAck((seq) => this.#ackOn(current, seq), this.#logger);
    }
    this.#current = current;
    this.#reconnection?.reset();
    this.#logger.info(`push stream accepted by ${this.#origin}: session ${session.id}`);
    first.resolve(session);
    this.#notify('onConnected', session);
    const reason = await this.#read(response.body, current, controller, silence);
    current.autoAck?.stop();
    this.#current = null;
    await this.#resume.save();
    return { accepted: true, reason };
  }

  /** Reads the push stream and hands each message on, until the stream ends; resolves with why it ended. */
  async #read(body, current, controller, silence) {
    const reader = body.getReader();
    const decoder = new PacketDecoder({ maxPayloadBytes: this.#maxPayloadBytes });
    const silenceLimitMs = this.#silenceLimitMs(current.session.heartbeatSeconds);
    try {
      for (;;) {
        // Only while waiting for bytes: a slow onMessage does not make the stream look silent.
        silence.arm(silenceLimitMs);
        let chunk;
        try {
          chunk = await reader.read();
        } finally {
          silence.disarm();
        }
        if (chunk.done) {
          return new SessionClosedError(`${this.#origin} ended the push stream`);
        }
        decoder.add(chunk.value);
        for (let message = decoder.next(); message !== null; message = decoder.next()) {
          if (this.#closed) {
            return new SessionClosedError('the client was closed');
          }
          await this.#deliver(message, current);
        }
        await this.#resume.save();
        current.autoAck?.flush();
      }
    } catch (e) {
      return this.#endReason(e, silence, 'the push stream failed');
    } finally {
      controller.abort(new SessionClosedError('the push stream ended'));
    }
  }

  async #deliver(message, current) {
    if (this.#resume.isProcessed(message.seq)) {
      this.#logger.debug(`dropping ${message}: processed before`);
      // Acknowledged again, so that a server that missed the first ack stops sending it.
      current.autoAck?.processed(message);
      return;
    }
    try {
      await this.#listener.onMessage(message);
    } catch (e) {
      throw new SessionClosedError(`onMessage failed on seq ${message.seq}; closing the session so that it comes`
        + ' again', { cause: e });
    }
    if (current.autoAck) {
      this.#resume.processed(message.seq);
      current.autoAck.processed(message);
    }
  }

  async #ackOn(current, seq) {
    const headers = new Headers({ [HEADERS.pushAck]: String(seq) });
    this.#bind(headers, current);
    const response = await this.#fetch(new URL(this.#origin + ACK_PATH), {
      method: 'POST', headers, cache: 'no-store', redirect: 'error', signal: AbortSignal.timeout(ACK_TIMEOUT_MS),
    });
    if (response.status !== 200) {
      throw new PushRefusedError(`ack ${seq}`, response.status,
        parseRetryAfter(response.headers.get(HEADERS.retryAfter)), await refusalText(response));
    }
    await response.body?.cancel();
    // A browser sees push-ack only where the server exposes it (CORS); the seq sent is acknowledged anyway.
    const echo = response.headers.get(HEADERS.pushAck);
    const acked = echo === null ? seq : parseSeq(echo);
    this.#resume.processed(acked > seq ? acked : seq);
    await this.#resume.save();
    return acked;
  }

  /** The two headers that tie an ack or a request to the session over HTTP/1.1 (§10). */
  #bind(headers, current) {
    headers.set(HEADERS.authorization, `Bearer ${current.token}`);
    headers.set(HEADERS.pushSession, current.session.id);
  }

  #pushHeaders(token) {
    const headers = new Headers({
      [HEADERS.pushClient]: this.#clientId,
      [HEADERS.authorization]: `Bearer ${token}`,
    });
    const lastSeq = this.#resume.lastSeq;
    if (lastSeq !== null) {
      headers.set(HEADERS.pushLastSeq, String(lastSeq));
    }
    if (this.#topics.length > 0) {
      headers.set(HEADERS.pushTopics, this.#topics.join(','));
    }
    return headers;
  }

  /** The session of an accepted push stream's response, or a PushProtocolError saying what it lacks. */
  #acceptedSession(response) {
    const contentType = response.headers.get(HEADERS.contentType) ?? '';
    if (contentType.split(';')[0].trim().toLowerCase() !== PACKETS_CONTENT_TYPE) {
      throw new PushProtocolError(`the push stream's 200 response has content-type '${contentType}', not`
        + ` ${PACKETS_CONTENT_TYPE}: is ${this.#origin} the HTTP/1.1 or HTTP/2 port of a spdypush server?`);
    }
    const id = response.headers.get(HEADERS.pushSession);
    if (!id) {
      throw new PushProtocolError("the push stream's 200 response has no push-session header (in a browser, the"
        + ' server must expose it to this origin: its allowedOrigins setting)');
    }
    const heartbeat = Number(response.headers.get(HEADERS.pushHeartbeat));
    const heartbeatSeconds = Number.isInteger(heartbeat) && heartbeat > 0 ? heartbeat
      : PROTOCOL_DEFAULTS.heartbeatClientSeconds;
    return Object.freeze({ id, heartbeatSeconds });
  }

  /**
   * T2 + T3 in ms (§10). The server's T2 is not on the wire; push-heartbeat gives T1, which a sane server
   * keeps at most T2, so the longer of T1 and the default T2 is taken unless the application set T2.
   */
  #silenceLimitMs(heartbeatSeconds) {
    const t2 = this.#heartbeatServerMs
      ?? Math.max(PROTOCOL_DEFAULTS.heartbeatServerSeconds, heartbeatSeconds) * 1000;
    return t2 + this.#heartbeatTimeoutMs;
  }

  /** Why a push stream ended, from the error its fetch or read failed with. */
  #endReason(error, silence, what) {
    if (silence.fired) {
      return new SessionClosedError(`the push stream at ${this.#origin} carried no bytes for ${silence.limitMs} ms`
        + ' (T2 + T3, docs/PROTOCOL.md §10): the connection is dead');
    }
    if (error instanceof PushProtocolError || error instanceof SessionClosedError) {
      return error;
    }
    const detail = error?.cause?.message ? `${error.message}: ${error.cause.message}` : String(error?.message ?? error);
    return new SessionClosedError(`${what}: ${detail}`, { cause: error });
  }

  /** Waits ms, or until close(). */
  #sleep(ms) {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.#wake = () => {
        clearTimeout(timer);
        resolve();
      };
    }).finally(() => {
      this.#wake = null;
    });
  }

  #notify(name, ...args) {
    const callback = this.#listener[name];
    if (!callback) {
      return;
    }
    try {
      callback(...args);
    } catch (e) {
      this.#logger.warn(`the ${name} callback failed: ${e}`);
    }
  }
}

/** Arms a timer while the client waits for bytes from the push stream. */
class SilenceWatch {
  #onSilence;
  #timer = null;
  fired = false;
  limitMs = 0;

  constructor(onSilence) {
    this.#onSilence = onSilence;
  }

  arm(limitMs) {
    this.disarm();
    this.limitMs = limitMs;
    if (Number.isFinite(limitMs)) {
      this.#timer = setTimeout(() => {
        this.fired = true;
        this.#onSilence();
      }, limitMs);
    }
  }

  disarm() {
    clearTimeout(this.#timer);
    this.#timer = null;
  }
}

function requireOrigin(url) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError(`url '${url}' is not a URL: give the push server's origin, e.g. http://127.0.0.1:7070`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new TypeError(`url '${url}' must be http: or https: (docs/PROTOCOL.md §10)`);
  }
  return parsed.origin;
}

function requirePositiveMs(name, value, optional) {
  if (optional && value === undefined) {
    return;
  }
  if (typeof value !== 'number' || !(value > 0)) {
    throw new RangeError(`${name} ${value} must be a positive number of milliseconds (Infinity: never)`);
  }
}

function requireTopics(topics) {
  const distinct = [...new Set(topics)];
  const bad = distinct.find((name) => !isValidTopicName(name));
  if (bad !== undefined) {
    throw new TypeError(`topic '${bad}' is invalid: use 1-128 characters of A-Z a-z 0-9 . _ : @ / -`);
  }
  if (distinct.length > MAX_TOPICS) {
    throw new RangeError(`${distinct.length} topics are more than the ${MAX_TOPICS} a push stream may have`);
  }
  return Object.freeze(distinct);
}

/** The start of a refusal's plain-text body, read without waiting for more than that. */
async function refusalText(response) {
  if (!response.body) {
    return '';
  }
  const reader = response.body.getReader();
  const bytes = [];
  let length = 0;
  try {
    while (length < REFUSAL_TEXT_BYTES) {
      const { done, value } = await reader.read();
      if (done) {
        break;
      }
      bytes.push(value);
      length += value.length;
    }
  } catch {
    // The reason is a courtesy; the status says what matters.
  } finally {
    reader.cancel().catch(() => {});
  }
  const all = new Uint8Array(length);
  let offset = 0;
  for (const part of bytes) {
    all.set(part, offset);
    offset += part.length;
  }
  return new TextDecoder().decode(all.subarray(0, REFUSAL_TEXT_BYTES)).trim();
}

function deferred() {
  let resolve;
  let reject;
  const promise = new Promise((yes, no) => {
    resolve = yes;
    reject = no;
  });
  // A rejection nobody waits for (connect() not awaited, or settled already) is not an error of its own.
  promise.catch(() => {});
  return { promise, resolve, reject };
}

/** Waits for the promise, or for ms, whichever comes first, leaving no timer behind. */
async function withTimeout(promise, ms) {
  let timer;
  await Promise.race([promise, new Promise((resolve) => {
    timer = setTimeout(resolve, ms);
  })]);
  clearTimeout(timer);
}
