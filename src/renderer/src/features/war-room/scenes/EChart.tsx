// The one echarts wrapper of the wall: init on mount, setOption in place when the option changes (a full replace
// only when the series shape changes, so live updates never flash), 'finished' reported with the data it drew,
// resize with its box, dispose on unmount, re-init on theme change. Counts live instances for the soak test.
import { useEffect, useLayoutEffect, useRef } from 'react';
import { chartCreated, chartDisposed } from './chart-count';
import { init, type EChartsCoreOption, type EChartsType } from './echarts-setup';
import type { WallTheme } from './types';

/** If echarts never reports 'finished' (e.g. nothing changed on screen), the scene must not wait forever. */
const FINISHED_FALLBACK_MS = 1500;

export interface EChartProps {
  option: EChartsCoreOption;
  /**
   * Identifies the structure of the option (series count/types, axes). While it stays the same, a new option is
   * merged into the chart in place; when it changes, the chart's option is replaced (notMerge).
   */
  shapeKey: string;
  theme: WallTheme;
  /** What the option shows (the scene's data object); handed back to onFinished so stale events are ignored. */
  renderKey: unknown;
  onFinished?: (renderKey: unknown) => void;
  /** Accessible description of the chart (the numbers are also in tiles next to it). */
  label: string;
  className?: string;
}

export function EChart({ option, shapeKey, theme, renderKey, onFinished, label, className }: EChartProps) {
  const elementRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<EChartsType | null>(null);
  const shapeRef = useRef<string | null>(null);
  const drawingRef = useRef<unknown>(undefined);
  const fallbackRef = useRef<ReturnType<typeof setTimeout> | null>(null);
  const onFinishedRef = useRef(onFinished);
  useEffect(() => {
    onFinishedRef.current = onFinished;
  }, [onFinished]);

  // Init (and re-init on a theme change: echarts themes apply at init only); dispose on unmount.
  useLayoutEffect(() => {
    const element = elementRef.current;
    if (!element) return;
    const chart = init(element, theme === 'dark' ? 'dark' : undefined, { renderer: 'canvas' });
    chartCreated();
    element.dataset.echartsInstance = chart.id;
    chartRef.current = chart;
    shapeRef.current = null;
    const clearFallback = () => {
      if (fallbackRef.current !== null) clearTimeout(fallbackRef.current);
      fallbackRef.current = null;
    };
    chart.on('finished', () => {
      clearFallback();
      onFinishedRef.current?.(drawingRef.current);
    });
    // Resize with the box, at most once a frame (a window resize reports every element at once).
    let frame = 0;
    const observer =
      typeof ResizeObserver === 'undefined'
        ? null
        : new ResizeObserver(() => {
            cancelAnimationFrame(frame);
            frame = requestAnimationFrame(() => {
              if (!chart.isDisposed()) chart.resize();
            });
          });
    observer?.observe(element);
    return () => {
      if (observer) {
        observer.disconnect();
        cancelAnimationFrame(frame);
      }
      clearFallback();
      chart.dispose();
      chartDisposed();
      chartRef.current = null;
    };
  }, [theme]);

  // Apply the option in place. Layout effect: the new data is drawn in the same frame the DOM around it changes.
  useLayoutEffect(() => {
    const chart = chartRef.current;
    if (!chart) return;
    drawingRef.current = renderKey;
    const replace = shapeRef.current !== shapeKey;
    shapeRef.current = shapeKey;
    if (fallbackRef.current !== null) clearTimeout(fallbackRef.current);
    fallbackRef.current = setTimeout(() => {
      fallbackRef.current = null;
      onFinishedRef.current?.(renderKey);
    }, FINISHED_FALLBACK_MS);
    chart.setOption(option, { notMerge: replace, lazyUpdate: false });
  }, [option, shapeKey, renderKey, theme]);

  return (
    <div
      ref={elementRef}
      className={`wall-chart${className ? ` ${className}` : ''}`}
      data-echarts-instance=""
      role="img"
      aria-label={label}
    />
  );
}
