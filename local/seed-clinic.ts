/**
 * `npm run seed:clinic -- --patients 10000`: a clinic of that many patients in the running local
 * stack's table (`npm start` first; PORT as it uses). Dev only: the local stack's
 * POST /dev/seed/clinic writes them (local/clinic-seed.ts), then the console at /console shows them.
 */
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { patients: { type: 'string', default: '10000' }, port: { type: 'string' } },
});
const port = values.port ?? process.env.PORT ?? '3000';
const patients = Number(values.patients);
const url = `http://127.0.0.1:${port}/dev/seed/clinic`;
console.log(`Seeding ${patients} patients into the local stack at ${url} ...`);
const answer = await fetch(url, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ patients }),
}).catch((error: unknown) => {
  console.error(`The local stack did not answer at ${url} (is npm start running?): ${String(error)}`);
  process.exit(1);
});
const body = (await answer.json()) as Record<string, unknown>;
if (!answer.ok) {
  console.error(JSON.stringify(body, null, 2));
  process.exit(1);
}
console.log(JSON.stringify(body, null, 2));
console.log(`Open http://localhost:${port}/console to see them.`);
