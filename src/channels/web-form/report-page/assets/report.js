/*
 * Progressive enhancement for the public report page. Without this file the form works as a
 * plain POST; with it: the contact fieldset follows the anonymity choice, the description has
 * a character counter, and the form is sent as JSON without a page reload.
 * All words come from data-i18n-* attributes the server rendered; nothing here is translated.
 * Text is only ever set with textContent, never innerHTML.
 */
(() => {
  const form = document.getElementById('report-form');
  if (!form || !window.fetch || !window.FormData) return;

  const lang = form.getAttribute('data-lang') || document.documentElement.lang || 'sr-Latn';
  const text = (key) => form.getAttribute(`data-i18n-${key}`) || '';
  const fill = (tpl, params) =>
    tpl.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
  const numberFormat = new Intl.NumberFormat(lang === 'en' ? 'en-GB' : lang);

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, value);
    for (const child of children || []) node.append(child);
    return node;
  }

  /* Contact details: shown only when the reporter chose to leave them. */
  const contact = document.getElementById('contact-details');
  const showContactRadio = document.getElementById('field-anonymous-false');
  function syncContact() {
    if (!contact || !showContactRadio) return;
    const show = showContactRadio.checked;
    contact.hidden = !show;
    showContactRadio.setAttribute('aria-expanded', String(show));
  }
  if (contact && showContactRadio) {
    showContactRadio.setAttribute('aria-controls', contact.id);
    for (const radio of form.querySelectorAll('input[name="anonymous"]')) radio.addEventListener('change', syncContact);
    syncContact();
  }

  /* Character counter: visible count updates at once, screen readers hear it after a pause. */
  const description = document.getElementById('field-description');
  if (description) {
    const max = Number(description.getAttribute('maxlength')) || 20000;
    const visible = el('p', { class: 'char-count', 'aria-hidden': 'true' });
    const live = el('p', { class: 'visually-hidden', 'aria-live': 'polite' });
    description.after(visible, live);
    let timer;
    const message = () =>
      fill(text('char-count'), { count: numberFormat.format(description.value.length), max: numberFormat.format(max) });
    const update = () => {
      visible.textContent = message();
      clearTimeout(timer);
      timer = setTimeout(() => {
        live.textContent = message();
      }, 1200);
    };
    visible.textContent = message();
    description.addEventListener('input', update);
  }

  /* Errors */
  function focusField(field) {
    const control = document.getElementById(`field-${field}`);
    if (!control) return;
    const group = control.closest('[data-field]');
    const heading = group?.querySelector('legend, label');
    control.focus({ preventScroll: true });
    (heading || control).scrollIntoView({ block: 'start' });
  }

  function onSummaryClick(event) {
    const link = event.target.closest('a[href^="#field-"]');
    if (!link) return;
    event.preventDefault();
    focusField(link.getAttribute('href').slice('#field-'.length));
  }

  function clearErrors() {
    for (const node of document.querySelectorAll('.error-summary, .report-form .field-error')) node.remove();
    for (const group of form.querySelectorAll('.field--error')) group.classList.remove('field--error');
    for (const node of form.querySelectorAll('[aria-invalid]')) node.removeAttribute('aria-invalid');
    for (const node of form.querySelectorAll('[data-describe][aria-describedby]')) {
      const ids = node
        .getAttribute('aria-describedby')
        .split(/\s+/)
        .filter((id) => id && !id.startsWith('error-'));
      if (ids.length > 0) node.setAttribute('aria-describedby', ids.join(' '));
      else node.removeAttribute('aria-describedby');
    }
  }

  function showSummary(children) {
    const main = document.getElementById('main') || form.parentNode;
    const summary = el(
      'div',
      {
        class: 'error-summary',
        id: 'error-summary',
        role: 'alert',
        'aria-labelledby': 'error-summary-title',
        tabindex: '-1',
      },
      [
        el('h2', { class: 'error-summary-title', id: 'error-summary-title' }, [text('error-summary-title')]),
        ...children,
      ],
    );
    summary.addEventListener('click', onSummaryClick);
    main.prepend(summary);
    summary.scrollIntoView({ block: 'start' });
    summary.focus({ preventScroll: true });
  }

  function showFieldErrors(list) {
    clearErrors();
    const byField = new Map();
    for (const e of list) {
      if (!e || typeof e.field !== 'string' || typeof e.message !== 'string') continue;
      byField.set(e.field, byField.has(e.field) ? `${byField.get(e.field)} ${e.message}` : e.message);
    }
    const items = [];
    for (const [field, message] of byField) {
      const group = Array.from(form.querySelectorAll('[data-field]')).find(
        (g) => g.getAttribute('data-field') === field,
      );
      if (group) {
        if (contact?.contains(group)) contact.hidden = false;
        const errorId = `error-${field}`;
        const p = el('p', { class: 'field-error', id: errorId }, [
          el('span', { class: 'visually-hidden' }, [text('error-prefix')]),
          ` ${message}`,
        ]);
        const anchor = group.querySelector('[data-error-anchor]');
        if (anchor) anchor.before(p);
        else group.prepend(p);
        group.classList.add('field--error');
        for (const node of group.querySelectorAll('[data-describe]')) {
          const ids = (node.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
          node.setAttribute('aria-describedby', [...ids, errorId].join(' '));
        }
        for (const control of group.querySelectorAll('input, textarea, select'))
          control.setAttribute('aria-invalid', 'true');
      }
      const target = document.getElementById(`field-${field}`);
      const linkable = target && target.type !== 'hidden' && group;
      items.push(el('li', {}, [linkable ? el('a', { href: `#field-${field}` }, [message]) : message]));
    }
    if (items.length === 0) return showMessage(text('server-error'));
    showSummary([el('ul', { class: 'error-summary-list' }, items)]);
  }

  function showMessage(message) {
    clearErrors();
    showSummary([el('p', {}, [message])]);
  }

  /* Success: the same content as the server's thank-you page. */
  function showThanks(reference, receipt) {
    const main = document.getElementById('main');
    if (!main) return;
    const item = (label, value) =>
      el('div', { class: 'receipt-item' }, [
        el('dt', {}, [label]),
        el('dd', {}, [el('code', { class: 'code-big' }, [value])]),
      ]);
    const title = el('h1', { class: 'page-title', id: 'thanks-title', tabindex: '-1' }, [text('thanks-title')]);
    const thanks = el('div', { class: 'thanks' }, [
      title,
      el('p', { class: 'lead' }, [text('thanks-intro')]),
      el('dl', { class: 'receipt' }, [
        item(text('thanks-reference'), reference),
        item(text('thanks-receipt'), receipt),
      ]),
      el('p', { class: 'notice' }, [el('strong', {}, [text('thanks-receipt-note')])]),
      el('p', {}, [text('thanks-next')]),
      el('p', { class: 'emergency' }, [text('thanks-emergency')]),
      el('p', {}, [el('a', { href: form.getAttribute('data-back-href') || '?' }, [text('thanks-back')])]),
    ]);
    main.replaceChildren(thanks);
    // Switching language now would reload the form and lose the receipt code, shown only once.
    const switcher = document.querySelector('.lang-switch');
    if (switcher) switcher.hidden = true;
    const suffix = document.title.split(' — ').slice(1).join(' — ');
    document.title = suffix ? `${text('thanks-title')} — ${suffix}` : text('thanks-title');
    window.scrollTo(0, 0);
    title.focus({ preventScroll: true });
  }

  /* Submit as JSON */
  const button = form.querySelector('button[type="submit"]');
  const buttonLabel = button ? button.textContent : '';
  let busy = false;
  function setBusy(on) {
    busy = on;
    form.setAttribute('aria-busy', String(on));
    if (!button) return;
    button.disabled = on;
    button.textContent = on ? text('sending') || buttonLabel : buttonLabel;
  }

  function payload() {
    const data = new FormData(form);
    const str = (name) => {
      const v = data.get(name);
      return typeof v === 'string' ? v : '';
    };
    const anonymous = str('anonymous') !== 'false';
    return {
      kind: str('kind') || 'report',
      description: str('description'),
      urls: str('urls')
        .split(/\r?\n/)
        .map((s) => s.trim())
        .filter((s) => s !== ''),
      category: str('category'),
      reporterRole: str('reporterRole'),
      ageGroup: str('ageGroup'),
      anonymous,
      // Someone who chose anonymity sends no contact details, even if they typed some first.
      email: anonymous ? '' : str('email').trim(),
      phone: anonymous ? '' : str('phone').trim(),
      consent: !anonymous && str('consent') === 'true',
      language: str('language') || lang,
      website: str('website'),
      submission: str('submission'),
    };
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    let response;
    try {
      response = await fetch(form.getAttribute('data-api') || '/api/reports', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Accept-Language': lang },
        body: JSON.stringify(payload()),
      });
    } catch {
      setBusy(false);
      showMessage(text('network-error'));
      return;
    }
    let body = null;
    try {
      body = await response.json();
    } catch {
      body = null;
    }
    if (response.status === 202 && body && typeof body.reference === 'string' && typeof body.receipt === 'string') {
      showThanks(body.reference, body.receipt);
      return;
    }
    setBusy(false);
    const list = body && (Array.isArray(body.errors) ? body.errors : Array.isArray(body.fields) ? body.fields : null);
    if (response.status === 400 && list) showFieldErrors(list);
    else if (response.status === 409 && body && typeof body.message === 'string') {
      // This form's key was used for other content: what is on screen goes as a new report next time.
      const key = form.querySelector('input[name="submission"]');
      // Without randomUUID (plain http) the next post goes without a key: a new report all the same.
      if (key) key.value = window.crypto?.randomUUID ? window.crypto.randomUUID() : '';
      showMessage(body.message);
    } else if ((response.status === 429 || response.status === 413) && body && typeof body.message === 'string')
      showMessage(body.message);
    else showMessage(text('server-error'));
  });

  /* A summary the server rendered (form posted without JavaScript): links focus their field. */
  const serverSummary = document.getElementById('error-summary');
  if (serverSummary) {
    serverSummary.addEventListener('click', onSummaryClick);
    serverSummary.focus();
  }
})();
