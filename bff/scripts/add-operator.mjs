#!/usr/bin/env node
// Prints an `admin.operators` entry for the configuration: the password is hashed here (scrypt,
// the format config/src/admin.ts reads) and never written anywhere. Production creates its first
// operator this way; further operators are added by an admin in the console.
//
//   node bff/scripts/add-operator.mjs <username> <viewer|finance|admin> [display name]
//   (asks for the password; or pipe it in: printf '%s' "$PW" | node bff/scripts/add-operator.mjs …)
import { randomBytes, scryptSync } from 'node:crypto';
import { createInterface } from 'node:readline';

const [username, role, displayName] = process.argv.slice(2);
if (!username || !/^[A-Za-z0-9._-]{2,32}$/.test(username) || !['viewer', 'finance', 'admin'].includes(role ?? '')) {
  process.stderr.write('usage: node bff/scripts/add-operator.mjs <username: 2-32 of A-Z a-z 0-9 . _ -> <viewer|finance|admin> [display name]\n');
  process.exit(2);
}

async function readPassword() {
  if (!process.stdin.isTTY) {
    let text = '';
    for await (const chunk of process.stdin) text += chunk;
    return text.replace(/\r?\n$/, '');
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  process.stderr.write('password (not shown): ');
  rl._writeToOutput = () => {}; // keep the password off the screen
  const pw = await new Promise((resolve) => rl.question('', resolve));
  rl.close();
  process.stderr.write('\n');
  return pw;
}

const password = await readPassword();
if (password.length < 12) {
  process.stderr.write('the password must have at least 12 characters\n');
  process.exit(2);
}
const N = 16384, r = 8, p = 1;
const salt = randomBytes(16);
const hash = scryptSync(password.normalize('NFC'), salt, 32, { N, r, p, maxmem: 64 * 1024 * 1024 });
const entry = { username, displayName: displayName ?? username, role, passwordHash: `scrypt$${N}$${r}$${p}$${salt.toString('base64url')}$${hash.toString('base64url')}` };
process.stdout.write(`${JSON.stringify(entry)}\n`);
