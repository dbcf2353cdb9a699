/** "a, b,,c" → ['a', 'b', 'c']: a build-time comma-separated list of template ids. */
export function templateList(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
}
