import { Placeholder } from '../components/Placeholder.tsx';

export default function LeadPage() {
  return <Placeholder title="Lead" />;
}
