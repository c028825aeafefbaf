import type { ReadonlySignal } from '@preact/signals';
import type { User } from '../api.ts';
import { leave, navigate, route } from './router.ts';
import type { Route, Screen } from './routes.ts';
import { mayOpen, openScreen, type ScreenDeps } from './screens.ts';

interface ScreenRoutingDeps extends ScreenDeps {
  me: User;
  phone: ReadonlySignal<boolean>;
}

/**
 * The screens beside the inbox (statistics, users, …) open as today's dialogs over it, each at its
 * own URL: Back closes the dialog, closing the dialog goes Back, and a reload opens it again.
 */
export class ScreenRouting {
  private open: { screen: Screen; dialog: HTMLDialogElement } | null = null;
  private seq = 0;
  private phoneAnswered: Promise<boolean>;
  private answerPhone: (ok: boolean) => void = () => {};
  /** Where closing a screen returns to when the app did not put the screen's entry in history. */
  private below: Route = { name: 'inbox', view: null };

  constructor(private readonly d: ScreenRoutingDeps) {
    this.phoneAnswered = new Promise((resolve) => {
      this.answerPhone = resolve;
    });
  }

  /** The phone line's routes answered (or not): its screens can be opened, or refused. */
  phoneKnown(ok: boolean): void {
    this.answerPhone(ok);
  }

  async show(screen: Screen): Promise<void> {
    if (this.open?.screen === screen) return;
    this.close();
    const mine = ++this.seq;
    const needsPhone = screen === 'call-log' || screen === 'call-import';
    const phone = needsPhone ? await this.phoneAnswered : this.d.phone.value;
    if (mine !== this.seq) return;
    if (!mayOpen(screen, this.d.me.role, phone)) {
      navigate(this.below, { replace: true });
      return;
    }
    const dialog = await openScreen(screen, this.d);
    if (mine !== this.seq) {
      dialog.close();
      return;
    }
    this.open = { screen, dialog };
    dialog.addEventListener('close', () => {
      if (this.open?.dialog !== dialog) return; // closed by the router itself
      this.open = null;
      const r = route.value;
      if (r.name === 'screen' && r.screen === screen) leave(this.below);
    });
  }

  /** The route moved on (Back, a link): the open dialog goes, quietly. */
  close(): void {
    this.seq++;
    const r = route.value;
    if (r.name !== 'screen') this.below = r;
    const open = this.open;
    this.open = null;
    open?.dialog.close();
  }
}
