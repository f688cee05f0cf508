import { useEffect, useState } from 'preact/hooks';
import type { Schemas } from '../../client/index.js';
import { api } from '../api.js';

type Image = Schemas['Image'];
const TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/avif'] as const;

/** POSTs the file to the upload target (S3's form POST on AWS, our own route locally). */
function upload(
  target: { url: string; fields: Record<string, string> },
  file: File,
  onProgress: (fraction: number) => void,
): Promise<boolean> {
  const form = new FormData();
  for (const [k, v] of Object.entries(target.fields)) form.append(k, v);
  form.append('file', file);
  return new Promise((resolve) => {
    // XHR rather than fetch: only XHR reports upload progress.
    const xhr = new XMLHttpRequest();
    xhr.open('POST', target.url);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => resolve(xhr.status >= 200 && xhr.status < 300);
    xhr.onerror = () => resolve(false);
    xhr.send(form);
  });
}

/** A review's photos: drop to upload (with progress), alt text, the processed variants. */
export function Photos({ reviewId }: { reviewId: string }) {
  const [images, setImages] = useState<Image[]>([]);
  const [alt, setAlt] = useState('');
  const [over, setOver] = useState(false);
  const [progress, setProgress] = useState<number | undefined>();
  const [message, setMessage] = useState('');

  const load = async () => {
    const { data } = await api.GET('/reviews/{id}/images', { params: { path: { id: reviewId } } });
    if (data) setImages(data.items);
    return data?.items ?? [];
  };
  useEffect(() => {
    void load();
  }, [reviewId]);

  const send = async (file: File) => {
    if (!alt.trim())
      return setMessage('Write the alt text first: readers who cannot see it hear it.');
    if (!TYPES.includes(file.type as never))
      return setMessage(`${file.name}: JPEG, PNG, WebP or AVIF only.`);
    setMessage(`Uploading ${file.name}…`);
    const { data, error } = await api.POST('/reviews/{id}/images', {
      params: { path: { id: reviewId } },
      body: { filename: file.name, contentType: file.type as never, size: file.size, alt },
    });
    if (!data) return setMessage(error?.detail ?? 'Could not start the upload');
    setProgress(0);
    const ok = await upload(data.upload, file, setProgress);
    setProgress(undefined);
    if (!ok) return setMessage(`${file.name}: the upload failed`);
    await api.POST('/reviews/{id}/images/{imageId}/complete', {
      params: { path: { id: reviewId, imageId: data.id } },
    });
    setMessage(`Processing ${file.name}…`);
    setAlt('');
    // Processing runs in the background: look again until it is ready or failed.
    for (let i = 0; i < 60; i++) {
      const items = await load();
      const image = items.find((x) => x.id === data.id);
      if (image && image.status !== 'pending') {
        setMessage(
          image.status === 'ready' ? `${file.name} is ready.` : `${file.name}: ${image.reason}`,
        );
        return;
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  };

  const changeAlt = async (image: Image, text: string) => {
    const { data, error } = await api.PATCH('/reviews/{id}/images/{imageId}', {
      params: { path: { id: reviewId, imageId: image.id } },
      body: { alt: text },
    });
    setMessage(data ? 'Alt text saved.' : (error?.detail ?? 'Could not save the alt text'));
    void load();
  };

  const remove = async (image: Image) => {
    if (!confirm(`Remove ${image.filename}?`)) return;
    await api.DELETE('/reviews/{id}/images/{imageId}', {
      params: { path: { id: reviewId, imageId: image.id } },
    });
    void load();
  };

  return (
    <section class="card" aria-labelledby="photos-heading">
      <h2 id="photos-heading">Photos</h2>
      <label for="photo-alt">Alt text for the next photo</label>
      <input id="photo-alt" value={alt} onInput={(e) => setAlt(e.currentTarget.value)} />
      <div
        class={`drop${over ? ' over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          const file = e.dataTransfer?.files[0];
          if (file) void send(file);
        }}
      >
        <p>Drop a photo here, or</p>
        <label for="photo-file">Choose a photo</label>
        <input
          id="photo-file"
          type="file"
          accept={TYPES.join(',')}
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            if (file) void send(file);
            e.currentTarget.value = '';
          }}
        />
        {progress !== undefined && (
          <progress max={1} value={progress} aria-label="Upload progress" />
        )}
      </div>
      <p aria-live="polite">{message}</p>
      <ul>
        {images.map((image) => (
          <li key={image.id} data-testid="photo">
            <p>
              <strong>{image.filename}</strong> <span class="status">{image.status}</span>
              {image.reason && <span class="error"> {image.reason}</span>}
            </p>
            {image.status === 'ready' && image.variants[0] && (
              <img
                src={image.variants.find((v) => v.format === 'jpeg')?.url ?? image.variants[0].url}
                alt={image.alt}
                width={160}
              />
            )}
            {image.variants.length > 0 && (
              <p>
                Variants:{' '}
                {image.variants.map((v) => `${v.format} ${v.width}×${v.height}`).join(', ')}
              </p>
            )}
            <p>
              In the body: <code>{image.markdown}</code>
            </p>
            <label for={`alt-${image.id}`}>Alt text</label>
            <input
              id={`alt-${image.id}`}
              defaultValue={image.alt}
              onChange={(e) => void changeAlt(image, e.currentTarget.value)}
            />
            <button type="button" onClick={() => void remove(image)}>
              Remove photo
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
