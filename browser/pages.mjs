// The pages check.mjs opens: one entry per page type, in Dutch and (for most) in English.
//
// Each entry: { name, path, status } plus optionally
//   redirectsTo: a RegExp the final path must match (the page answers with a redirect first),
//   error:       set instead of path when the page could not be resolved (reported as a failure).
// `name` is used in the report and for screenshot files (<name>-375.png, <name>-1280.png).

/** Pages whose address does not depend on ids in the database. */
export const pages = [
  { name: 'home', path: '/', status: 200 },
  { name: 'home-en', path: '/?lang=en', status: 200 },
  { name: 'results', path: '/zoeken?q=schulden', status: 200 },
  { name: 'results-en', path: '/zoeken?q=schulden&lang=en', status: 200 },
  { name: 'results-zero', path: '/zoeken?q=xyzzyqqq', status: 200 },
  { name: 'results-zero-en', path: '/zoeken?q=xyzzyqqq&lang=en', status: 200 },
  // The page's one location field is `waar` (postcode or place name); it becomes `postcode` for the API.
  { name: 'results-postcode', path: '/zoeken?q=hulp&waar=2171', status: 200 },
  { name: 'themes', path: '/themas', status: 200 },
  { name: 'themes-en', path: '/themas?lang=en', status: 200 },
  { name: 'theme', path: '/themas/geld-en-schulden', status: 200 },
  { name: 'theme-en', path: '/themas/geld-en-schulden?lang=en', status: 200 },
  { name: 'my-list-empty', path: '/mijn-lijst', status: 200 },
  { name: 'api', path: '/api', status: 200 },
  { name: 'api-en', path: '/api?lang=en', status: 200 },
  { name: 'not-found', path: '/diensten/00000000-0000-0000-0000-000000000000', status: 404 },
  { name: 'not-found-en', path: '/diensten/00000000-0000-0000-0000-000000000000?lang=en', status: 404 },
];

let sampleCache = null;

/**
 * A few real ids from the running site: `services` (up to five `{ id, url }`) and
 * `organisation` (an id). Asked once per run from `/api/search?q=&per_page=5`.
 */
export async function sampleIds(baseUrl) {
  if (!sampleCache) {
    sampleCache = (async () => {
      const url = new URL('/api/search?q=&per_page=5', baseUrl);
      const response = await fetch(url);
      if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
      const body = await response.json();
      const results = Array.isArray(body.results) ? body.results : [];
      if (results.length < 2) throw new Error(`GET ${url} gave ${results.length} results; need at least 2 (is there demo data?)`);
      const services = results.map((r) => ({ id: r.id, url: r.url }));
      const organisation = results.map((r) => r.organisation && r.organisation.id).find(Boolean);
      if (!organisation) throw new Error(`GET ${url}: no result has organisation.id`);
      return { services, organisation };
    })();
  }
  return sampleCache;
}

/** Every page to check: the fixed ones plus those that need an id from the database. */
export async function resolvePages(baseUrl) {
  let ids;
  try {
    ids = await sampleIds(baseUrl);
  } catch (error) {
    return [...pages, { name: 'service and related pages', error: `could not find ids to test with: ${error.message}` }];
  }
  const [a, b] = ids.services;
  const org = ids.organisation;
  return [
    ...pages,
    { name: 'service', path: `/diensten/${a.id}`, status: 200, redirectsTo: new RegExp(`^/diensten/${a.id}/[^/]+$`) },
    { name: 'service-en', path: `/diensten/${a.id}?lang=en`, status: 200, redirectsTo: new RegExp(`^/diensten/${a.id}/[^/]+$`) },
    { name: 'organisation', path: `/organisaties/${org}`, status: 200, redirectsTo: new RegExp(`^/organisaties/${org}/[^/]+$`) },
    { name: 'organisation-en', path: `/organisaties/${org}?lang=en`, status: 200, redirectsTo: new RegExp(`^/organisaties/${org}/[^/]+$`) },
    { name: 'compare', path: `/vergelijken?id=${a.id}&id=${b.id}`, status: 200 },
    { name: 'compare-en', path: `/vergelijken?id=${a.id}&id=${b.id}&lang=en`, status: 200 },
    { name: 'my-list', path: `/mijn-lijst?id=${a.id}&id=${b.id}`, status: 200 },
    { name: 'my-list-en', path: `/mijn-lijst?id=${a.id}&id=${b.id}&lang=en`, status: 200 },
    { name: 'report-error', path: `/diensten/${a.id}/fout-melden`, status: 200 },
    { name: 'report-error-en', path: `/diensten/${a.id}/fout-melden?lang=en`, status: 200 },
  ];
}
