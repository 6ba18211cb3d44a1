// The server's event log holds its own frames, not what the user typed. To show a reloaded
// conversation whole, the page keeps its messages with the seq each followed, and puts each back
// before the first replayed frame after that seq.

const KEY = 'talknshop.sent';
const KEPT = 200;

export class SentMessages {
  /**
   * @param {{ get(key: string): string|null, set(key: string, value: string|null): void }} store
   * @param {string|null} sessionId the session the page starts with
   * @param {(text: string) => void} show puts a message back on screen
   */
  constructor(store, sessionId, show) {
    this.store = store;
    this.show = show;
    this.fromStorage = sessionId ? this.load(sessionId) : [];
    this.messages = [...this.fromStorage];
    this.waiting = [...this.fromStorage];
    this.replayEnd = null;
  }

  load(sessionId) {
    try {
      const saved = JSON.parse(this.store.get(KEY) ?? 'null');
      return saved && saved.session_id === sessionId && Array.isArray(saved.messages)
        ? saved.messages.filter((m) => m && typeof m.text === 'string' && Number.isFinite(m.after))
        : [];
    } catch {
      return [];
    }
  }

  save(sessionId) {
    this.store.set(KEY, sessionId ? JSON.stringify({ session_id: sessionId, messages: this.messages.slice(-KEPT) }) : null);
  }

  /** A message the user just sent, when the last frame shown had seq `after`. */
  add(sessionId, after, text) {
    this.flush();
    this.messages.push({ after, text });
    this.save(sessionId);
  }

  /** The session changed (null: forgotten); what was kept belongs to the old one. */
  reset(sessionId) {
    if (!sessionId) {
      this.messages = [];
      this.waiting = [];
      this.replayEnd = null;
    }
    this.save(sessionId);
  }

  /** The page's first `connected`: a resumed session replays up to `last_seq`. */
  begin(sessionId, data) {
    if (!data.resumed) {
      // A new session (or an expired one made afresh): nothing to put back.
      this.waiting = [];
      this.messages = this.messages.filter((m) => !this.fromStorage.includes(m));
      this.save(sessionId);
      return false;
    }
    if (typeof data.last_seq === 'number' && data.last_seq > 0) {
      this.replayEnd = data.last_seq;
      return true;
    }
    this.flush();
    return false;
  }

  /** Before a frame with a seq is shown: the messages that came before it. */
  before(seq) {
    while (this.waiting.length && this.waiting[0].after < seq) this.show(this.waiting.shift().text);
  }

  /** After a frame with a seq is shown: at the end of the replay, whatever is left. */
  after(seq) {
    if (this.replayEnd !== null && seq >= this.replayEnd) this.flush();
  }

  flush() {
    this.replayEnd = null;
    while (this.waiting.length) this.show(this.waiting.shift().text);
  }
}
