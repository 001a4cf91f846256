import { fileURLToPath, URL } from 'node:url'
import vue from '@vitejs/plugin-vue'
import AutoImport from 'unplugin-auto-import/vite'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'
import { defineConfig } from 'vitest/config'

// `npm run dev` and `npm run preview` talk to the gateway, which routes to the api.
const backend = process.env.VITE_BACKEND_URL ?? 'http://localhost:8080'

export default defineConfig({
  base: '/admin/',
  plugins: [
    vue(),
    // Per-component imports (with their CSS) keep Element Plus out of the bundle except what we use.
    AutoImport({ resolvers: [ElementPlusResolver()], dts: 'src/auto-imports.d.ts' }),
    Components({ resolvers: [ElementPlusResolver()], dts: 'src/components.d.ts' }),
  ],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: {
    proxy: { '/api': backend, '/oauth2': backend },
  },
  build: {
    // The Maven build packages target/classes, so the jar holds admin-web/index.html and admin-web/assets/.
    outDir: 'target/classes/admin-web',
    emptyOutDir: true,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
    setupFiles: ['src/test/setup.ts'],
    unstubGlobals: true,
    // Whole-page tests take 1–3 s when the machine is busy with Maven builds; 5 s (the default) left them flaky.
    testTimeout: 15_000,
    // Element Plus imports its CSS from ES modules; inlining lets Vite handle those imports in tests.
    server: { deps: { inline: ['element-plus'] } },
  },
})
