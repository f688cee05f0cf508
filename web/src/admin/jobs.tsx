import { useEffect, useState } from 'preact/hooks';
import type { Schemas } from '../../client/index.js';
import { api } from '../api.js';

export function Jobs() {
  const [queue, setQueue] = useState<Schemas['JobQueue'] | undefined>();
  const [message, setMessage] = useState('');
  const load = async () => {
    const { data, error } = await api.GET('/jobs');
    setQueue(data);
    // Only a failure replaces the message: a reload right after a retry keeps its confirmation.
    if (error) setMessage(error.detail ?? 'The queue could not be read.');
  };
  useEffect(() => void load(), []);
  const retry = async (id: string) => {
    const { error } = await api.POST('/jobs/{id}/retry', { params: { path: { id } } });
    setMessage(error ? (error.detail ?? `${id} could not be retried.`) : `Queued ${id} again.`);
    await load();
  };
  return (
    <section aria-labelledby="jobs-heading">
      <h1 id="jobs-heading">Job queue</h1>
      <p aria-live="polite">{message}</p>
      {queue && (
        <>
          <p>
            {queue.pending} pending, {queue.leased} running, {queue.dead} failed.{' '}
            <button type="button" onClick={() => void load()}>
              Refresh
            </button>
          </p>
          <table>
            <caption>Failed jobs</caption>
            <thead>
              <tr>
                <th scope="col">Job</th>
                <th scope="col">Reason</th>
                <th scope="col">Attempts</th>
                <th scope="col">Failed at</th>
                <th scope="col">Retry</th>
              </tr>
            </thead>
            <tbody>
              {queue.deadJobs.map((j) => (
                <tr key={j.id} data-testid="dead-job">
                  <td>
                    <code>{j.id}</code> ({j.type})
                  </td>
                  <td>{j.lastError}</td>
                  <td>{j.attempts}</td>
                  <td>{new Date(j.diedAt).toLocaleString()}</td>
                  <td>
                    <button type="button" onClick={() => void retry(j.id)}>
                      Retry {j.id}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
