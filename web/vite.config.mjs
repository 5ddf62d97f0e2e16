// Vite builds the browser UI from web/ into web/dist/, which `jiceng serve --web web/dist` serves with an
// SPA fallback. In development (`npm run dev:web`) /api goes to a local server. The dashboard's map outlines
// come from npm packages through vite/maps.mjs, one lazy chunk per map; only the Element Plus components the
// templates use are bundled (vite/elementComponents.mjs).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import jicengMaps from './vite/maps.mjs';
import jicengElement from './vite/elementComponents.mjs';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  plugins: [vue(), jicengMaps(), jicengElement(`${root}src`)],
  resolve: { alias: { '@': `${root}src` } },
  build: {
    outDir: `${root}dist`,
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        // Element Plus changes far less often than our code: its own chunk stays cached across releases.
        codeSplitting: {
          groups: [
            { name: 'element-plus', test: /node_modules[\\/](element-plus|@element-plus)[\\/]/, priority: 2 },
            // ECharts only for the dashboard: its own chunk, loaded with that page and not before.
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 3 },
            { name: 'vendor', test: /node_modules[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
  server: {
    host: '127.0.0.1',
    proxy: { '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false } },
  },
  preview: { host: '127.0.0.1' },
});
