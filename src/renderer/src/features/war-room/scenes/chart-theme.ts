// Colours and type sizes for the wall's charts. Canvas charts cannot read CSS custom properties per element, so
// the palette mirrors src/renderer/src/styles/theme.css (keep the two in step) and the base type size mirrors
// scene-frame.css's --wall-fs: clamp(12px, min(1.15vw, 2.05vh), 64px).
import { useEffect, useState } from 'react';
import type { WallTheme } from './types';

export interface ChartPalette {
  text: string;
  muted: string;
  axis: string;
  gridLine: string;
  accent: string;
  accentSoft: string;
  ok: string;
  warn: string;
  danger: string;
  surface: string;
}

const PALETTES: Record<WallTheme, ChartPalette> = {
  light: {
    text: '#0b1220',
    muted: '#3b4759',
    axis: '#3b4759',
    gridLine: '#c5cedb',
    accent: '#0a4fc4',
    accentSoft: '#7d9bd0',
    ok: '#0a7a3d',
    warn: '#8a5300',
    danger: '#b3261e',
    surface: '#ffffff',
  },
  dark: {
    text: '#f3f6fa',
    muted: '#b7c2d0',
    axis: '#b7c2d0',
    gridLine: '#34404f',
    accent: '#8ab8ff',
    accentSoft: '#7389a8',
    ok: '#62d892',
    warn: '#f5c451',
    danger: '#ff8f85',
    surface: '#121923',
  },
};

/** The app's font stack (fonts.css --font-sans): canvas text cannot inherit it. */
export const CHART_FONT = "Inter, 'Noto Sans SC', system-ui, sans-serif";

export function chartPalette(theme: WallTheme): ChartPalette {
  return PALETTES[theme];
}

/** The wall's base type size in px for the given viewport (same formula as --wall-fs in scene-frame.css). */
export function wallFontPx(width: number, height: number): number {
  return Math.round(Math.min(64, Math.max(12, Math.min(width * 0.0115, height * 0.0205))));
}

/** The base type size for the current window, updated on resize (charts size their labels from it). */
export function useWallFontPx(): number {
  const [px, setPx] = useState(() => wallFontPx(window.innerWidth, window.innerHeight));
  useEffect(() => {
    const update = () => setPx(wallFontPx(window.innerWidth, window.innerHeight));
    window.addEventListener('resize', update);
    return () => window.removeEventListener('resize', update);
  }, []);
  return px;
}

/** The option parts every wall chart shares: no background (the tile's shows), no animation. */
export function baseOption(palette: ChartPalette, fontPx: number) {
  return {
    backgroundColor: 'transparent',
    // Why no animation: a chart counts as rendered when echarts fires 'finished', which waits for animations;
    // without them the first frame is the final one, so scene switches and live updates land at once (the
    // option is merged in place, so an update never blanks the chart), and a 2-core laptop is spared the work.
    animation: false,
    textStyle: { color: palette.text, fontSize: fontPx, fontFamily: CHART_FONT },
  };
}
