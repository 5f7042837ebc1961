import { isAppUrl } from './origin';

/**
 * Every IPC message is checked before it is read: it must come from the main frame (not an
 * iframe) of the window Dossier created, currently showing a page of the app's own origin.
 * `senderFrame` is null when the frame navigated away or was destroyed before the message was
 * handled; that is refused too.
 */
export interface FrameLike {
  readonly url: string;
  readonly parent: unknown;
}

export interface SenderLike {
  readonly senderFrame: FrameLike | null | undefined;
  readonly sender?: { readonly id: number } | undefined;
}

export type SenderCheck = { ok: true } | { ok: false; reason: string };

export function checkSender(frame: FrameLike | null | undefined): SenderCheck {
  if (!frame) return { ok: false, reason: 'the sending frame is gone' };
  if (frame.parent !== null) return { ok: false, reason: 'not the main frame' };
  if (!isAppUrl(frame.url)) return { ok: false, reason: 'not the app origin' };
  return { ok: true };
}

/** checkSender, plus: the message came from the webContents of our own window. */
export function checkEvent(event: SenderLike, expectedWebContentsId: number | undefined): SenderCheck {
  if (expectedWebContentsId === undefined || event.sender?.id !== expectedWebContentsId) return { ok: false, reason: 'not the Dossier window' };
  return checkSender(event.senderFrame);
}
