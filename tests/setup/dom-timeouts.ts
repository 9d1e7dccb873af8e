// For renderer tests (jsdom): waitFor/findBy* wait up to 5 s instead of 1 s. The suite runs many files in parallel
// on 2-core machines, where a first render with lazy routes and charts can take over a second; the assertions
// stay the same, only the patience grows. Node-environment tests skip this (no document, no React loaded).
if (typeof document !== 'undefined') {
  const { configure } = await import('@testing-library/react');
  configure({ asyncUtilTimeout: 5_000 });
}

export {};
