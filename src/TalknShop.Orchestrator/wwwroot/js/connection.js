// The socket to /ws/chat: one session, reconnects with backoff and resumes with last_seq so the
// conversation carries on; frames already seen (replay can overlap) are dropped here.

const BACKOFF_MS = [500, 1000, 2000, 4000, 8000, 15000];
const OFFLINE_AFTER_FAILURES = 3;
// A socket whose network vanished can look open for minutes: ping now and then, and give up on
// one that has said nothing for a while (the server answers every ping).
const CLIENT_PING_MS = 20000;
const SILENCE_LIMIT_MS = 45000;

/** @typedef {'connecting'|'connected'|'reconnecting'|'offline'} ConnectionState */

export class ChatConnection {
  /**
   * @param {{ userId: string, sessionId: string|null,
   *           onFrame: (frame: any) => void,
   *           onState: (state: ConnectionState, detail: string) => void,
   *           onSession: (sessionId: string|null) => void }} options
   */
  constructor({ userId, sessionId, onFrame, onState, onSession }) {
    this.userId = userId;
    this.sessionId = sessionId;
    /**
     * Highest seq shown. A page that knows its session starts at 0 so the server replays the
     * whole conversation; a new one learns where the log stands from `connected`.
     */
    this.lastSeq = sessionId ? 0 : null;
    this.socket = null;
    this.state = 'connecting';
    this.onFrame = onFrame;
    this.onState = onState;
    this.onSession = onSession;
    this.failures = 0;
    this.everConnected = false;
    this.retryTimer = 0;
    this.watchdog = 0;
    this.lastHeard = 0;
    this.stopped = false;
    /** Messages not yet acknowledged by a `thinking`; resent after a reconnect (the server dedupes by id). */
    this.pending = [];
    window.addEventListener('online', () => { if (this.state === 'offline' && !this.stopped) this.connectNow(); });
    window.addEventListener('offline', () => this.setState('offline', 'Your device is offline.'));
  }

  start() {
    this.stopped = false;
    this.open();
  }

  /** Forgets the session and opens a new one. */
  restart() {
    this.closeQuietly();
    this.sessionId = null;
    this.lastSeq = null;
    this.pending = [];
    this.everConnected = false;
    this.failures = 0;
    this.onSession(null);
    this.start();
  }

  connectNow() {
    clearTimeout(this.retryTimer);
    this.failures = 0;
    this.stopped = false;
    this.open();
  }

  /** Queues a user message; it goes out now when connected, else on the next connect. */
  send(text) {
    const message = { type: 'message', message: text, client_message_id: randomId('msg') };
    this.pending.push(message);
    // Before `connected` the server may still be replaying; connected() sends what is pending.
    if (this.state === 'connected') this.write(message);
    return message.client_message_id;
  }

  write(message) {
    if (this.socket && this.socket.readyState === WebSocket.OPEN) {
      this.socket.send(JSON.stringify(message));
      return true;
    }
    return false;
  }

  open() {
    this.closeQuietly();
    this.setState(this.everConnected ? 'reconnecting' : 'connecting', '');
    const url = new URL('/ws/chat', window.location.href);
    url.protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('user_id', this.userId);
    if (this.sessionId) url.searchParams.set('session_id', this.sessionId);
    if (this.sessionId && this.lastSeq !== null) url.searchParams.set('last_seq', String(this.lastSeq));

    const socket = new WebSocket(url);
    this.socket = socket;
    socket.addEventListener('message', (event) => this.receive(socket, event));
    socket.addEventListener('close', (event) => this.closed(socket, event));
  }

  receive(socket, event) {
    if (socket !== this.socket || typeof event.data !== 'string') return;
    this.lastHeard = Date.now();
    let frame;
    try {
      frame = JSON.parse(event.data);
    } catch {
      return;
    }
    if (!frame || typeof frame.type !== 'string') return;

    if (frame.type === 'ping') {
      this.write({ type: 'pong' });
      return;
    }
    if (frame.type === 'connected') {
      this.connected(frame.data ?? {});
    } else if (typeof frame.seq === 'number') {
      if (this.lastSeq !== null && frame.seq <= this.lastSeq) return;
      this.lastSeq = frame.seq;
    }
    if (frame.type === 'thinking') this.pending.shift();
    if (frame.type === 'error' && frame.data?.code === 'session_taken_over') this.stopped = true;
    this.onFrame(frame);
  }

  connected(data) {
    if (typeof data.session_id === 'string' && data.session_id !== this.sessionId) {
      this.sessionId = data.session_id;
      this.onSession(this.sessionId);
    }
    // Without last_seq in the URL nothing is replayed: start counting from where the log stands.
    if (this.lastSeq === null && typeof data.last_seq === 'number') this.lastSeq = data.last_seq;
    this.everConnected = true;
    this.failures = 0;
    clearInterval(this.watchdog);
    this.watchdog = setInterval(() => this.checkAlive(), CLIENT_PING_MS);
    this.setState('connected', '');
    for (const message of this.pending) this.write(message);
  }

  checkAlive() {
    const socket = this.socket;
    if (!socket) return;
    if (Date.now() - this.lastHeard > SILENCE_LIMIT_MS) {
      // Waiting for the close handshake of a dead socket could take minutes: drop it and go on.
      this.socket = null;
      socket.close(4000, 'silent');
      this.closed(null, { code: 4000, reason: 'silent' });
      return;
    }
    this.write({ type: 'ping' });
  }

  closed(socket, event) {
    if (socket !== this.socket) return;
    clearInterval(this.watchdog);
    this.socket = null;
    if (this.stopped) {
      this.setState('offline', 'This conversation was opened somewhere else.');
      return;
    }
    if (event.code === 1008 && (event.reason === 'session_unavailable' || event.reason === 'invalid_session_id')) {
      // The session expired or belongs to someone else: carry on in a fresh one.
      this.sessionId = null;
      this.lastSeq = null;
      this.onSession(null);
    }
    this.failures += 1;
    const delay = BACKOFF_MS[Math.min(this.failures - 1, BACKOFF_MS.length - 1)];
    const wait = Math.round(delay * (0.8 + Math.random() * 0.4));
    if (!navigator.onLine) {
      this.setState('offline', 'Your device is offline.');
    } else if (this.failures >= OFFLINE_AFTER_FAILURES) {
      this.setState('offline', `Retrying in ${Math.ceil(wait / 1000)} s…`);
    } else {
      this.setState('reconnecting', '');
    }
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.open(), wait);
  }

  closeQuietly() {
    clearTimeout(this.retryTimer);
    clearInterval(this.watchdog);
    const socket = this.socket;
    this.socket = null;
    if (socket && socket.readyState <= WebSocket.OPEN) socket.close(1000, 'client_closed');
  }

  setState(state, detail) {
    this.state = state;
    this.onState(state, detail);
  }
}

export function randomId(prefix) {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return prefix + '_' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
