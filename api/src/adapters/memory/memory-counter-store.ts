import type { DayTotals } from '../../domain/counter.js';
import type { CounterStore } from '../../ports/counter-store.js';

/** In-process counters for unit tests and the contract suite's reference implementation. */
export function createMemoryCounterStore(): CounterStore {
  const totals = new Map<string, number>();
  const days = new Map<string, DayTotals>();
  const visitors = new Set<string>();

  return {
    async recordVisit({ counterId, day, visitorHash }) {
      const count = (totals.get(counterId) ?? 0) + 1;
      totals.set(counterId, count);
      const dayKey = `${counterId}\n${day}`;
      const visitorKey = `${dayKey}\n${visitorHash}`;
      const isNew = !visitors.has(visitorKey);
      visitors.add(visitorKey);
      const previous = days.get(dayKey) ?? { date: day, count: 0, uniqueVisitors: 0 };
      const today = {
        date: day,
        count: previous.count + 1,
        uniqueVisitors: previous.uniqueVisitors + (isNew ? 1 : 0),
      };
      days.set(dayKey, today);
      return { count, today: { ...today } };
    },

    async getCounter(counterId, requested) {
      const count = totals.get(counterId);
      if (count === undefined) return undefined;
      const found = requested.flatMap((day) => {
        const totalsForDay = days.get(`${counterId}\n${day}`);
        return totalsForDay ? [{ ...totalsForDay }] : [];
      });
      return { id: counterId, count, days: found };
    },
  };
}
