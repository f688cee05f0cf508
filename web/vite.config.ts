import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

// The consoles: one page (console.html) for /editor and /admin, which the local server and
// CloudFront answer for every path under them; scripts under /console-assets/ named by content
// hash (served immutable). The editor and the admin pages are split chunks loaded on demand.
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [preact()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'console-assets',
    sourcemap: false,
    rollupOptions: { input: 'console.html' },
  },
});
