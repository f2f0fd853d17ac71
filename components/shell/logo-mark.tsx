/** The SyncDeck mark: two opposed arrows on an indigo tile. */
export function LogoMark({ size = "h-8 w-8" }: { size?: string }) {
  return (
    <span className={`flex ${size} items-center justify-center rounded-lg bg-indigo-600 text-white`}>
      <svg viewBox="0 0 32 32" className="h-5 w-5" aria-hidden>
        <path
          d="M7 11h14l-4-4M25 21H11l4 4"
          fill="none"
          stroke="currentColor"
          strokeWidth="2.5"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
    </span>
  );
}
