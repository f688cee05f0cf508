// The floor of the bundle bench: a hello-world Hono app behind hono's own Lambda adapter, bundled
// with the same settings. What a function costs beyond this is Shutter's own.
import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';

const app = new Hono();
app.get('/', (c) => c.json({ hello: 'world' }));

export const handler = handle(app);
