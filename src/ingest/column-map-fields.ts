/**
 * The lead fields a plain CSV's columns can be mapped to, as `--map` and the portal's column map
 * name them, with a label for people. Plain data without imports: the portal shows the same list.
 */
export const columnMapFields = [
  { field: 'url', label: 'LinkedIn profile URL' },
  { field: 'sales_nav_url', label: 'Sales Navigator URL' },
  { field: 'member_id', label: 'LinkedIn member ID' },
  { field: 'full_name', label: 'Full name' },
  { field: 'first_name', label: 'First name' },
  { field: 'last_name', label: 'Last name' },
  { field: 'headline', label: 'Headline' },
  { field: 'position', label: 'Position' },
  { field: 'company', label: 'Company' },
  { field: 'industry', label: 'Industry' },
  { field: 'location', label: 'Location' },
  { field: 'about', label: 'About' },
  { field: 'email', label: 'Email' },
  { field: 'phone', label: 'Phone' },
  { field: 'connected_on', label: 'Connected on' },
  { field: 'tags', label: 'Tags' },
  { field: 'status', label: 'Status' },
  { field: 'follow_up_on', label: 'Follow up on' },
  { field: 'do_not_contact', label: 'Do not contact' },
] as const;

export type ColumnMapField = (typeof columnMapFields)[number]['field'];
