import type { ConnectorRegistry } from '../../connectors/registry.ts';
import type { ReplyRoutePort } from '../domain/outcomes.ts';
import type { CaseRepository } from '../store/case.repository.ts';
import { chooseRoute } from './outbound.worker.ts';

/**
 * The outbound worker's own choice of channel for a case's reply, asked before the reply is
 * written (the outcome dialog says whether, and where, the reporter will hear back).
 */
export function replyRouteOf(
  cases: Pick<CaseRepository, 'replyTargets'>,
  connectors: ConnectorRegistry,
): ReplyRoutePort {
  return async (caseId) => {
    const target = await cases.replyTargets(caseId);
    const route = chooseRoute(connectors, target.channel, target.identities);
    return route ? { channel: route.channel, identityKind: route.to.kind } : null;
  };
}
