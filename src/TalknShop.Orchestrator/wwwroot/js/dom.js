// Tiny element builder. Server text only ever lands in text nodes and checked attributes,
// never in innerHTML.

/**
 * @param {string} tag
 * @param {Record<string, string|boolean|undefined|null>} [attributes]
 * @param {...(Node|string|null|undefined|false)} children
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') element.className = String(value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return element;
}

/** The URL when it is http(s), else null: a server-provided `javascript:` link must never be clickable. */
export function safeUrl(value) {
  if (typeof value !== 'string' || value.length === 0) return null;
  try {
    const url = new URL(value, window.location.href);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

export function text(value) {
  return typeof value === 'string' ? value : '';
}
