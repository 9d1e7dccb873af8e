// Vite's client types for the renderer: CSS side-effect imports, asset URLs and import.meta.env.
/// <reference types="vite/client" />
