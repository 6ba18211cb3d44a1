// Product cards from results.products.
import { h, safeUrl, text } from './dom.js';

const MARKETPLACES = { amazon: 'Amazon', walmart: 'Walmart', ebay: 'eBay', bestbuy: 'Best Buy', target: 'Target' };

export function formatPrice(price, currency) {
  if (typeof price !== 'number' || !Number.isFinite(price)) return 'Price not listed';
  const code = typeof currency === 'string' && /^[A-Za-z]{3}$/.test(currency) ? currency.toUpperCase() : 'USD';
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency: code }).format(price);
  } catch {
    return `${price.toFixed(2)} ${code}`;
  }
}

export function marketplaceName(value) {
  const key = text(value).toLowerCase();
  return MARKETPLACES[key] ?? text(value);
}

function rating(product) {
  const count = Number.isInteger(product.review_count) ? product.review_count : 0;
  const reviews = `${count.toLocaleString()} ${count === 1 ? 'review' : 'reviews'}`;
  if (typeof product.rating !== 'number') {
    return h('p', { class: 'card-rating' }, count > 0 ? reviews : 'No ratings yet');
  }
  const stars = Math.max(0, Math.min(5, product.rating));
  return h('p', { class: 'card-rating' },
    h('span', { class: 'star', 'aria-hidden': 'true' }, '★ '),
    h('span', {}, `${stars.toFixed(1)}`),
    h('span', { class: 'visually-hidden' }, ' out of 5'),
    h('span', { class: 'muted' }, ` · ${reviews}`));
}

function media(product) {
  const box = h('div', { class: 'card-media', 'aria-hidden': 'true' });
  const src = safeUrl(product.image_url);
  if (src) {
    const img = h('img', { src, alt: '', loading: 'lazy', decoding: 'async', referrerpolicy: 'no-referrer' });
    // The placeholder under it stays visible when the image can't load (no network, dead link).
    img.addEventListener('error', () => img.remove(), { once: true });
    img.addEventListener('load', () => box.classList.add('loaded'), { once: true });
    box.append(img);
  }
  return box;
}

export function productCard(product) {
  const title = text(product.title) || 'Untitled product';
  const link = safeUrl(product.deep_link) ?? safeUrl(product.marketplace_url);
  const market = marketplaceName(product.marketplace);
  const why = text(product.why_ranked);
  return h('li', { class: 'card' },
    h('article', { class: 'card-inner' },
      media(product),
      h('div', { class: 'card-body' },
        h('h3', { class: 'card-title' }, title),
        h('p', { class: 'card-price' }, formatPrice(product.price, product.currency)),
        rating(product),
        market && h('p', { class: 'card-market' }, market),
        why && h('p', { class: 'card-why' }, why),
        link && h('a', { class: 'card-link', href: link, target: '_blank', rel: 'noopener noreferrer' },
          market ? `View on ${market}` : 'View product',
          h('span', { class: 'visually-hidden' }, `: ${title} (opens in a new tab)`)))));
}

export function productList(products) {
  const list = h('ul', { class: 'cards', 'aria-label': 'Products' });
  for (const product of products) {
    if (product && typeof product === 'object') list.append(productCard(product));
  }
  return list;
}
