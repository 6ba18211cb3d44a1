// How one turn looks: thinking indicator, progress steps, the streamed answer, product cards,
// a clarifying question with suggestion buttons, errors. One TurnView per turn_id.
import { h, text } from './dom.js';
import { productList, marketplaceName } from './products.js';

let stepListCount = 0;

export class TurnView {
  /** @param {(suggestion: string) => void} onSuggestion */
  constructor(onSuggestion) {
    this.onSuggestion = onSuggestion;
    this.thinking = h('p', { class: 'thinking', hidden: true },
      h('span', { class: 'spinner', 'aria-hidden': 'true' }), h('span', { class: 'thinking-text' }, 'Thinking…'));
    this.steps = h('ol', { class: 'steps', id: `steps-${++stepListCount}`, 'aria-label': 'Progress' });
    this.answer = h('p', { class: 'answer', hidden: true });
    this.extras = h('div', { class: 'extras' });
    this.element = h('article', { class: 'turn assistant', 'aria-label': 'Assistant' },
      this.thinking, this.steps, this.answer, this.extras);
    this.answerDone = true;
  }

  showThinking(message) {
    this.thinking.hidden = false;
    this.thinking.querySelector('.thinking-text').textContent = text(message) || 'Thinking…';
    this.element.setAttribute('aria-busy', 'true');
  }

  addStep(message) {
    const label = text(message);
    if (!label) return;
    for (const step of this.steps.children) step.classList.replace('active', 'complete');
    this.steps.append(h('li', { class: 'step active' }, label));
  }

  appendToken(content, isComplete) {
    if (this.answerDone) {
      // A new answer after a finished one (or the first): start afresh.
      this.answer.textContent = '';
      this.answerDone = false;
    }
    this.answer.hidden = false;
    this.answer.classList.add('streaming');
    if (content) this.answer.append(document.createTextNode(text(content)));
    if (isComplete) this.finishAnswer();
  }

  finishAnswer() {
    this.answerDone = true;
    this.answer.classList.remove('streaming');
  }

  showResults(data) {
    const products = Array.isArray(data.products) ? data.products : [];
    if (this.answer.hidden && text(data.final_response)) {
      this.answer.hidden = false;
      this.answer.textContent = data.final_response;
      this.answerDone = true;
    }
    if (products.length === 0) {
      this.extras.append(h('p', { class: 'note' }, 'No products matched. Try a wider budget or fewer requirements.'));
      return;
    }
    const total = Number.isInteger(data.total_count) ? data.total_count : products.length;
    const searched = Array.isArray(data.marketplaces_searched) ? data.marketplaces_searched.filter((m) => typeof m === 'string').map(marketplaceName) : [];
    this.extras.append(
      h('p', { class: 'note' }, `Showing ${products.length} of ${total} matches${searched.length ? ` from ${searched.join(', ')}` : ''}.`),
      productList(products));
  }

  showClarification(data) {
    const suggestions = Array.isArray(data.suggestions) ? data.suggestions.filter((s) => typeof s === 'string' && s.trim()) : [];
    const question = h('div', { class: 'clarification' },
      h('p', { class: 'question' }, text(data.question) || 'Could you tell me more?'));
    if (suggestions.length) {
      const group = h('div', { class: 'suggestions', role: 'group', 'aria-label': 'Suggested answers' });
      for (const suggestion of suggestions) {
        const button = h('button', { class: 'button suggestion', type: 'button' }, suggestion);
        button.addEventListener('click', () => {
          for (const other of group.querySelectorAll('button')) other.disabled = true;
          button.classList.add('chosen');
          this.onSuggestion(suggestion);
        });
        group.append(button);
      }
      question.append(group);
    }
    this.extras.append(question);
    this.settle();
  }

  showError(message) {
    this.extras.append(h('p', { class: 'error' }, text(message) || 'Something went wrong.'));
    this.settle();
  }

  /** The turn ended (done, clarification or error): stop the busy indicators. */
  settle(status) {
    this.thinking.hidden = true;
    this.finishAnswer();
    for (const step of this.steps.children) step.classList.replace('active', 'complete');
    this.element.removeAttribute('aria-busy');
    this.foldSteps();
    if (status === 'cancelled') this.extras.append(h('p', { class: 'note' }, 'Stopped.'));
  }

  /** A finished turn keeps its steps behind a toggle, so the answer and the cards come first. */
  foldSteps() {
    const count = this.steps.children.length;
    if (count === 0 || this.stepsToggle) return;
    const label = `${count} ${count === 1 ? 'step' : 'steps'}`;
    this.stepsToggle = h('button', { class: 'steps-toggle', type: 'button', 'aria-expanded': 'false', 'aria-controls': this.steps.id },
      `Show ${label}`);
    this.stepsToggle.addEventListener('click', () => {
      const open = this.steps.hidden;
      this.steps.hidden = !open;
      this.stepsToggle.setAttribute('aria-expanded', String(open));
      this.stepsToggle.textContent = `${open ? 'Hide' : 'Show'} ${label}`;
    });
    this.steps.hidden = true;
    this.steps.before(this.stepsToggle);
  }
}

export function userBubble(message) {
  return h('article', { class: 'turn user', 'aria-label': 'You' }, h('p', {}, message));
}

export function notice(message, kind = 'note') {
  return h('p', { class: `notice ${kind}` }, message);
}
