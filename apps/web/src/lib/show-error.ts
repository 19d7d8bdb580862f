import { ApiError, describeError } from './api-error';
import { toasts } from './toasts.svelte';

/**
 * The one place errors that are not tied to a form field reach people: a toast. A lost session is
 * already handled by the API layer (it sends people to sign in), so it is not repeated here.
 */
export function showError(error: unknown): void {
  if (error instanceof ApiError && error.code === 'unauthenticated') return;
  if (!(error instanceof ApiError)) console.error(error);
  toasts.show('error', describeError(error));
}
