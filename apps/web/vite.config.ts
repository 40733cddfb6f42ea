import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom|cookie|set-cookie-parser)[\\/]/, priority: 20 },
            // ECharts (statistics pages only): its renderer apart, so neither chunk passes the size warning.
            { name: 'zrender', test: /node_modules[\\/]zrender[\\/]/, priority: 15 },
            // All of ECharts but the Sankey chart: that one stays with the flows chart, a chunk loaded when an administrator's dashboard shows it.
            { name: 'echarts', test: /node_modules[\\/]echarts[\\/](?!lib[\\/]chart[\\/]sankey[\\/])/, priority: 15 },
          ],
        },
      },
    },
  },
});
