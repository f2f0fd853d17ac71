/** Only same-site paths are followed after sign-in; anything else goes to the health page. */
export function safeCallbackPath(value: string | null | undefined): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/health";
  return value;
}
