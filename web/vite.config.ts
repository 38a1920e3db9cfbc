import { defineConfig } from 'vite'

// Preact through esbuild's automatic JSX runtime: no Babel preset, no React alias.
export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    // Inline assets would need `data:` in script-src/style-src; the HTML CSP allows 'self' only.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 600
  },
  worker: { format: 'es' }
})
