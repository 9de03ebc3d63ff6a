/**
 * Folds Vietnamese text for search: lower case, no diacritics, đ → d, collapsed whitespace.
 * "Đăng ký KHAI SINH" → "dang ky khai sinh". NFD splits precomposed letters into base + combining
 * marks (U+0300–U+036F); đ/Đ have no decomposition and are mapped by hand.
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}.]+/gu, ' ')
    .trim()
    .replace(/\s+/g, ' ')
}
