import { effect, signal } from '@preact/signals';
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api.ts';
import { t } from '../i18n/index.ts';
import { AVAILABILITY_STATES, type AvailabilityState, type OnDuty, shiftApi } from './shift-api.ts';
import { boardTick } from './shift-live.ts';

const mine = signal<AvailabilityState | null>(null);

/** Who is on duty and in what state, opened from the rail; follows every state change live. */
function OnDutyList() {
  const [open, setOpen] = useState(false);
  const [people, setPeople] = useState<OnDuty[]>([]);
  useEffect(() => {
    if (!open) return;
    return effect(() => {
      boardTick.value;
      void shiftApi.onDuty().then(
        (r) => setPeople(r.items),
        () => {},
      );
    });
  }, [open]);
  return (
    <details class="on-duty" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('shift.onDuty')}</summary>
      <ul>
        {people.map((u) => (
          <li key={u.id} data-user={u.id} data-state={u.state}>
            {u.name} · {t(`shift.state_${u.state}`)} · {t('shift.openCases', { n: u.openCases })}
          </li>
        ))}
      </ul>
    </details>
  );
}

/** The counselor's own state on shift (available, busy, away), in the rail's corner. */
export function AvailabilityPicker() {
  useEffect(() => {
    if (mine.value === null)
      void shiftApi.availability().then(
        (r) => {
          mine.value = r.state;
        },
        () => {},
      );
  }, []);
  return (
    <div class="availability-box">
      <Picker />
      <OnDutyList />
    </div>
  );
}

function Picker() {
  const [error, setError] = useState<string | null>(null);
  return (
    <label class="availability">
      <span class="rail-label">{t('shift.availability')}</span>
      <select
        class="availability-state"
        value={mine.value ?? 'available'}
        data-state={mine.value ?? 'available'}
        onChange={(e) => {
          const next = e.currentTarget.value as AvailabilityState;
          void shiftApi.setAvailability(next).then(
            (r) => {
              mine.value = r.state;
              setError(null);
            },
            (err) =>
              setError(
                t('shift.stateRefused', { reason: err instanceof ApiError ? `HTTP ${err.status}` : String(err) }),
              ),
          );
        }}
      >
        {AVAILABILITY_STATES.map((s) => (
          <option key={s} value={s}>
            {t(`shift.state_${s}`)}
          </option>
        ))}
      </select>
      {error && <span role="alert">{error}</span>}
    </label>
  );
}
