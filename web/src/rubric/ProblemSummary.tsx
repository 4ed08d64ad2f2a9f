import { errorMessage } from '../components/ErrorState.tsx';
import { type FieldProblem, readablePath } from './field-errors.ts';

/** Every problem the API named, in one announced list; each is also shown at its field. */
export function ProblemSummary(props: { problems: FieldProblem[]; error: unknown }) {
  if (props.problems.length === 0) {
    return props.error ? (
      <p role="alert" className="error">
        {errorMessage(props.error)}
      </p>
    ) : null;
  }
  return (
    <div role="alert" className="problem-summary">
      <p>
        {props.problems.length === 1
          ? 'One field needs a change:'
          : `${props.problems.length} fields need a change:`}
      </p>
      <ul>
        {props.problems.map((problem) => (
          <li key={problem.path}>
            {readablePath(problem.path)}: {problem.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
