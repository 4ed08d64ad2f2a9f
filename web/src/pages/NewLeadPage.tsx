import { Placeholder } from '../components/Placeholder.tsx';

export default function NewLeadPage() {
  return <Placeholder title="New lead" />;
}
