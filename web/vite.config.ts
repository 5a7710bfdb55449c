import { defineConfig } from 'vite';

// The workbench is served by `mimeo serve` from web/dist; JSX is Preact's.
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 1200 },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
});
