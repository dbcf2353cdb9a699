const ID_CHARS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A fresh requestId for one tap's order: a retry of the same tap sends it again and gets the same order. */
export function newRequestToken(prefix: string): string {
  let id = prefix;
  for (let i = 0; i < 20; i++) id += ID_CHARS[Math.floor(Math.random() * ID_CHARS.length)];
  return id;
}
