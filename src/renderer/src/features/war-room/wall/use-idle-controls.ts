// On-screen controls that stay out of the way: shown when the mouse moves, hidden again (with the cursor) after
// a few idle seconds. Keys alone never show them, so a presenter remote does not clutter the projected screen.
import { useCallback, useEffect, useRef, useState } from 'react';

export const CONTROLS_IDLE_MS = 3000;

const ACTIVITY_EVENTS = ['mousemove', 'mousedown', 'touchstart', 'wheel'] as const;

export function useIdleControls(idleMs = CONTROLS_IDLE_MS): { visible: boolean; poke(): void } {
  const [visible, setVisible] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const poke = useCallback(() => {
    setVisible(true);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      timer.current = null;
      setVisible(false);
    }, idleMs);
  }, [idleMs]);

  useEffect(() => {
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, poke, { passive: true });
    return () => {
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, poke);
      if (timer.current) clearTimeout(timer.current);
    };
  }, [poke]);

  return { visible, poke };
}
