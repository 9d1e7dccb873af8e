// The wall's rotation: which scene is on screen, stepped by a timer every dwell, and by the presenter (next,
// previous, jump, pause). A drill "holds" the rotation without touching the presenter's own pause, so leaving
// the drill resumes exactly the loop that was running, on the same scene.
import { useCallback, useEffect, useMemo, useReducer } from 'react';

interface RotationState {
  index: number;
  /** Paused by the presenter (Space, the pause button). */
  paused: boolean;
  /** Held by something on top of the loop (a drill); independent of `paused`. */
  held: boolean;
  /** Bumped on every move, so a manual step (even to the same scene) restarts the dwell. */
  step: number;
}

type Action =
  | { type: 'move'; to: (index: number, count: number) => number; count: number }
  | { type: 'pause'; paused: boolean | 'toggle' }
  | { type: 'hold'; held: boolean };

function reducer(state: RotationState, action: Action): RotationState {
  switch (action.type) {
    case 'move': {
      if (action.count < 1) return state;
      const to = action.to(state.index % action.count, action.count);
      if (to < 0 || to >= action.count) return state;
      return { ...state, index: to, step: state.step + 1 };
    }
    case 'pause':
      return { ...state, paused: action.paused === 'toggle' ? !state.paused : action.paused };
    case 'hold':
      return state.held === action.held ? state : { ...state, held: action.held };
  }
}

export interface Rotation {
  /** Always within 0..count-1 (the scene list may shrink while the wall runs). */
  index: number;
  paused: boolean;
  held: boolean;
  next(): void;
  prev(): void;
  /** Jump to the scene at `index` (0-based); out of range is ignored. */
  jump(index: number): void;
  togglePause(): void;
  hold(held: boolean): void;
}

const advance = (index: number, count: number) => (index + 1) % count;
const back = (index: number, count: number) => (index - 1 + count) % count;

export function useRotation(count: number, dwellMs: number): Rotation {
  const [state, dispatch] = useReducer(reducer, { index: 0, paused: false, held: false, step: 0 });
  const index = count > 0 ? state.index % count : 0;
  const running = !state.paused && !state.held && count > 1;

  useEffect(() => {
    if (!running) return;
    // One timeout per scene shown (not an interval): every move, pause or hold restarts the full dwell.
    const timer = setTimeout(() => dispatch({ type: 'move', to: advance, count }), dwellMs);
    return () => clearTimeout(timer);
  }, [running, state.step, count, dwellMs]);

  const next = useCallback(() => dispatch({ type: 'move', to: advance, count }), [count]);
  const prev = useCallback(() => dispatch({ type: 'move', to: back, count }), [count]);
  const jump = useCallback((to: number) => dispatch({ type: 'move', to: () => to, count }), [count]);
  const togglePause = useCallback(() => dispatch({ type: 'pause', paused: 'toggle' }), []);
  const hold = useCallback((held: boolean) => dispatch({ type: 'hold', held }), []);

  return useMemo(
    () => ({ index, paused: state.paused, held: state.held, next, prev, jump, togglePause, hold }),
    [index, state.paused, state.held, next, prev, jump, togglePause, hold],
  );
}
