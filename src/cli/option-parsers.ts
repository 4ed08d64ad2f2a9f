import { InvalidArgumentError } from 'commander';

/** A number option: commander reports a bad value as a one-line usage error. */
export function numberOption(value: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number)) {
    throw new InvalidArgumentError('must be a number.');
  }
  return number;
}

export function positiveIntegerOption(value: string): number {
  const number = numberOption(value);
  if (!Number.isInteger(number) || number < 1) {
    throw new InvalidArgumentError('must be a whole number of at least 1.');
  }
  return number;
}

/** A score from 0 to 100, such as a threshold. */
export function scoreOption(value: string): number {
  const score = numberOption(value);
  if (score < 0 || score > 100) throw new InvalidArgumentError('must be a score from 0 to 100.');
  return score;
}

/** A repeatable option that also takes comma-separated values: `--tag a --tag b,c`. */
export function listOption(value: string, previous: string[] | undefined): string[] {
  const items = value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  return [...(previous ?? []), ...items];
}

/** A repeatable option kept whole: `--client a --client b`. */
export function repeatOption(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
