// A single-page app: the server sends build/index.html for every screen and the browser renders it.
export const ssr = false;
export const prerender = false;
