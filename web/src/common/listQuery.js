// A list page's filters in the URL query: the text filters, the page and the page size. Defaults stay out of
// the URL, so that a plain link and the list as first shown have the same address.

export const PAGE_SIZES = [10, 20, 50, 100];
const DEFAULT_PAGE_SIZE = 20;

function text(value) {
  return typeof value === 'string' ? value : '';
}

// Route query → {each key's text ('' when absent), page, page_size}.
export function readListQuery(query, keys) {
  const filters = {};
  for (const key of keys) filters[key] = text(query[key]);
  filters.page = Math.max(1, Number.parseInt(text(query.page), 10) || 1);
  const size = Number.parseInt(text(query.page_size), 10);
  filters.page_size = PAGE_SIZES.includes(size) ? size : DEFAULT_PAGE_SIZE;
  return filters;
}

// Adds the page and page size to a route query, unless they are the defaults.
export function withPaging(query, filters) {
  if (filters.page > 1) query.page = String(filters.page);
  if (filters.page_size !== DEFAULT_PAGE_SIZE) query.page_size = String(filters.page_size);
  return query;
}
