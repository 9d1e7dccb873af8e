// How many list rows of a given height (in em of the list's own font size) fit in an element, kept current
// as it resizes. Scenes use it to show the top/bottom N that fit instead of scrolling.
import { useLayoutEffect, useState, type RefObject } from 'react';

export function useFitCount(ref: RefObject<HTMLElement | null>, rowEm: number, fallback: number, max = 20): number {
  const [count, setCount] = useState(fallback);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => {
      const height = element.clientHeight;
      const fontPx = Number.parseFloat(getComputedStyle(element).fontSize) || 16;
      // jsdom and hidden elements have no layout: keep the fallback rather than showing nothing.
      if (height > 0) setCount(Math.max(1, Math.min(max, Math.floor(height / (rowEm * fontPx)))));
    };
    measure();
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(measure);
    observer?.observe(element);
    return () => observer?.disconnect();
  }, [ref, rowEm, max]);
  return count;
}
