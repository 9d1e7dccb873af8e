// A stand-in for echarts/core in jsdom (no canvas): records init, setOption, resize and dispose per chart and
// emits 'finished' after each setOption (asynchronously by default, or never, to test the fallback).
export interface FakeChart {
  id: string;
  element: HTMLElement;
  theme: string | undefined;
  options: { option: Record<string, unknown>; opts: unknown }[];
  disposed: boolean;
  resizes: number;
  emit(event: string): void;
}

export const fake = {
  charts: [] as FakeChart[],
  /** 'async': 'finished' a microtask after setOption; 'sync': inside it; 'never': not at all. */
  finish: 'async' as 'async' | 'sync' | 'never',
  reset() {
    this.charts.length = 0;
    this.finish = 'async';
  },
  live(): FakeChart[] {
    return this.charts.filter((c) => !c.disposed);
  },
};

let nextId = 1;

export function init(element: HTMLElement, theme?: string) {
  const handlers = new Map<string, Set<() => void>>();
  const record: FakeChart = {
    id: `fake_${nextId++}`,
    element,
    theme,
    options: [],
    disposed: false,
    resizes: 0,
    emit(event) {
      if (record.disposed) return;
      for (const handler of handlers.get(event) ?? []) handler();
    },
  };
  fake.charts.push(record);
  return {
    id: record.id,
    on(event: string, handler: () => void) {
      const set = handlers.get(event) ?? new Set();
      set.add(handler);
      handlers.set(event, set);
    },
    setOption(option: Record<string, unknown>, opts: unknown) {
      if (record.disposed) throw new Error('setOption on a disposed chart');
      record.options.push({ option, opts });
      if (fake.finish === 'sync') record.emit('finished');
      else if (fake.finish === 'async') queueMicrotask(() => record.emit('finished'));
    },
    resize() {
      record.resizes += 1;
    },
    isDisposed: () => record.disposed,
    dispose() {
      record.disposed = true;
    },
  };
}

export function use(): void {}
