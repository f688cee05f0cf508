import { useState } from 'preact/hooks';

/** A secret shown once, with a copy button. */
export function Secret({ label, value }: { label: string; value: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div class="card" role="status">
      <p>
        <strong>{label}</strong> It is shown only this once: copy it now.
      </p>
      <p class="secret" data-testid="secret">
        {value}
      </p>
      <button
        type="button"
        onClick={() =>
          void navigator.clipboard?.writeText(value).then(
            () => setCopied(true),
            () => setCopied(false),
          )
        }
      >
        Copy
      </button>
      <span aria-live="polite">{copied ? 'Copied.' : ''}</span>
    </div>
  );
}
