/// <reference types="vite/client" />
// Vite's client types: CSS side-effect imports and import.meta.env in the renderer.

// pdf.js's worker module, loaded on the page's own thread (lib/pdf-document.ts); it ships no types.
declare module 'pdfjs-dist/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
