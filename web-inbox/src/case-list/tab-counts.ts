import { api } from '../api.ts';

/** The number beside each view; fetched after events, debounced: a burst costs one request. */
export class TabCounts {
  all: Record<string, number> = {};
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly changed: (all: Record<string, number>) => void) {}

  set(part: Record<string, number>): void {
    this.all = { ...this.all, ...part };
    this.changed(this.all);
  }

  refresh(delay = 400): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      api.counts().then(
        (c) => this.set(c),
        () => {},
      );
    }, delay);
  }
}
