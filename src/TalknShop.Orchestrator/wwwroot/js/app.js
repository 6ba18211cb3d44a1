// Wires the page together: the connection, the transcript and the composer.
import { ChatConnection, randomId } from './connection.js';
import { TurnView, userBubble, notice } from './turns.js';
import { h } from './dom.js';
import { SentMessages } from './history.js';

const SESSION_KEY = 'talknshop.session_id';
const USER_KEY = 'talknshop.user_id';
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

const sentMessages = new SentMessages({ get: (key) => storage(key), set: (key, value) => storage(key, value) }, storedSession, showUserMessage);
let firstConnect = true;

const connection = new ChatConnection({
  userId,
  sessionId: storedSession,
  onFrame: handleFrame,
  onState: showState,
  onSession: (id) => {
    storage(SESSION_KEY, id);
    sentMessages.reset(id);
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

function handleFrame(frame) {
  const data = frame.data && typeof frame.data === 'object' ? frame.data : {};
  const stick = transcript.scrollHeight - transcript.scrollTop - transcript.clientHeight < 120;
  const seq = typeof frame.seq === 'number' ? frame.seq : null;
  if (seq !== null) sentMessages.before(seq);
  switch (frame.type) {
    case 'connected':
      if (firstConnect && sentMessages.begin(connection.sessionId, data)) {
        append(notice('Welcome back. Here is your conversation so far.'));
      }
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
  if (seq !== null) sentMessages.after(seq);
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
  sentMessages.add(connection.sessionId, connection.lastSeq ?? 0, trimmed);
  showUserMessage(trimmed);
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
