import { describe, expect, it } from 'vitest';
import { INBOX_CLIENT_PATHS, SCREENS } from '../../src/http/inbox-paths.ts';
import { parseRoute } from '../../web-inbox/src/shell/routes.ts';
import { doesCaseWork, homeScreenOf, mayOpen } from '../../web-inbox/src/shell/screens.ts';

const ROLES = ['counselor', 'supervisor', 'admin', 'educator', 'partner'] as const;
const openable = (role: string, phone = true) => SCREENS.filter((s) => mayOpen(s, role, phone));

/** Who lands where in the inbox, and which screens each role's rail and router offer (shell/screens.ts). */
describe('the outreach and partner screens in the inbox (issue 22)', () => {
  it('serves /outreach and /partner as the inbox page and reads them as their screens', () => {
    expect(INBOX_CLIENT_PATHS).toEqual(expect.arrayContaining(['/outreach', '/partner']));
    expect(parseRoute('/outreach')).toEqual({ name: 'screen', screen: 'outreach' });
    expect(parseRoute('/partner/')).toEqual({ name: 'screen', screen: 'partner' });
  });

  it('gives an educator and a partner their own screen as the home, case workers the case inbox', () => {
    expect(ROLES.map((r) => [r, homeScreenOf(r)])).toEqual([
      ['counselor', null],
      ['supervisor', null],
      ['admin', null],
      ['educator', 'outreach'],
      ['partner', 'partner'],
    ]);
    expect(ROLES.filter(doesCaseWork)).toEqual(['counselor', 'supervisor', 'admin']);
  });

  it('opens to an educator and a partner only their screen and their account, never case work', () => {
    expect(openable('educator')).toEqual(['account', 'outreach']);
    expect(openable('partner')).toEqual(['account', 'partner']);
  });

  it('lets supervisors and admins open the outreach register too, and nobody but partners the partner screen', () => {
    expect(ROLES.filter((r) => mayOpen('outreach', r, false))).toEqual(['supervisor', 'admin', 'educator']);
    expect(ROLES.filter((r) => mayOpen('partner', r, false))).toEqual(['partner']);
    expect(openable('counselor', false)).toEqual(['account', 'handovers', 'notifications']);
  });
});
