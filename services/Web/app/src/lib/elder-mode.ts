import { useSyncExternalStore } from 'react';
import type { ThemeConfig } from 'antd';

/**
 * Elder mode (适老化): larger text, looser lines and larger controls, for older staff and for
 * showing a screen to a client. Remembered in localStorage and marked on <html> as a class, so
 * plain CSS can follow it too.
 */
export const ELDER_MODE_KEY = 'fivesoc.elderMode';
export const ELDER_MODE_CLASS = 'elder-mode';

type Listener = () => void;
const listeners = new Set<Listener>();

function read(): boolean {
  try {
    return globalThis.localStorage?.getItem(ELDER_MODE_KEY) === 'on';
  } catch {
    return false;
  }
}

let current = read();
applyToDocument(current);

function applyToDocument(on: boolean): void {
  if (typeof document === 'undefined') return;
  document.documentElement.classList.toggle(ELDER_MODE_CLASS, on);
}

export function isElderMode(): boolean {
  return current;
}

export function setElderMode(on: boolean): void {
  current = on;
  try {
    globalThis.localStorage?.setItem(ELDER_MODE_KEY, on ? 'on' : 'off');
  } catch {
    // Storage refused: the mode lasts for this page.
  }
  applyToDocument(on);
  listeners.forEach((listener) => listener());
}

/** Re-reads the stored choice (another tab, or a test that changed storage). */
export function reloadElderMode(): void {
  setElderMode(read());
}

export function subscribeElderMode(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useElderMode(): [boolean, (on: boolean) => void] {
  const on = useSyncExternalStore(subscribeElderMode, isElderMode, isElderMode);
  return [on, setElderMode];
}

/** The antd theme tokens for the mode: at least 18 px text, line height ≥ 1.5, larger controls. */
export function elderModeTheme(on: boolean): ThemeConfig['token'] {
  if (!on) return { fontSize: 14, lineHeight: 1.5715 };
  return {
    fontSize: 18,
    fontSizeSM: 16,
    fontSizeLG: 20,
    fontSizeHeading1: 40,
    fontSizeHeading2: 32,
    fontSizeHeading3: 26,
    fontSizeHeading4: 22,
    fontSizeHeading5: 20,
    lineHeight: 1.6,
    controlHeight: 44,
    controlHeightSM: 36,
    controlHeightLG: 52,
  };
}
