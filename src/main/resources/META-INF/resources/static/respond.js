// Progressive enhancement of a standard's page: each question saves itself through the API a moment after
// typing stops; the action fields show only for the grades that need one, the Not applicable reason only for
// Not applicable and the evidence box for every other grade. A box that holds text is never hidden, so nothing
// is saved that cannot be seen. Without JavaScript every box shows and the Save button does the same job.
const form = document.querySelector('form[data-autosave]');
const PAUSE_MS = 1500;
const NEEDS_ACTION = ['requires-improvement', 'inadequate'];
const NOT_APPLICABLE = 'not-applicable';

function dueDate(day, month, year) {
  if (!day && !month && !year) {
    return { value: null };
  }
  const d = Number(day), m = Number(month), y = Number(year);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (!Number.isInteger(d) || !Number.isInteger(m) || !Number.isInteger(y) || y < 1000
      || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return { error: 'the date the action is due is not a real date yet' };
  }
  return { value: `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
}

function enhance(block) {
  const key = block.dataset.question;
  const field = (name) => form.elements.namedItem(`${key}-${name}`);
  const text = (name) => (field(name) ? field(name).value : '');
  const version = block.querySelector('[data-version]');
  const status = block.querySelector('[data-status]');
  const action = block.querySelector('[data-action]');
  const evidence = block.querySelector('[data-evidence]');
  const naReason = block.querySelector('[data-na-reason]');
  let timer = null;
  let chain = Promise.resolve();

  const grade = () => {
    const checked = block.querySelector(`input[name="${key}-grade"]:checked`);
    return checked ? checked.value : null;
  };
  const showFields = () => {
    const hasText = text('action-what') || text('action-owner') || text('action-due-day');
    action.hidden = !NEEDS_ACTION.includes(grade()) && !hasText;
    evidence.hidden = grade() === NOT_APPLICABLE && !text('evidence');
    if (naReason) {
      naReason.hidden = grade() !== NOT_APPLICABLE && !text('naReason');
    }
  };

  const save = async () => {
    const due = dueDate(text('action-due-day').trim(), text('action-due-month').trim(), text('action-due-year').trim());
    if (due.error) {
      status.textContent = `Not saved: ${due.error}.`;
      return;
    }
    const body = {
      grade: grade(),
      evidence: text('evidence'),
      naReason: text('naReason'),
      action: { what: text('action-what'), owner: text('action-owner'), due: due.value },
      version: Number(version.value),
    };
    const response = await fetch(form.dataset.autosave + encodeURIComponent(key), {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
    });
    if (response.ok) {
      const answer = await response.json();
      version.value = answer.version;
      const time = new Date(answer.updatedAt).toLocaleTimeString('en-GB',
        { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' });
      status.textContent = `Saved at ${time}`;
    } else if (response.status === 409) {
      // Someone else saved this answer: let the server show both versions, as it does without JavaScript.
      status.textContent = 'Someone else changed this answer. Showing both versions.';
      form.submit();
    } else {
      const problem = await response.json().catch(() => ({}));
      status.textContent = `Not saved: ${problem.message || 'use the Save button'}`;
    }
  };

  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      chain = chain.then(save).catch(() => { status.textContent = 'Not saved: check your connection and use the Save button.'; });
    }, PAUSE_MS);
  };

  block.addEventListener('input', schedule);
  block.addEventListener('change', () => {
    showFields();
    schedule();
  });
  form.addEventListener('submit', () => clearTimeout(timer));
  showFields();
}

if (form) {
  form.querySelectorAll('[data-question]').forEach(enhance);
}
