// Draws docs/movement-pictures.png, the contact sheet of every movement picture (tools/contact-sheet.ts).
import { join } from 'node:path';
import { renderContactSheet } from '../tools/contact-sheet.ts';

const path = join(import.meta.dirname, '..', 'docs', 'movement-pictures.png');
await renderContactSheet(path);
console.log(`wrote ${path}`);
