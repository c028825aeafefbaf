import './people.css';
import { useRef, useState } from 'preact/hooks';
import type { CaseDetail, MessageView } from '../../../src/inbox/contract.ts';
import type { OpenCase } from '../case-view/open-case.ts';
import { t } from '../i18n/index.ts';
import { CasePickDialog } from './case-pick-dialog.tsx';
import { peopleApi, refusalText } from './people-api.ts';
import { applyMoved } from './people-live.ts';

/** A message's menu, over its corner: move it to another case (a wrong thread). */
export function MessageMenu({ model, detail: d, m }: { model: OpenCase; detail: CaseDetail; m: MessageView }) {
  const [moving, setMoving] = useState(false);
  const menu = useRef<HTMLDetailsElement>(null);
  return (
    <>
      <details class="message-menu" ref={menu}>
        <summary aria-label={t('people.messageMenu')} title={t('people.messageMenu')}>
          ⋯
        </summary>
        <div class="menu">
          <button
            type="button"
            class="move-message"
            onClick={() => {
              if (menu.current) menu.current.open = false;
              setMoving(true);
            }}
          >
            {t('people.move')}
          </button>
        </div>
      </details>
      {moving && (
        <CasePickDialog
          title={t('people.moveTitle')}
          targetLabel={t('people.moveTarget')}
          from={{ id: d.id, reference: d.reference }}
          offered={d.personCases}
          explain={(into) => t('people.moveExplain', { from: d.reference, into })}
          confirm={(into) => t('people.confirmMove', { reference: into })}
          onConfirm={async (into) => {
            try {
              const r = await peopleApi.moveMessage(m.id, into.id);
              applyMoved(model, r);
              return null;
            } catch (err) {
              return refusalText(err);
            }
          }}
          onClose={() => setMoving(false)}
        />
      )}
    </>
  );
}
