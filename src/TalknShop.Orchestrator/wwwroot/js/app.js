// Wires the page together: the connection, the transcript and the composer.
import { ChatConnection, randomId } from './connection.js';
import { TurnView, userBubble, notice } from './turns.js';
import { h } from './dom.js';

const SESSION_KEY = 'talknshop.session_id';
const USER_KEY = 'talknshop.user_id';
const SENT_KEY = 'talknshop.sent';
const SENT_KEPT = 200;
// Frames about a single client frame (a resend the server already has, say) mean nothing to people.
const SILENT_ERRORS = new Set(['duplicate_message']);

const STATE_TEXT = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
};

const $ = (id) => document.getElementById(id);
const log = $('log');
const transcript = $('transcript');
const form = $('composer');
const input = $('message');
const status = $('connection');
const statusText = $('connection-text');

/** @type {Map<string, TurnView>} */
const turns = new Map();
let currentTurn = null;

function storage(key, value) {
  try {
    if (value === undefined) return window.localStorage.getItem(key);
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, value);
  } catch {
    // Private windows may refuse storage; the page still works for this tab.
  }
  return null;
}

const userId = storage(USER_KEY) ?? (() => { const id = randomId('web'); storage(USER_KEY, id); return id; })();
const storedSession = storage(SESSION_KEY);

// The server's event log holds its own frames, not what the user typed. To show a reloaded
// conversation whole, the page keeps its messages with the seq they followed, and puts each back
// before the first replayed frame after that seq.
const stored = storedSession ? loadSent(storedSession) : [];
let sent = [...stored];
let restoring = [...stored];
let replayEnd = null;
let firstConnect = true;

function loadSent(sessionId) {
  try {
    const saved = JSON.parse(storage(SENT_KEY) ?? 'null');
    return saved && saved.session_id === sessionId && Array.isArray(saved.messages) ? saved.messages : [];
  } catch {
    return [];
  }
}

function saveSent() {
  if (connection.sessionId) storage(SENT_KEY, JSON.stringify({ session_id: connection.sessionId, messages: sent.slice(-SENT_KEPT) }));
  else storage(SENT_KEY, null);
}

const connection = new ChatConnection({
  userId,
  sessionId: storedSession,
  onFrame: handleFrame,
  onState: showState,
  onSession: (id) => {
    storage(SESSION_KEY, id);
    if (!id) sent = [];
    saveSent();
  },
});

function showState(state, detail) {
  status.dataset.state = state;
  statusText.textContent = detail ? `${STATE_TEXT[state]} · ${detail}` : STATE_TEXT[state];
  let retry = status.querySelector('button');
  if (state === 'offline' && !retry) {
    retry = h('button', { class: 'button button-link', type: 'button' }, 'Retry now');
    retry.addEventListener('click', () => connection.connectNow());
    status.append(retry);
  } else if (state !== 'offline' && retry) {
    retry.remove();
  }
}

function append(node) {
  $('welcome')?.remove();
  const nearBottom = transcript.scrollHeight - transcript.scrollTop - transcript.clientHeight < 120;
  log.append(node);
  if (nearBottom) scrollToEnd();
}

function scrollToEnd() {
  transcript.scrollTop = transcript.scrollHeight;
}

function turnFor(frame) {
  const id = typeof frame.turn_id === 'string' ? frame.turn_id : null;
  if (id && turns.has(id)) return turns.get(id);
  if (!id && currentTurn) return currentTurn;
  const view = new TurnView(sendText);
  if (id) turns.set(id, view);
  currentTurn = view;
  append(view.element);
  return view;
}

function restoreUntil(seq) {
  while (restoring.length && (seq === Infinity || !(restoring[0].after >= seq))) showUserMessage(restoring.shift().text);
}

function connectedFirst(data) {
  replayEnd = null;
  if (!data.resumed) {
    // A new session (or an expired one made afresh): nothing to put back.
    restoring = [];
    sent = sent.filter((message) => !stored.includes(message));
    saveSent();
    return;
  }
  if (typeof data.last_seq === 'number' && data.last_seq > 0) {
    append(notice('Welcome back. Here is your conversation so far.'));
    replayEnd = data.last_seq;
  } else {
    restoreUntil(Infinity);
  }
}

function handleFrame(frame) {
  const data = frame.data && typeof frame.data === 'object' ? frame.data : {};
  const stick = transcript.scrollHeight - transcript.scrollTop - transcript.clientHeight < 120;
  const seq = typeof frame.seq === 'number' ? frame.seq : null;
  if (seq !== null && restoring.length) restoreUntil(seq);
  switch (frame.type) {
    case 'connected':
      if (firstConnect) connectedFirst(data);
      firstConnect = false;
      break;
    case 'thinking':
      turnFor(frame).showThinking(data.message);
      break;
    case 'progress':
      turnFor(frame).addStep(data.message);
      break;
    case 'token':
      turnFor(frame).appendToken(data.content, data.is_complete === true);
      break;
    case 'results':
      turnFor(frame).showResults(data);
      break;
    case 'clarification':
      turnFor(frame).showClarification(data);
      break;
    case 'done':
      turnFor(frame).settle(data.status);
      currentTurn = null;
      break;
    case 'error':
      if (SILENT_ERRORS.has(data.code)) break;
      if (frame.turn_id) turnFor(frame).showError(data.error);
      else append(notice(typeof data.error === 'string' ? data.error : 'Something went wrong.', 'error'));
      break;
    default:
      break;
  }
  if (replayEnd !== null && seq !== null && seq >= replayEnd) {
    replayEnd = null;
    restoreUntil(Infinity);
  }
  if (stick) scrollToEnd();
}

function showUserMessage(text) {
  for (const button of log.querySelectorAll('.suggestions button')) button.disabled = true;
  append(userBubble(text));
  currentTurn = null;
}

function sendText(message) {
  const trimmed = message.trim();
  if (!trimmed) return;
  restoreUntil(Infinity);
  showUserMessage(trimmed);
  sent.push({ after: connection.lastSeq ?? 0, text: trimmed });
  saveSent();
  connection.send(trimmed);
  scrollToEnd();
  input.focus();
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const value = input.value;
  input.value = '';
  autosize();
  sendText(value);
});

input.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    form.requestSubmit();
  }
});

function autosize() {
  input.style.height = 'auto';
  input.style.height = `${Math.min(input.scrollHeight, 160)}px`;
}
input.addEventListener('input', autosize);

$('new-conversation').addEventListener('click', () => {
  turns.clear();
  currentTurn = null;
  restoring = [];
  replayEnd = null;
  log.replaceChildren(notice('New conversation started.'));
  connection.restart();
  input.focus();
});

// For tests and debugging in the console: what the page believes, read-only.
Object.defineProperty(window, '__chat', {
  value: Object.freeze({
    get sessionId() { return connection.sessionId; },
    get lastSeq() { return connection.lastSeq; },
    get state() { return connection.state; },
    get socket() { return connection.socket; },
  }),
});

connection.start();
input.focus();
