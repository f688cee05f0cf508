/**
 * A small least-recently-used map: a `Map` re-inserted on each hit keeps use order, and the
 * oldest entry goes when it grows past `size`.
 */
export function createLru<V>(size: number) {
  const map = new Map<string, V>();
  return {
    get(key: string): V | undefined {
      const value = map.get(key);
      if (value !== undefined) {
        map.delete(key);
        map.set(key, value);
      }
      return value;
    },
    set(key: string, value: V): void {
      map.delete(key);
      map.set(key, value);
      if (map.size > size) map.delete(map.keys().next().value!);
    },
    delete(key: string): void {
      map.delete(key);
    },
    get size(): number {
      return map.size;
    },
  };
}
