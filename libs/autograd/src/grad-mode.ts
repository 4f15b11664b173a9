let gradEnabled = true;

/** Whether ops currently record onto the tape. */
export function isGradEnabled(): boolean {
  return gradEnabled;
}

/**
 * Runs `body` without recording: results carry no graph and `requiresGrad` is false (PyTorch's `no_grad`). Use
 * it for evaluation and for optimizer updates.
 */
export function noGrad<T>(body: () => T): T {
  const previous = gradEnabled;
  gradEnabled = false;
  try {
    return body();
  } finally {
    gradEnabled = previous;
  }
}
