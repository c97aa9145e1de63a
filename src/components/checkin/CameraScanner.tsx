/**
 * The in-page camera scanner exists only in H5 (CameraScanner.h5.tsx, picked by Taro's per-platform
 * file resolution). The mini program scans with `Taro.scanCode`, so here it draws nothing.
 */
export interface CameraScannerProps {
  /** Called with each decoded text; answer true to stop (a code of ours), false to keep scanning. */
  onText: (text: string) => boolean
  onClose: () => void
}

export function CameraScanner(_props: CameraScannerProps) {
  return null
}
