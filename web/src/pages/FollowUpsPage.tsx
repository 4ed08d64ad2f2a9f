import { Placeholder } from '../components/Placeholder.tsx';

export default function FollowUpsPage() {
  return <Placeholder title="Follow-ups" />;
}
