/**
 * Page furniture shared by every page: the document's title and where focus goes after a navigation.
 *
 * A page's title is its h1 followed by the application's name ("Meetings — Forum"), so every page has its own, in the
 * language shown. Focus: the first page of a visit leaves focus alone (the skip link stays the first stop); after
 * a navigation inside the app, focus goes to the new page's h1, as a page load would read it out.
 */

let focusPending = false;
let userHasInteracted = false;
if (typeof window !== 'undefined') {
  // redirects before the person does anything (a session restored, /en → /) are part of the first page load
  const mark = () => (userHasInteracted = true);
  window.addEventListener('pointerdown', mark, { capture: true, once: true });
  window.addEventListener('keydown', mark, { capture: true, once: true });
}

export function pageTitle(heading: string, appName: string): string {
  const text = heading.replace(/\s+/g, ' ').trim();
  return text ? `${text} — ${appName}` : appName;
}

/** Focuses the h1 a gcds-heading renders in its shadow root (rendered a frame or two after it is attached). */
function focusHeading(host: Element, attempts = 30): void {
  const h1 = host.shadowRoot?.querySelector('h1') ?? (host.tagName === 'H1' ? (host as HTMLElement) : null);
  if (!h1) {
    if (attempts > 0) requestAnimationFrame(() => focusHeading(host, attempts - 1));
    return;
  }
  h1.setAttribute('tabindex', '-1');
  h1.style.outline = 'none';
  h1.focus({ preventScroll: false });
}

/** Called by the shell when the address's path changed: the page's h1 takes focus, now or once it is shown. */
export function navigated(): void {
  if (!userHasInteracted) return;
  const heading = document.querySelector('#main-content gcds-heading[data-page-heading], #main-content h1');
  if (heading) focusHeading(heading);
  else focusPending = true;
}

/** Called by each page heading when it appears: takes the focus a navigation left waiting for it. */
export function headingShown(host: Element): void {
  if (!focusPending) return;
  focusPending = false;
  focusHeading(host);
}
