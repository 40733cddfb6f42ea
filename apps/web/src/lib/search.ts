/**
 * The longest search text the server takes (`q` ≤ 200 in the catalogue,
 * trading and portal query schemas). Boxes stop there; a longer one in a
 * pasted or old link is cut rather than refused with a 400.
 */
export const SEARCH_MAX = 200;

/** The `q` of a list page's address, trimmed and cut to what the server takes. */
export const searchText = (params: URLSearchParams) => (params.get('q') ?? '').trim().slice(0, SEARCH_MAX);
