// Keyboard and presenter-remote control of the wall. Remotes send PageUp/PageDown (and sometimes arrows), so
// both are mapped. Keys typed with Ctrl/Alt/Meta belong to the browser or OS, and keys typed into a form field
// belong to that field: both are left alone.
import { useEffect, useRef } from 'react';

export interface PresenterActions {
  togglePause(): void;
  next(): void;
  prev(): void;
  /** 0-based scene index. */
  jump(index: number): void;
  /** Tab / Shift+Tab: move the tile focus. */
  focusTile(direction: 1 | -1): void;
  /** Enter on a focused tile; returns false when there is nothing to drill into (Enter then acts as usual). */
  drill(): boolean;
  /** Esc: leave the drill, or the wall. */
  back(): void;
  toggleFreeze(): void;
  togglePrivacy(): void;
}

function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Keys that step the rotation; inside a drill they keep their usual meaning (scrolling the list). */
function rotationAction(key: string, actions: PresenterActions): (() => void) | null {
  switch (key) {
    case ' ':
      return actions.togglePause;
    case 'ArrowRight':
    case 'PageDown':
      return actions.next;
    case 'ArrowLeft':
    case 'PageUp':
      return actions.prev;
    default:
      return /^[1-9]$/.test(key) ? () => actions.jump(Number(key) - 1) : null;
  }
}

/** What a key does, or null when the wall does not handle it. */
function actionFor(event: KeyboardEvent, actions: PresenterActions, inDrill: boolean): (() => boolean | void) | null {
  if (event.key === 'Tab') return inDrill ? null : () => actions.focusTile(event.shiftKey ? -1 : 1);
  if (event.shiftKey) return null;
  switch (event.key) {
    case 'Escape':
      return actions.back;
    case 'Enter':
      return inDrill ? null : actions.drill;
    case 'f':
    case 'F':
      return event.repeat ? null : actions.toggleFreeze;
    case 'p':
    case 'P':
      return event.repeat ? null : actions.togglePrivacy;
    default:
      if (inDrill || (event.key === ' ' && event.repeat)) return null;
      return rotationAction(event.key, actions);
  }
}

export function usePresenterKeys(actions: PresenterActions, inDrill: boolean): void {
  // The listener is attached once; it reads the latest actions and drill state through refs.
  const latest = useRef({ actions, inDrill });
  useEffect(() => {
    latest.current = { actions, inDrill };
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      if (event.ctrlKey || event.altKey || event.metaKey) return;
      if (isTypingTarget(event.target)) return;
      const action = actionFor(event, latest.current.actions, latest.current.inDrill);
      if (!action) return;
      if (action() === false) return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
