// How many echarts instances are alive right now. EChart counts up on init and down on dispose; the soak test
// reads it (through the wall's data-live-charts) to prove a long rotation leaks no charts.
let live = 0;

export function chartCreated(): void {
  live += 1;
}

export function chartDisposed(): void {
  live = Math.max(0, live - 1);
}

export function liveChartCount(): number {
  return live;
}
