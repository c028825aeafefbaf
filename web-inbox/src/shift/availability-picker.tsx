import { signal } from '@preact/signals';
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api.ts';
import { t } from '../i18n/index.ts';
import { AVAILABILITY_STATES, type AvailabilityState, shiftApi } from './shift-api.ts';

const mine = signal<AvailabilityState | null>(null);

/** The counselor's own state on shift (available, busy, away), in the rail's corner. */
export function AvailabilityPicker() {
  const [error, setError] = useState<string | null>(null);
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
