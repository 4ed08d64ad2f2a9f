import { Link, useLocation } from 'react-router';
import { pageRoutes } from '../routes.tsx';

const navRoutes = pageRoutes.filter((route) => route.label !== undefined);

/**
 * The nav entry the address belongs to: the longest nav path that is the address or a parent of
 * it. /leads/new is New lead's, /leads/ld_1 (a lead, not in the nav) is Leads'.
 */
function currentEntry(pathname: string): string | undefined {
  const within = (path: string) =>
    path === '/' ? pathname === '/' : pathname === path || pathname.startsWith(`${path}/`);
  return navRoutes
    .map((route) => route.path)
    .filter(within)
    .sort((a, b) => b.length - a.length)[0];
}

/** The main navigation; on a phone its entries wrap onto more rows, every one in sight. */
export function MainNav() {
  const { pathname } = useLocation();
  const current = currentEntry(pathname);
  return (
    <nav aria-label="Main" className="main-nav">
      <ul>
        {navRoutes.map((route) => (
          <li key={route.path}>
            <Link
              to={route.path}
              className={route.path === current ? 'active' : undefined}
              aria-current={route.path === current ? 'page' : undefined}
            >
              {route.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
