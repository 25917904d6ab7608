/**
 * A test peer playing the server side of docs/PROTOCOL.md §10 over HTTP/1.1 with node:http: the push
 * stream (GET /push, an endless chunked body of packets), acks (POST /ack) and business requests, both
 * bound to the session by push-session and authorization. Each test scripts what it answers.
 */
import http from 'node:http';
import { randomUUID } from 'node:crypto';

export class TestPeer {
  /** Every GET /push request's headers, in order, with `at`: when it came (ms since the epoch). */
  pushRequests = [];
  /** Every POST /ack request's headers. */
  acks = [];
  /** Every business request: { method, path, headers }. */
  requests = [];
  /** Answers for the next push streams, used up in order: { status, headers, body }; then 200. */
  refusals = [];
  /** Answers business requests: (request) => { status, headers, body }. */
  answer = () => ({ status: 404, headers: {}, body: 'no such resource' });
  #server;
  #sessions = new Map();
  #waiting = [];
  #streams = [];

  async start() {
    this.#server = http.createServer((req, res) => this.#handle(req, res));
    await new Promise((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${this.#server.address().port}`;
    return this;
  }

  async stop() {
    this.#server.closeAllConnections();
    await new Promise((resolve) => this.#server.close(resolve));
  }

  /** The n-th accepted push stream (0 for the first), once it is open: { id, send(bytes), cut(), end() }. */
  stream(n) {
    if (this.#streams[n]) {
      return Promise.resolve(this.#streams[n]);
    }
    return new Promise((resolve) => this.#waiting.push({ n, resolve }));
  }

  /** Forgets a session, as a restarted server has: its acks and requests get 409 from then on. */
  forget(sessionId) {
    this.#sessions.delete(sessionId);
  }

  /** How many push streams were accepted. */
  get accepted() {
    return this.#streams.length;
  }

  #handle(req, res) {
    const path = req.url;
    if (req.method === 'GET' && path === '/push') {
      this.#push(req, res);
    } else if (req.method === 'POST' && path === '/ack') {
      this.#ack(req, res);
    } else {
      this.#request(req, res);
    }
  }

  #push(req, res) {
    this.pushRequests.push({ ...req.headers, at: Date.now() });
    const refusal = this.refusals.shift();
    if (refusal) {
      res.writeHead(refusal.status, { 'content-type': 'text/plain; charset=utf-8', ...refusal.headers });
      res.end(refusal.body ?? '');
      return;
    }
    const id = randomUUID();
    const session = { id, clientId: req.headers['push-client'], authorization: req.headers.authorization };
    this.#sessions.set(id, session);
    res.writeHead(200, {
      'content-type': 'application/x-spdypush-packets', 'push-session': id, 'push-heartbeat': '60',
    });
    res.flushHeaders();
    const stream = {
      id,
      send: (bytes) => new Promise((resolve) => res.write(bytes, resolve)),
      cut: () => res.socket.destroy(),
      end: () => res.end(),
    };
    res.on('close', () => this.#sessions.delete(id));
    this.#streams.push(stream);
    for (const waiter of this.#waiting.filter((w) => w.n === this.#streams.length - 1)) {
      waiter.resolve(stream);
    }
  }

  /** The session a request is bound to by push-session and authorization, or null (the server says 409). */
  #bound(req) {
    const session = this.#sessions.get(req.headers['push-session']);
    return session && session.authorization === req.headers.authorization ? session : null;
  }

  #ack(req, res) {
    this.acks.push({ ...req.headers });
    if (!this.#bound(req)) {
      res.writeHead(409, { 'content-type': 'text/plain' }).end('unknown push-session');
      return;
    }
    res.writeHead(200, { 'push-ack': req.headers['push-ack'] }).end();
  }

  #request(req, res) {
    this.requests.push({ method: req.method, path: req.url, headers: { ...req.headers } });
    if (!this.#bound(req)) {
      res.writeHead(409, { 'content-type': 'text/plain' }).end('unknown push-session');
      return;
    }
    const { status, headers, body } = this.answer(req);
    res.writeHead(status, headers).end(body);
  }
}

/** Waits until check() is true, polling, or fails after timeoutMs. */
export async function until(check, what, timeoutMs = 3000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
