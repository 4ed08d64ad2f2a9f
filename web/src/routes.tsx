import { type ComponentType, lazy } from 'react';

/** One page of the portal: its path, its nav label (none for detail pages) and its code. */
export interface PageRoute {
  path: string;
  label?: string;
  Page: ComponentType;
}

// Each page is its own chunk: the first load fetches only the shell and the page it shows.
export const pageRoutes: PageRoute[] = [
  { path: '/', label: 'Overview', Page: lazy(() => import('./pages/OverviewPage.tsx')) },
  { path: '/leads', label: 'Leads', Page: lazy(() => import('./pages/LeadsPage.tsx')) },
  { path: '/leads/new', label: 'New lead', Page: lazy(() => import('./pages/NewLeadPage.tsx')) },
  { path: '/leads/:id', Page: lazy(() => import('./pages/LeadPage.tsx')) },
  {
    path: '/follow-ups',
    label: 'Follow-ups',
    Page: lazy(() => import('./pages/FollowUpsPage.tsx')),
  },
  { path: '/top-leads', label: 'Top leads', Page: lazy(() => import('./pages/TopLeadsPage.tsx')) },
  { path: '/top-posts', label: 'Top posts', Page: lazy(() => import('./pages/TopPostsPage.tsx')) },
  { path: '/rubric', label: 'Rubric', Page: lazy(() => import('./pages/RubricPage.tsx')) },
  { path: '/imports', label: 'Imports', Page: lazy(() => import('./pages/ImportsPage.tsx')) },
  { path: '/runs', label: 'Runs', Page: lazy(() => import('./pages/RunsPage.tsx')) },
];
