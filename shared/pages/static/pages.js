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

// The documents page: the file goes straight to the documents bucket. The form's post says what the
// file is (name, kind, type, size) and is answered with a link signed for exactly that type and size,
// valid for minutes; the file is then PUT there, and the page reloaded to show it being checked.
const FIELD_MESSAGES = {
  type: 'Select what the document is',
  contentType: 'The file must be a PDF, Word document (DOCX), JPEG or PNG',
  size: 'The file must be smaller than 10 MB, and not empty',
  name: 'The file name cannot be used: rename the file and try again',
};

for (const form of document.querySelectorAll('form[data-document-upload]')) {
  const summary = document.getElementById('upload-errors');
  const list = document.getElementById('upload-error-list');
  const showErrors = (messages) => {
    list.replaceChildren(
      ...messages.map(({ text, href }) => {
        const item = document.createElement('li');
        const link = document.createElement('a');
        link.href = href;
        link.textContent = text;
        item.append(link);
        return item;
      }),
    );
    summary.hidden = false;
    summary.focus();
  };
  // Not GOV.UK's preventDoubleClick: it swallows a corrected retry within a second of an error shown
  // by this script. An upload in flight is guarded here instead.
  let busy = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    const file = form.querySelector('input[type=file]').files[0];
    const type = form.querySelector('input[name=type]:checked')?.value;
    const problems = [];
    if (!type) problems.push({ text: FIELD_MESSAGES.type, href: '#type' });
    if (!file) problems.push({ text: 'Select a file', href: '#file' });
    else if (file.size === 0 || file.size > Number(form.dataset.maxBytes))
      problems.push({ text: FIELD_MESSAGES.size, href: '#file' });
    if (problems.length > 0) return showErrors(problems);
    const body = new URLSearchParams({
      _csrf: form.querySelector('input[name=_csrf]').value,
      name: file.name,
      type,
      contentType: file.type,
      size: String(file.size),
    });
    busy = true;
    try {
      const answer = await fetch(form.getAttribute('action'), {
        method: 'POST',
        body,
        credentials: 'same-origin',
      });
      const result = await answer.json();
      if (answer.status === 422) {
        const paths = [...new Set(result.errors.map((error) => error.path))];
        return showErrors(
          paths.map((path) => ({
            text: FIELD_MESSAGES[path] ?? 'Check the file',
            href: path === 'type' ? '#type' : '#file',
          })),
        );
      }
      if (answer.status !== 201) throw new Error(`answered ${answer.status}`);
      const put = await fetch(result.upload.url, {
        method: 'PUT',
        headers: result.upload.headers,
        body: file,
      });
      if (!put.ok) throw new Error(`storage answered ${put.status}`);
      window.location.assign(form.dataset.done);
    } catch {
      showErrors([{ text: 'The file could not be uploaded. Try again.', href: '#file' }]);
    } finally {
      busy = false;
    }
  });
}
