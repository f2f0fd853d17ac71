import { THEME_COOKIE } from "./display-preferences";

/**
 * Runs before the first paint: puts `dark` on <html> when the chosen theme (cookie), or the system's
 * when none was chosen, is dark. Inline so no page ever flashes the wrong theme.
 */
const SOURCE = `(function(){try{var m=document.cookie.match(/(?:^|; )${THEME_COOKIE}=(light|dark|system)/);var t=m?m[1]:"system";var d=t==="dark"||(t==="system"&&window.matchMedia("(prefers-color-scheme: dark)").matches);var e=document.documentElement;e.classList.toggle("dark",d);e.style.colorScheme=d?"dark":"light"}catch(_){}})()`;

export function ThemeScript({ nonce }: { nonce: string | undefined }) {
  return <script nonce={nonce} dangerouslySetInnerHTML={{ __html: SOURCE }} />;
}
