import { useEffect } from 'react';

/** Forms holding typed text not saved yet, by a key of their own. */
const unsaved = new Set<string>();

/** Registers a form's typed, unsaved text while `dirty`, so a client switch asks first. */
export function useUnsavedWork(key: string, dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return;
    unsaved.add(key);
    return () => {
      unsaved.delete(key);
    };
  }, [key, dirty]);
}

/** True when nothing typed would be lost, or the person agreed to lose it. */
export function confirmLosingUnsavedWork(): boolean {
  if (unsaved.size === 0) return true;
  return window.confirm('A note you typed is not saved yet. Switch client and lose it?');
}
