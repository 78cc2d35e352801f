import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Two builds. `vite build` is production: `dist/`, what `npm start` serves.
 * `vite build --mode test` adds the window probes end-to-end tests read
 * (`src/probes/`) and goes to `dist-test/`, so a test build can never be
 * served by mistake. The flag comes from the mode alone, not the
 * environment, so no stray variable can put probes into `dist/`.
 */
export default defineConfig(({ mode }) => {
  const testBuild = mode === 'test';
  return {
    plugins: [react()],
    define: {
      'import.meta.env.VITE_MAJLIS_TEST_PROBES': JSON.stringify(testBuild ? '1' : '0'),
    },
    build: {
      outDir: testBuild ? 'dist-test' : 'dist',
      emptyOutDir: true,
      // Maps only for the test build: production would publish the sources, probes' branches included.
      sourcemap: testBuild,
      // `.vite/manifest.json`: which chunks each page loads, read by the bundle budget check.
      manifest: true,
      rolldownOptions: {
        output: {
          codeSplitting: {
            // LiveKit in a chunk of its own, named, so the budget check can see which pages load it.
            groups: [{ name: 'livekit', test: /[\\/]node_modules[\\/].*livekit-client[\\/]/ }],
          },
        },
      },
    },
    server: {
      proxy: { '/api': 'http://127.0.0.1:8080', '/readyz': 'http://127.0.0.1:8080' },
    },
  };
});
