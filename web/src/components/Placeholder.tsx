/** A page not built yet: its title, so navigation and routing can be tested already. */
export function Placeholder(props: { title: string }) {
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{props.title}</h1>
      <p>This page is being built.</p>
    </section>
  );
}
