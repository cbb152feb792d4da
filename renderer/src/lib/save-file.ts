import type { SluiceApi } from '../../../main/ipc/contract';
import { UNAVAILABLE_IN_SHELL } from '../../../main/desktop/unavailable';
import { getApi } from './api';

export interface SaveFileOptions {
  /** File name offered to the user (the save dialog's default, or the download's name). */
  suggestedName: string;
  /** Text as is (`utf8`, the default) or binary data as base64. */
  content: string;
  encoding?: 'utf8' | 'base64';
  /** MIME type of the download in browser mode; also picks the save dialog's file-type filter. */
  mime: string;
}

export interface SaveFileResult {
  /** False only when the user cancelled the save dialog. */
  saved: boolean;
  /** Where the file was written (Electron only; a browser download does not tell). */
  path?: string;
}

/** What saveFile needs from its surroundings; injected so the choice of route is unit-testable. */
export interface SaveFileDeps {
  api: SluiceApi | undefined;
  download: (name: string, blob: Blob) => void;
}

let dialogUnavailable = false;
let shellCheck: Promise<boolean> | undefined;

/** Whether main offers native dialogs; asked once (app:info), so browser mode never ships content to main in vain. */
function hasDialogs(api: SluiceApi): Promise<boolean> {
  shellCheck ??= api.invoke('app:info', undefined).then(
    (info) => info.shell === 'electron',
    () => true,
  );
  return shellCheck;
}

/**
 * Saves a file the user asked for (exports, reports). In Electron: a native save dialog, then an
 * atomic write by main. In browser mode (no dialog handler there): a Blob download.
 */
export async function saveFile(opts: SaveFileOptions): Promise<SaveFileResult> {
  return saveFileWith(opts, { api: getApi(), download: anchorDownload });
}

export async function saveFileWith(opts: SaveFileOptions, deps: SaveFileDeps): Promise<SaveFileResult> {
  const encoding = opts.encoding ?? 'utf8';
  const name = safeFileName(opts.suggestedName);
  if (deps.api && !dialogUnavailable && (await hasDialogs(deps.api))) {
    try {
      const filters = filtersFor(name, opts.mime);
      return await deps.api.invoke('files:save', {
        suggestedName: name,
        content: opts.content,
        encoding,
        ...(filters.length > 0 ? { filters } : {}),
      });
    } catch (error) {
      if ((error as { name?: unknown }).name !== UNAVAILABLE_IN_SHELL) throw error;
      dialogUnavailable = true;
    }
  }
  deps.download(name, toBlob(opts.content, encoding, opts.mime));
  return { saved: true };
}

/** For tests: forget that the dialogs were found unavailable. */
export function resetSaveFileRoute(): void {
  shellCheck = undefined;
  dialogUnavailable = false;
  openDialogUnavailable = false;
}

/** A bare file name: path separators and control characters become `_` (main refuses paths). */
export function safeFileName(name: string): string {
  const cleaned = [...name]
    .map((ch) => (ch === '/' || ch === '\\' || ch.charCodeAt(0) < 0x20 ? '_' : ch))
    .join('')
    .trim()
    .slice(0, 255);
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? 'download' : cleaned;
}

export function toBlob(content: string, encoding: 'utf8' | 'base64', mime: string): Blob {
  if (encoding === 'utf8') return new Blob([content], { type: mime });
  const binary = atob(content);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type: mime });
}

/** A save dialog filter from the suggested name's extension, e.g. `report.pdf` → PDF (*.pdf). */
export function filtersFor(suggestedName: string, mime: string): { name: string; extensions: string[] }[] {
  const match = /\.([A-Za-z0-9]{1,10})$/.exec(suggestedName);
  if (!match?.[1]) return [];
  const extension = match[1].toLowerCase();
  const label = mime.includes('/') ? extension.toUpperCase() : mime;
  return [{ name: `${label} file`, extensions: [extension] }];
}

function anchorDownload(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = name;
  anchor.rel = 'noopener';
  anchor.style.display = 'none';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // Let the download start before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export interface OpenedFile {
  name: string;
  text: string;
}

/**
 * Lets the user pick a text file (job specs, reports to import). In Electron main shows the open
 * dialog: a page may open its file chooser only right after a click in the page, not from a menu
 * item. In browser mode the page's own file input is used. Undefined when the user cancels.
 */
export async function openTextFile(accept: string): Promise<OpenedFile | undefined> {
  return openTextFileWith(accept, { api: getApi(), pick: pickWithInput });
}

let openDialogUnavailable = false;

export async function openTextFileWith(
  accept: string,
  deps: { api: SluiceApi | undefined; pick: (accept: string) => Promise<OpenedFile | undefined> },
): Promise<OpenedFile | undefined> {
  if (deps.api && !openDialogUnavailable && (await hasDialogs(deps.api))) {
    try {
      const extensions = extensionsOf(accept);
      const reply = await deps.api.invoke('files:open', {
        ...(extensions.length > 0
          ? { filters: [{ name: extensions.map((e) => e.toUpperCase()).join(', '), extensions }] }
          : {}),
      });
      return reply.file ? { name: reply.file.name, text: reply.file.text } : undefined;
    } catch (error) {
      if ((error as { name?: unknown }).name !== UNAVAILABLE_IN_SHELL) throw error;
      openDialogUnavailable = true;
    }
  }
  return deps.pick(accept);
}

/** `.json,application/json` → ['json']: the dialog filter from an <input accept> list. */
export function extensionsOf(accept: string): string[] {
  return accept
    .split(',')
    .map((part) => part.trim())
    .filter((part) => /^\.[A-Za-z0-9]+$/.test(part))
    .map((part) => part.slice(1).toLowerCase());
}

function pickWithInput(accept: string): Promise<OpenedFile | undefined> {
  return new Promise((resolve, reject) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.style.display = 'none';
    let settled = false;
    const finish = (value: OpenedFile | undefined, error?: Error): void => {
      if (settled) return;
      settled = true;
      input.remove();
      if (error) reject(error);
      else resolve(value);
    };
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      if (!file) return finish(undefined);
      file.text().then(
        (text) => finish({ name: file.name, text }),
        (error: unknown) => finish(undefined, new Error(`Could not read "${file.name}": ${String(error)}`)),
      );
    });
    input.addEventListener('cancel', () => finish(undefined));
    document.body.append(input);
    input.click();
  });
}
