import type { CaseDetail } from '../../../src/inbox/contract.ts';
import type { User } from '../api.ts';
import { CallerPanel } from '../caller-panel.ts';
import { CaseExtrasPanel } from '../case-extras.ts';
import { Composer, type ComposerDeps } from '../composer.ts';
import { LegalHoldPanel } from '../legal-hold-panel.ts';
import type { LiveSocket } from '../live.ts';
import { OutcomeOffer } from '../outcome-dialog.ts';
import { ReferralPanel } from '../referral-panel.ts';

export interface CasePanelsDeps {
  me: User;
  socket: () => LiveSocket | null;
  openCase: (id: string) => void;
  /** Opens the call form on this case (phone line). */
  logCall: (onCase: { caseId: string; reference: string }) => void;
}

/**
 * The open case's dom-built parts, made once for the life of the page and mounted by the case view: the
 * composer, tags and history, the caller (phone line), referrals, legal hold and the outcome offer.
 */
export class CasePanels {
  readonly composer: Composer;
  readonly extras: CaseExtrasPanel;
  readonly caller: CallerPanel;
  /** Referrals of the case to institutions (list, refer dialog, follow-up). */
  readonly referrals: ReferralPanel;
  readonly hold = new LegalHoldPanel();
  /** Offers the outcome message when the case becomes referred or closed. */
  readonly outcome: OutcomeOffer;

  constructor(deps: CasePanelsDeps, composer: ComposerDeps) {
    this.composer = new Composer(composer);
    this.extras = new CaseExtrasPanel((id) => deps.openCase(id), deps.me.role);
    this.outcome = new OutcomeOffer(deps.me.id);
    this.referrals = new ReferralPanel({
      me: deps.me,
      socket: () => deps.socket(),
      openCase: (id) => deps.openCase(id),
    });
    this.caller = new CallerPanel({
      role: deps.me.role,
      openCase: (id) => deps.openCase(id),
      logCall: (onCase) => deps.logCall(onCase),
    });
  }

  /** A case landed: each part fetches what it shows. */
  load(d: CaseDetail): void {
    void this.extras.load(d.id);
    void this.caller.load(d);
    void this.referrals.load(d.id, d.reference);
    void this.hold.load(d.id);
  }

  /** Everything said again (a case landed, the language or the categories changed). */
  render(): void {
    this.extras.render();
    this.caller.render();
    this.referrals.render();
    this.hold.render();
    this.composer.render();
    this.outcome.render();
  }

  /** The case was closed: what belongs to it goes. */
  clear(): void {
    this.caller.clear();
    this.referrals.clear();
    this.hold.clear();
  }
}
