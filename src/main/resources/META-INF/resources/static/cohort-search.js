// Search as you type on the round page: after a pause in typing, fetch the page's own results step (the same
// GET that the Search button makes without JavaScript) and show its results in place.
const form = document.querySelector('form[data-cohort-search]');
const live = document.getElementById('add-results-live');
if (form && live) {
  const input = form.querySelector('input[name="find"]');
  let timer;
  let latest = 0;
  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(async () => {
      const typed = input.value.trim();
      const asked = ++latest;
      if (typed.length < 2) {
        return;
      }
      const url = new URL(form.action, window.location.href);
      url.hash = '';
      url.searchParams.set('find', typed);
      const response = await fetch(url, { credentials: 'same-origin' });
      if (asked !== latest || !response.ok) {
        return;
      }
      const page = new DOMParser().parseFromString(await response.text(), 'text/html');
      const results = page.getElementById('add-results');
      live.replaceChildren(...(results ? [document.importNode(results, true)] : []));
    }, 300);
  });
}
