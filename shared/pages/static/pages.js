// Progressive enhancement only: every page works without this file.
import { initAll } from '/static/govuk-frontend.min.js';

initAll();

// Task forms marked data-autosave save a draft in the background while someone types, so a long
// assessment survives a closed laptop or a timeout. The "Save draft" button does the same without script.
const SAVE_EVERY_MS = 15000;

for (const form of document.querySelectorAll('form[data-autosave]')) {
  const status = document.getElementById(form.dataset.autosaveStatus || '');
  let dirty = false;
  let saving = false;
  form.addEventListener('input', () => {
    dirty = true;
  });
  form.addEventListener('change', () => {
    dirty = true;
  });
  form.addEventListener('submit', () => {
    dirty = false;
  });
  const save = async () => {
    if (!dirty || saving) return;
    saving = true;
    dirty = false;
    const body = new URLSearchParams(new FormData(form));
    body.set('action', 'save-draft');
    try {
      // The form's own action attribute: `form.action` would be its button named "action" (DOM clobbering).
      const response = await fetch(form.getAttribute('action'), {
        method: 'POST',
        body,
        credentials: 'same-origin',
        headers: { 'x-autosave': '1' },
        redirect: 'manual',
      });
      if (response.status === 204 && status) {
        const time = new Date().toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
        status.textContent = `Draft saved at ${time}`;
      } else {
        dirty = true;
      }
    } catch {
      dirty = true;
    } finally {
      saving = false;
    }
  };
  setInterval(save, SAVE_EVERY_MS);
}
