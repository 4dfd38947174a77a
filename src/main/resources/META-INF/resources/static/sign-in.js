// A failed sign-in comes back as a redirect that carries no form data: keep the typed email for this tab so the
// person only types the password again.
const form = document.querySelector('form[action="/j_security_check"]');
const email = document.getElementById('j_username');
const key = 'compact-audit-sign-in-email';
if (form && email) {
  if (new URLSearchParams(window.location.search).has('error')) {
    email.value = window.sessionStorage.getItem(key) || '';
  } else {
    window.sessionStorage.removeItem(key);
  }
  form.addEventListener('submit', () => window.sessionStorage.setItem(key, email.value));
}
