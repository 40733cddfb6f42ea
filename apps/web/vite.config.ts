import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { messagesByLanguage } from './vite.messages.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  plugins: [react(), messagesByLanguage()],
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      treeshake: {
        // @rc-component/* (under Ant Design) do nothing on import, but do not say so in their package.json;
        // without this, the shell's popups (ContextIsolator → form context) carry the whole form library.
        moduleSideEffects: (id: string) => (/node_modules[\\/]@rc-component[\\/]/.test(id) ? false : undefined),
      },
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
