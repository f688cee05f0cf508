import { useEffect, useState } from 'preact/hooks';

/** The path the page shows; `navigate` changes it without a reload. */
export function usePath(): string {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const update = () => setPath(location.pathname);
    addEventListener('popstate', update);
    addEventListener('navigate-console', update);
    return () => {
      removeEventListener('popstate', update);
      removeEventListener('navigate-console', update);
    };
  }, []);
  return path;
}

export function navigate(path: string): void {
  history.pushState(null, '', path);
  dispatchEvent(new Event('navigate-console'));
}

/** A link that navigates in the page (and still works as a link when opened elsewhere). */
export function onLink(event: MouseEvent): void {
  const a = event.currentTarget as HTMLAnchorElement;
  if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
  event.preventDefault();
  navigate(a.getAttribute('href')!);
}
