import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { gcdsPerComponent } from './build/gcds-per-component';
import { gcdsSelfHostedFonts } from './build/gcds-self-hosted-fonts';
import { FAVICON } from '../../libs/communiques/src/gc-identity';

const root = fileURLToPath(new URL('.', import.meta.url));
const api = process.env.FORUM_API_URL ?? 'http://127.0.0.1:3000';

// The API serves the built files on its own port; in development Vite proxies everything that is not the app to it.
export default defineConfig({
  root,
  plugins: [
    gcdsPerComponent(),
    gcdsSelfHostedFonts(),
    react(),
    // the flag, as the public portal shows it: otherwise every first visit asks for a /favicon.ico there is not
    { name: 'gc-favicon', transformIndexHtml: () => [{ tag: 'link', attrs: { rel: 'icon', type: 'image/svg+xml', href: FAVICON }, injectTo: 'head' }] },
  ],
  // "Date modified" of the pages that show no single record: the day this build was made
  define: { 'import.meta.env.VITE_BUILD_DATE': JSON.stringify(new Date().toISOString().slice(0, 10)) },
  resolve: {
    alias: { '@forum/contracts': fileURLToPath(new URL('../../libs/contracts/src/index.ts', import.meta.url)) },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 2000,
    // Everything the first page needs in one script: by default each module shared with a lazy page becomes a chunk
    // of its own, and the sign-in page asked for seven scripts, each a round trip on a slow phone (and compressed
    // apart, 5 KB more). Lazy pages still split by what they alone use.
    rolldownOptions: { output: { codeSplitting: { groups: [{ name: 'initial', tags: ['$initial'] }] } } },
  },
  server: {
    port: 4200,
    proxy: {
      '/api': api,
      '/socket.io': { target: api, ws: true },
      '^/(en|fr)/communiques': api,
    },
  },
});
