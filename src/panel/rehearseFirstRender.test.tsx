import React, { act } from 'react';
import { PanelProps } from '@grafana/data';

import { TEST_IDS } from './constants';
import { buildModel } from './data/buildModel';
import { defaultOptions, Options } from './options/defaultOptions';
import { rehearsalFrames, rehearseFirstRender } from './rehearseFirstRender';
import { themeOf } from './test-utils/renderPanel';

// What the rehearsal drew, seen from a wrapper around the real panel: its tiles while mounted, and
// whether it was taken down again.
const drawn: { tiles: number[]; unmounted: number; fail: boolean } = { tiles: [], unmounted: 0, fail: false };

jest.mock('./components/PortStatusPanel', () => {
  const actual = jest.requireActual('./components/PortStatusPanel');
  return {
    PortStatusPanel: (props: PanelProps<Options>) => {
      if (drawn.fail) {
        throw new Error('a panel that cannot draw');
      }
      return (
        <div
          ref={(element) => {
            if (element) {
              drawn.tiles.push(element.querySelectorAll(`[data-testid="${TEST_IDS.tile}"]`).length);
            } else {
              drawn.unmounted++;
            }
          }}
        >
          <actual.PortStatusPanel {...props} />
        </div>
      );
    },
  };
});

/** React's development build warns about a root made from react-dom; the production build does not. */
const DEV_ONLY_WARNING = /importing createRoot from "react-dom"/;

function unexpectedErrors(spy: jest.SpyInstance): unknown[][] {
  return spy.mock.calls.filter((args) => !DEV_ONLY_WARNING.test(String(args[0])));
}

describe('rehearseFirstRender', () => {
  let consoleError: jest.SpyInstance;

  beforeEach(() => {
    drawn.tiles = [];
    drawn.unmounted = 0;
    drawn.fail = false;
    consoleError = jest.spyOn(console, 'error').mockImplementation(() => {});
  });

  afterEach(() => {
    consoleError.mockRestore();
  });

  it('draws every made-up target once, outside the page, and takes the panel down again', () => {
    const before = document.body.innerHTML;
    let rehearsed = false;
    // act only because the test environment asks for it; in a browser the call stands alone.
    act(() => {
      rehearsed = rehearseFirstRender(themeOf('dark'));
    });
    expect(rehearsed).toBe(true);
    expect(drawn.tiles).toEqual([3]);
    expect(drawn.unmounted).toBe(1);
    expect(document.body.innerHTML).toBe(before);
    expect(unexpectedErrors(consoleError)).toEqual([]);
  });

  it('makes targets in each state a first render meets: up, down and flapping', () => {
    const now = Date.UTC(2026, 0, 1);
    const model = buildModel(rehearsalFrames(now), defaultOptions, { from: now - 15 * 60_000, to: now });
    expect(model.warnings).toEqual([]);
    expect(model.tiles.map((tile) => [tile.name, tile.state, tile.flapping])).toEqual([
      ['192.0.2.1:443', 'up', false],
      ['192.0.2.2:443', 'down', false],
      ['192.0.2.3:443', 'up', true],
    ]);
    expect(model.tiles.every((tile) => tile.durations.figures().duration !== undefined)).toBe(true);
  });

  it('is skipped, never thrown, when the panel fails to draw', () => {
    drawn.fail = true;
    expect(rehearseFirstRender(themeOf('light'))).toBe(false);
    expect(drawn.tiles).toEqual([]);
  });

  it('is skipped without a theme', () => {
    expect(rehearseFirstRender(undefined)).toBe(false);
    expect(drawn.tiles).toEqual([]);
  });

  it('is skipped where react-dom makes no root (React 19 keeps it in react-dom/client)', () => {
    jest.isolateModules(() => {
      jest.doMock('react-dom', () => {
        const { createRoot, ...rest } = jest.requireActual('react-dom');
        return { ...rest, createRoot: undefined };
      });
      const isolated: typeof import('./rehearseFirstRender') = require('./rehearseFirstRender');
      expect(isolated.rehearseFirstRender(themeOf('dark'))).toBe(false);
    });
    expect(drawn.tiles).toEqual([]);
  });
});
