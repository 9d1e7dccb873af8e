// Build for the four bundles: Electron main, the core host (Electron utilityProcess and the web host),
// the sandboxed preload, and the React renderer. Shared chunks hold only src/shared code; the lint layer rules keep
// `electron` out of core, so the core entries never load it.
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve('src/main/index.ts'),
          'core-host': resolve('src/core/host/utility-entry.ts'),
          'web-host': resolve('src/core/host/web-entry.ts'),
          // The reference backend, run by the hosts as the embedded demo backend (and by tests and benches).
          'server-host': resolve('src/server/main.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot be an ES module: emit CommonJS.
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    plugins: [react()],
    build: {
      minify: true,
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } },
    },
  },
});
