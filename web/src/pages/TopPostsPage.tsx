import { Placeholder } from '../components/Placeholder.tsx';

export default function TopPostsPage() {
  return <Placeholder title="Top posts" />;
}
