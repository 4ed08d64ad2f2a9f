import { Placeholder } from '../components/Placeholder.tsx';

export default function OverviewPage() {
  return <Placeholder title="Overview" />;
}
