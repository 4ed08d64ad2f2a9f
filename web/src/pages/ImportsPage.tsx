import { Placeholder } from '../components/Placeholder.tsx';

export default function ImportsPage() {
  return <Placeholder title="Imports" />;
}
