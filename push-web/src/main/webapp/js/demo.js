// The live demo page (demo.xhtml): the project's JavaScript client, served beside this file as push-client.js,
// connected with the token the page was rendered with. Shows each message as it arrives (the client acknowledges
// it once shown), and asks for the demo bundle to show its sub-resources.
import { PushClient } from './push-client.js';

const demo = document.getElementById('demo');
const status = document.getElementById('demo-status');
const messages = document.querySelector('#demo-messages tbody');
const ask = document.getElementById('demo-ask');

function cell(row, text) {
  const td = document.createElement('td');
  td.textContent = text;
  row.appendChild(td);
}

function show(message) {
  const row = document.createElement('tr');
  row.className = 'demo-message';
  cell(row, String(message.seq));
  cell(row, message.id ?? '');
  cell(row, message.contentType ?? '');
  cell(row, message.text());
  cell(row, message.redelivered ? 'yes' : 'no');
  messages.appendChild(row);
}

const client = new PushClient({
  url: demo.dataset.url,
  clientId: demo.dataset.clientId,
  token: demo.dataset.token,
  onMessage: show,
  onConnected: (session) => {
    status.textContent = `connected, session ${session.id}`;
    ask.disabled = false;
  },
  onDisconnected: (reason) => {
    status.textContent = `disconnected (${reason.message}); reconnecting`;
    ask.disabled = true;
  },
  onReconnecting: (attempt, delayMs, cause) => {
    status.textContent = `reconnecting in ${Math.round(delayMs / 1000)} s (attempt ${attempt}): ${cause.message}`;
  },
  onRefused: (refusal) => {
    status.textContent = `refused: ${refusal.status} ${refusal.message}`;
  },
});

ask.addEventListener('click', async () => {
  const reply = await client.request('/demo/index.html');
  document.getElementById('demo-reply').textContent = `${reply.status}, ${reply.subresources.length} sub-resources`;
  const list = document.getElementById('demo-subresources');
  list.replaceChildren(...reply.subresources.map((path) => {
    const item = document.createElement('li');
    item.className = 'demo-subresource';
    item.textContent = path;
    return item;
  }));
});

client.connect().catch((error) => {
  // A browser hides the push port's answers from a page of an origin it does not allow: fetch fails outright.
  status.textContent = error instanceof TypeError
    ? `cannot reach ${demo.dataset.url}: is ${demo.dataset.origin} in allowedOrigins? (${error.message})`
    : `failed: ${error.message}`;
});
