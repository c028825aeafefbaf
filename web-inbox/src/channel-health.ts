import type { ChannelHealthState } from '../../src/inbox/contract.ts';
import { request } from './api.ts';
import { h, replace } from './dom.ts';
import { shortTime } from './format.ts';
import { t } from './i18n/index.ts';
import { channelLabel, reasonLabel } from './i18n/labels.ts';

/**
 * The header's channel health banner: names every failing channel (IMAP, SMTP sending, a Meta page)
 * with a short reason and since when; hidden while all are healthy. Fed by GET /api/channels/health
 * on (re)connect and by the `channels:health` push on every change.
 */
export class ChannelHealthBanner {
  readonly el = h('div', { class: 'banner channel-health', role: 'alert', hidden: true });
  private states: ChannelHealthState[] = [];

  set(states: ChannelHealthState[]): void {
    this.states = states;
    this.render();
  }

  async reload(): Promise<void> {
    try {
      const r = await request<{ channels: ChannelHealthState[] }>('GET', '/api/channels/health', undefined, {
        quiet401: true,
      });
      this.set(r.channels);
    } catch {
      // Kept as it was: the next push or reconnect brings it up to date.
    }
  }

  render(): void {
    const failing = this.states.filter((s) => !s.ok);
    this.el.hidden = failing.length === 0;
    this.el.dataset.failing = failing.map((s) => s.name).join(' ');
    if (failing.length === 0) {
      replace(this.el);
      return;
    }
    replace(
      this.el,
      h('span', { class: 'channel-health-title' }, t('health.title')),
      ' ',
      h(
        'ul',
        { class: 'channel-health-list' },
        ...failing.map((s) =>
          h(
            'li',
            { 'data-channel': s.name },
            `${channelLabel(s.name)} — ${reasonLabel(s.reason)} (${t('health.since', { time: shortTime(s.since) })})`,
          ),
        ),
      ),
      h('span', { class: 'channel-health-note' }, t('health.recovers')),
    );
  }
}
