import { useEffect, useState } from 'preact/hooks';
import type { Schemas } from '../../client/index.js';
import { api } from '../api.js';

type Counter = Schemas['AdminCounter'];

/** Daily visits and unique visitors as bars, with the numbers in a table for screen readers. */
function Chart({ counter }: { counter: Counter }) {
  const days = counter.daily;
  const max = Math.max(1, ...days.map((d) => d.count));
  const w = 640;
  const h = 200;
  const step = w / Math.max(1, days.length);
  const y = (v: number) => h - (v / max) * (h - 20);
  return (
    <figure>
      <svg
        viewBox={`0 0 ${w} ${h + 20}`}
        role="img"
        aria-labelledby="chart-title chart-desc"
        style={{ width: '100%', maxWidth: '40rem' }}
      >
        <title id="chart-title">Daily visits and unique visitors of {counter.id}</title>
        <desc id="chart-desc">
          {days.length} days, at most {max} visits a day. The table below lists every day.
        </desc>
        {days.map((d, i) => (
          <g key={d.date}>
            <rect
              x={i * step + 2}
              y={y(d.count)}
              width={step / 2 - 2}
              height={h - y(d.count)}
              fill="#0b57d0"
            />
            <rect
              x={i * step + step / 2}
              y={y(d.uniqueVisitors)}
              width={step / 2 - 2}
              height={h - y(d.uniqueVisitors)}
              fill="#146c2e"
            />
          </g>
        ))}
        <line x1="0" x2={w} y1={h} y2={h} stroke="#555" />
        <text x="0" y={h + 16} font-size="12">
          {days[0]?.date}
        </text>
        <text x={w} y={h + 16} font-size="12" text-anchor="end">
          {days.at(-1)?.date}
        </text>
      </svg>
      <figcaption>
        <span style={{ color: '#0b57d0' }}>■</span> visits{' '}
        <span style={{ color: '#146c2e' }}>■</span> unique visitors
      </figcaption>
      <details>
        <summary>The numbers</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Visits</th>
              <th scope="col">Unique visitors</th>
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.date}>
                <td>{d.date}</td>
                <td>{d.count}</td>
                <td>{d.uniqueVisitors}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

export function Counters() {
  const [id, setId] = useState('default');
  const [counter, setCounter] = useState<Counter | undefined>();
  const [message, setMessage] = useState('');
  const load = async (counterId: string) => {
    const { data, error } = await api.GET('/counters/{counterId}', {
      params: { path: { counterId } },
    });
    setCounter(data);
    setMessage(error?.detail ?? '');
  };
  useEffect(() => void load('default'), []);
  const togglePublic = async () => {
    if (!counter) return;
    await api.PUT('/counters/{counterId}/public', {
      params: { path: { counterId: counter.id } },
      body: { public: !counter.public },
    });
    void load(counter.id);
  };
  return (
    <section aria-labelledby="counters-heading">
      <h1 id="counters-heading">Counters</h1>
      <form
        class="row"
        onSubmit={(e) => {
          e.preventDefault();
          void load(id);
        }}
      >
        <div>
          <label for="counter-id">Counter id</label>
          <input id="counter-id" value={id} onInput={(e) => setId(e.currentTarget.value)} />
        </div>
        <div>
          <button type="submit">Show</button>
        </div>
      </form>
      <p role="alert" class="error">
        {message}
      </p>
      {counter && (
        <div class="card">
          <h2>
            {counter.id}: {counter.count} visits
          </h2>
          <p>
            {counter.public ? 'Public: its badges answer without a key.' : 'Private.'}{' '}
            <button type="button" onClick={() => void togglePublic()}>
              {counter.public ? 'Make private' : 'Make public'}
            </button>
          </p>
          <Chart counter={counter} />
        </div>
      )}
    </section>
  );
}
