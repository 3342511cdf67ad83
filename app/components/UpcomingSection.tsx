/**
 * The honest state of a section whose feature is not built yet: it says what the section
 * will hold, instead of pretending to be an empty list.
 */
export function UpcomingSection({ title, purpose }: { title: string; purpose: string }) {
  return (
    <>
      <h1>{title}</h1>
      <section className="empty-state" aria-label={`${title}の準備状況`}>
        <p>{purpose}</p>
        <p className="muted">この画面は準備中です。利用できるようになるまで、もうしばらくお待ちください。</p>
      </section>
    </>
  );
}
