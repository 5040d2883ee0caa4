// Bundled in place of zod's locales index (see esbuild.config.mjs): zod's `locales`
// namespace pulls in every language, about 260 KB that every cold start would parse. The
// English messages zod configures by default are kept; opsdeck uses no other locale.
export { default as en } from 'zod/v4/locales/en.js';
