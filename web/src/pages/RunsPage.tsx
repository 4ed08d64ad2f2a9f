import { Placeholder } from '../components/Placeholder.tsx';

export default function RunsPage() {
  return <Placeholder title="Runs" />;
}
