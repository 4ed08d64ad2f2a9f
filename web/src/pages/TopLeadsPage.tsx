import { Placeholder } from '../components/Placeholder.tsx';

export default function TopLeadsPage() {
  return <Placeholder title="Top leads" />;
}
