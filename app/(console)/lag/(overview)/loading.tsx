import { SurfaceLoading } from "@/components/shell/surface-loading";

export default function Loading() {
  return <SurfaceLoading />;
}
