/** How the portal names a lead: its full name, or "Unnamed lead" when it has none (or a blank one). */
export function leadName(lead: { fullName: string | null }): string {
  const name = lead.fullName?.trim();
  return name ? name : 'Unnamed lead';
}
