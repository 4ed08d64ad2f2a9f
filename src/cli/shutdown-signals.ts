/** Resolves with the first of `signals` this process receives; later ones go to `onAgain`. */
export function nextSignal(
  onAgain: (signal: NodeJS.Signals) => void = () => undefined,
  signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'],
): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    let received = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (received) {
        onAgain(signal);
        return;
      }
      received = true;
      resolve(signal);
    };
    for (const name of signals) process.on(name, onSignal);
  });
}
