import { Placeholder } from '../components/Placeholder.tsx';

export default function LeadsPage() {
  return <Placeholder title="Leads" />;
}
