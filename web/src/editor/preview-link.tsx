import { useState } from 'preact/hooks';
import { api } from '../api.js';

/**
 * A link to share the review as readers will see it, draft or not, with someone who has no
 * account: it works until it expires (24 h) or the editor revokes every link of the review.
 */
export function PreviewLink({ reviewId }: { reviewId: string }) {
  const [link, setLink] = useState<{ url: string; expiresAt: string } | undefined>();
  const [message, setMessage] = useState('');

  const share = async () => {
    const { data, error } = await api.POST('/reviews/{id}/preview', {
      params: { path: { id: reviewId } },
      body: {},
    });
    if (!data) return setMessage(error?.detail ?? 'Could not make a preview link');
    setLink(data);
    setMessage('');
  };
  const revoke = async () => {
    const { response } = await api.DELETE('/reviews/{id}/preview', {
      params: { path: { id: reviewId } },
    });
    if (response.status !== 204) return setMessage('Could not revoke the preview links');
    setLink(undefined);
    setMessage('Every preview link of this review is revoked.');
  };

  const absolute = link ? new URL(link.url, window.location.origin).href : '';
  return (
    <div class="preview-link">
      <button type="button" onClick={() => void share()}>
        Share a preview link
      </button>{' '}
      <button type="button" onClick={() => void revoke()}>
        Revoke preview links
      </button>
      {link && (
        <p>
          <a href={link.url} data-testid="preview-link" target="_blank" rel="noopener">
            {absolute}
          </a>{' '}
          (until {new Date(link.expiresAt).toLocaleString()}){' '}
          <button type="button" onClick={() => void navigator.clipboard?.writeText(absolute)}>
            Copy
          </button>
        </p>
      )}
      {message && <p role="status">{message}</p>}
    </div>
  );
}
