/** The mini-program's own components are focusable and read by its screen reader: nothing to add. */
export function installKeyboardAccess(): void {}
