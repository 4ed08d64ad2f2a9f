import { Placeholder } from '../components/Placeholder.tsx';

export default function RubricPage() {
  return <Placeholder title="Rubric" />;
}
