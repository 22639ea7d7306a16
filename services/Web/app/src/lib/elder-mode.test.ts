import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ELDER_MODE_CLASS, ELDER_MODE_KEY, elderModeTheme, isElderMode, reloadElderMode, setElderMode, useElderMode } from './elder-mode';

describe('elder mode', () => {
  it('is off until switched on, and remembers the choice', () => {
    reloadElderMode();
    expect(isElderMode()).toBe(false);
    setElderMode(true);
    expect(localStorage.getItem(ELDER_MODE_KEY)).toBe('on');
    expect(document.documentElement.classList.contains(ELDER_MODE_CLASS)).toBe(true);
    setElderMode(false);
    expect(localStorage.getItem(ELDER_MODE_KEY)).toBe('off');
    expect(document.documentElement.classList.contains(ELDER_MODE_CLASS)).toBe(false);
  });

  it('reads a stored choice back', () => {
    localStorage.setItem(ELDER_MODE_KEY, 'on');
    reloadElderMode();
    expect(isElderMode()).toBe(true);
    setElderMode(false);
  });

  it('re-renders whoever uses it', () => {
    const { result } = renderHook(() => useElderMode());
    expect(result.current[0]).toBe(false);
    act(() => result.current[1](true));
    expect(result.current[0]).toBe(true);
    act(() => result.current[1](false));
  });

  it('makes text at least 18 px, lines at least 1.5 and controls larger', () => {
    const on = elderModeTheme(true)!;
    const off = elderModeTheme(false)!;
    expect(on.fontSize).toBeGreaterThanOrEqual(18);
    expect(on.lineHeight).toBeGreaterThanOrEqual(1.5);
    expect(on.controlHeight!).toBeGreaterThan(32);
    expect(on.fontSizeHeading1!).toBeGreaterThan(on.fontSize!);
    expect(off.fontSize).toBeLessThan(on.fontSize!);
  });
});
