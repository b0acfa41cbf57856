// Build of the bench peer (bench/.peer): plain Vite, same target as the app, no service worker
// (ODK Web Forms ships none; offline is left to the host application).
import { defineConfig } from 'vite';

export default defineConfig({
  base: './',
  define: {
    __VUE_OPTIONS_API__: 'true',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
  },
  build: { target: 'chrome80', emptyOutDir: true, chunkSizeWarningLimit: 5000 },
  logLevel: 'warn',
});
