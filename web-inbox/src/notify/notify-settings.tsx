import { render } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError } from '../api.ts';
import { type Key, t } from '../i18n/index.ts';
import { modal } from '../phone-dialog.ts';
import { type NotificationSettings, shiftApi } from '../shift/shift-api.ts';
import { notifySettings } from './notifier.ts';

const reasonOf = (err: unknown) =>
  err instanceof ApiError ? (err.reason ?? `HTTP ${err.status}`) : err instanceof Error ? err.message : String(err);

const CHOICES: { key: keyof NotificationSettings; label: Key }[] = [
  { key: 'urgent', label: 'shift.notifyUrgent' },
  { key: 'assigned', label: 'shift.notifyAssigned' },
  { key: 'reply', label: 'shift.notifyReply' },
  { key: 'sound', label: 'shift.notifySound' },
  { key: 'doNotDisturb', label: 'shift.notifyDnd' },
  { key: 'showContent', label: 'shift.notifyShowContent' },
];

const permissionNow = (): NotificationPermission | 'unsupported' =>
  'Notification' in window ? Notification.permission : 'unsupported';

/** The counselor's notification settings; the browser's permission is asked only from the button here. */
function NotifySettings() {
  const [s, setS] = useState<NotificationSettings>(notifySettings.value);
  const [permission, setPermission] = useState(permissionNow());
  const [status, setStatus] = useState<string | null>(null);
  const save = async () => {
    try {
      notifySettings.value = await shiftApi.saveSettings(s);
      setStatus(t('shift.saved'));
    } catch (err) {
      setStatus(t('shift.saveFailed', { reason: reasonOf(err) }));
    }
  };
  return (
    <form
      class="notify-settings"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <p class="notify-permission">
        {permission === 'granted' && t('shift.browserGranted')}
        {permission === 'denied' && t('shift.browserDenied')}
        {permission === 'unsupported' && t('shift.browserUnsupported')}
        {permission === 'default' && (
          <button
            type="button"
            class="allow-notifications"
            onClick={() => void Notification.requestPermission().then(() => setPermission(permissionNow()))}
          >
            {t('shift.allowBrowser')}
          </button>
        )}
      </p>
      {CHOICES.map((c) => (
        <label key={c.key} class="check">
          <input
            type="checkbox"
            name={c.key}
            checked={s[c.key]}
            onChange={(e) => setS({ ...s, [c.key]: e.currentTarget.checked })}
          />{' '}
          {t(c.label)}
        </label>
      ))}
      <button type="submit" class="primary">
        {t('shift.save')}
      </button>
      {status && (
        <p role="status" class="notify-status">
          {status}
        </p>
      )}
    </form>
  );
}

export function openNotifySettings(): HTMLDialogElement {
  const { dialog, body } = modal(t('shift.notificationsTitle'), 'notify-dialog');
  render(<NotifySettings />, body);
  dialog.addEventListener('close', () => render(null, body));
  return dialog;
}
