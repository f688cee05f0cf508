/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The reader site's one script, an island over server-rendered pages that work without it:
 * - the search form (`#search`) searches as the reader types: it fetches the same page for the
 *   form's state and swaps in its results and filter options, keeping the URL in step, so the
 *   address bar always reproduces the view;
 * - empty fields are left out of the URL (`/?q=sony`, not `/?q=sony&brand=&type=…`);
 * - the compare form (`#compare`) goes to `/compare?slugs=a,b,c` and says how many are picked.
 * Built by esbuild into reader-script.generated.ts (npm run build:pages), served content-hashed.
 */

const DEBOUNCE_MS = 250;

/** The form's state as a query string, without the empty fields. */
function queryOf(form: HTMLFormElement): string {
  const params = new URLSearchParams();
  for (const [name, value] of new FormData(form)) {
    if (typeof value === 'string' && value.trim() !== '') params.append(name, value.trim());
  }
  const query = params.toString();
  return query ? `?${query}` : '';
}

function setUpSearch(form: HTMLFormElement): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let latest = 0;

  async function update(push: boolean): Promise<void> {
    const url = `${form.action.replace(/\?.*$/, '')}${queryOf(form)}`;
    const ticket = ++latest;
    const results = document.getElementById('results');
    results?.setAttribute('aria-busy', 'true');
    try {
      const response = await fetch(url, { headers: { Accept: 'text/html' } });
      if (!response.ok || ticket !== latest) return;
      const next = new DOMParser().parseFromString(await response.text(), 'text/html');
      if (ticket !== latest) return;
      const fresh = next.getElementById('results');
      if (results && fresh) results.innerHTML = fresh.innerHTML;
      // Facet counts follow the result, except in the control the reader is using.
      for (const select of form.querySelectorAll('select')) {
        const replacement = next.getElementById(select.id);
        if (select !== document.activeElement && replacement) {
          select.innerHTML = replacement.innerHTML;
        }
      }
      document.title = next.title;
      if (push) history.pushState(null, '', url);
      else history.replaceState(null, '', url);
    } catch {
      // Offline or interrupted: the form still submits the ordinary way.
    } finally {
      if (ticket === latest) results?.removeAttribute('aria-busy');
    }
  }

  form.addEventListener('input', (event) => {
    if (!(event.target instanceof HTMLInputElement)) return;
    clearTimeout(timer);
    timer = setTimeout(() => void update(false), DEBOUNCE_MS);
  });
  form.addEventListener('change', (event) => {
    if (event.target instanceof HTMLSelectElement) void update(true);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(timer);
    void update(true);
  });
  window.addEventListener('popstate', () => location.reload());
}

function setUpCompare(form: HTMLFormElement): void {
  const status = form.querySelector<HTMLElement>('[data-picked]');
  const picked = () =>
    Array.from(form.elements)
      .filter((e): e is HTMLInputElement => e instanceof HTMLInputElement && e.checked)
      .map((e) => e.value);
  const show = () => {
    if (status) status.textContent = `${picked().length} of 2–4 picked`;
  };
  // The checkboxes may sit outside the form (the `form` attribute): listen on the document.
  document.addEventListener('change', (event) => {
    if (event.target instanceof HTMLInputElement && event.target.form === form) show();
  });
  form.addEventListener('submit', (event) => {
    const slugs = picked();
    if (slugs.length < 2 || slugs.length > 4) return;
    event.preventDefault();
    location.href = `${form.action.replace(/\?.*$/, '')}?slugs=${slugs.join(',')}`;
  });
  show();
}

const search = document.getElementById('search');
if (search instanceof HTMLFormElement) setUpSearch(search);
const compare = document.getElementById('compare');
if (compare instanceof HTMLFormElement) setUpCompare(compare);
