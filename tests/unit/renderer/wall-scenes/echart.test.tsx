// @vitest-environment jsdom
// The echarts wrapper: one init per mount (and per theme), options applied in place, a full replace only when
// the series shape changes, 'finished' handed back with the data it drew, dispose on unmount, live count exact.
import { act, cleanup, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { liveChartCount } from '../../../../src/renderer/src/features/war-room/scenes/registry';
import { EChart, type EChartProps } from '../../../../src/renderer/src/features/war-room/scenes/EChart';
import { fake } from './fake-echarts';

vi.mock('echarts/core', () => import('./fake-echarts'));
vi.mock('echarts/charts', () => ({ BarChart: {}, LineChart: {}, ScatterChart: {} }));
vi.mock('echarts/components', () => ({ GridComponent: {}, MarkLineComponent: {} }));
vi.mock('echarts/renderers', () => ({ CanvasRenderer: {} }));

beforeEach(() => fake.reset());
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const optionA = { series: [{ id: 'a', type: 'bar', data: [1, 2] }] };
const optionB = { series: [{ id: 'a', type: 'bar', data: [3, 4] }] };

function props(overrides: Partial<EChartProps> = {}): EChartProps {
  return { option: optionA, shapeKey: 'bar:2', theme: 'light', renderKey: 'data-1', label: 'chart', ...overrides };
}

describe('EChart', () => {
  it('inits once, marks its element, and applies new options in place', async () => {
    const onFinished = vi.fn();
    const { container, rerender } = render(<EChart {...props({ onFinished })} />);
    expect(fake.charts).toHaveLength(1);
    const chart = fake.charts[0]!;
    expect(container.querySelector('[data-echarts-instance]')?.getAttribute('data-echarts-instance')).toBe(chart.id);
    expect(chart.options).toEqual([{ option: optionA, opts: { notMerge: true, lazyUpdate: false } }]);
    await act(async () => {});
    expect(onFinished).toHaveBeenLastCalledWith('data-1');

    rerender(<EChart {...props({ onFinished, option: optionB, renderKey: 'data-2' })} />);
    await act(async () => {});
    expect(fake.charts).toHaveLength(1); // no re-init: no flash
    expect(chart.options).toHaveLength(2);
    expect(chart.options[1]).toEqual({ option: optionB, opts: { notMerge: false, lazyUpdate: false } });
    expect(onFinished).toHaveBeenLastCalledWith('data-2');
  });

  it('does not call setOption again when nothing changed', () => {
    const { rerender } = render(<EChart {...props()} />);
    rerender(<EChart {...props()} />);
    expect(fake.charts[0]!.options).toHaveLength(1);
  });

  it('replaces the option (notMerge) when the series shape changes', () => {
    const { rerender } = render(<EChart {...props()} />);
    rerender(<EChart {...props({ option: optionB, shapeKey: 'bar:3' })} />);
    expect(fake.charts).toHaveLength(1);
    expect(fake.charts[0]!.options[1]!.opts).toEqual({ notMerge: true, lazyUpdate: false });
  });

  it('re-inits on a theme change and disposes the old chart', () => {
    const { rerender } = render(<EChart {...props()} />);
    expect(liveChartCount()).toBe(1);
    rerender(<EChart {...props({ theme: 'dark' })} />);
    expect(fake.charts).toHaveLength(2);
    expect(fake.charts[0]!.disposed).toBe(true);
    expect(fake.charts[1]!.theme).toBe('dark');
    expect(fake.charts[1]!.options).toHaveLength(1);
    expect(liveChartCount()).toBe(1);
  });

  it('disposes on unmount and the live count returns to zero', () => {
    const before = liveChartCount();
    const { unmount } = render(
      <>
        <EChart {...props()} />
        <EChart {...props({ renderKey: 'other' })} />
      </>,
    );
    expect(liveChartCount()).toBe(before + 2);
    unmount();
    expect(fake.charts.every((c) => c.disposed)).toBe(true);
    expect(liveChartCount()).toBe(before);
  });

  it('reports finished after a fallback delay when echarts never does', () => {
    vi.useFakeTimers();
    fake.finish = 'never';
    const onFinished = vi.fn();
    render(<EChart {...props({ onFinished })} />);
    expect(onFinished).not.toHaveBeenCalled();
    act(() => vi.advanceTimersByTime(2000));
    expect(onFinished).toHaveBeenCalledWith('data-1');
  });

  it('reports a finished render with the data drawn at that moment, not a stale one', () => {
    fake.finish = 'never';
    const onFinished = vi.fn();
    const { rerender } = render(<EChart {...props({ onFinished })} />);
    rerender(<EChart {...props({ onFinished, option: optionB, renderKey: 'data-2' })} />);
    act(() => fake.charts[0]!.emit('finished'));
    expect(onFinished).toHaveBeenCalledTimes(1);
    expect(onFinished).toHaveBeenCalledWith('data-2');
  });
});
