import { describe, expect, it } from 'vitest';
import { sliceP99s } from '../../bench/load.ts';

describe('bench: p99 of each slice of an open-loop run', () => {
  it('takes each slice’s own p99, in send order', () => {
    // Three slices of 100: the second holds the slow requests.
    const lat = [
      ...Array.from({ length: 100 }, (_, i) => i / 10),
      ...Array.from({ length: 100 }, (_, i) => 50 + i),
      ...Array.from({ length: 100 }, () => 1),
    ];
    expect(sliceP99s(lat, 100)).toEqual([9.8, 148, 1]);
  });

  it('joins a remainder shorter than half a slice to the slice before, and keeps a longer one apart', () => {
    const short = [...Array.from({ length: 100 }, () => 1), ...Array.from({ length: 30 }, () => 90)];
    expect(sliceP99s(short, 100)).toEqual([90]);
    const long = [...Array.from({ length: 100 }, () => 1), ...Array.from({ length: 60 }, () => 90)];
    expect(sliceP99s(long, 100)).toEqual([1, 90]);
  });

  it('gives one slice for a run shorter than a slice, and none for no requests', () => {
    expect(sliceP99s([3, 1, 2], 100)).toEqual([3]);
    expect(sliceP99s([], 100)).toEqual([]);
  });
});
