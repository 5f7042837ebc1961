import { describe, expect, it } from 'vitest';
import { DEFAULT_SIZE, restoreBounds } from './window-state';

const screen = { x: 0, y: 0, width: 1920, height: 1040 };
const second = { x: 1920, y: 0, width: 2560, height: 1400 };

describe('window bounds', () => {
  it('uses the default size the first time', () => {
    expect(restoreBounds(undefined, [screen])).toEqual(DEFAULT_SIZE);
  });

  it('puts the window back where it was when that place is on a screen', () => {
    expect(restoreBounds({ x: 2000, y: 100, width: 1200, height: 800, maximized: false }, [screen, second])).toEqual({
      x: 2000,
      y: 100,
      width: 1200,
      height: 800,
    });
  });

  it('centres it instead when its screen is gone, and shrinks it to fit', () => {
    expect(restoreBounds({ x: 2000, y: 100, width: 2400, height: 1300, maximized: false }, [screen])).toEqual({ width: 1920, height: 1040 });
    expect(restoreBounds({ x: -5000, y: -5000, width: 800, height: 600, maximized: false }, [screen])).toEqual({ width: 800, height: 600 });
  });
});
