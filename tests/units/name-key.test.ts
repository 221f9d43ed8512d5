import { describe, expect, it } from 'vitest';
import { foldName, nameKey, parseNameQuery } from '../../src/units/name-key.js';
import { relationFromNote } from '../../src/units/relation.js';

describe('unit name keys', () => {
  it('folds case and diacritics, đ included, from NFC or NFD', () => {
    expect(foldName('Phường Ngọc Hà')).toBe('phuong ngoc ha');
    expect(foldName('Phường Ngọc Hà'.normalize('NFD'))).toBe('phuong ngoc ha');
    expect(foldName('Đặc khu Côn Đảo')).toBe('dac khu con dao');
    expect(foldName('Bà Rịa - Vũng Tàu')).toBe('ba ria vung tau');
  });

  it('drops leading zeros of numbers: Phường 01 = Phường 1', () => {
    expect(nameKey('01')).toBe(nameKey('1'));
    expect(nameKey('10')).toBe('10');
  });

  it('reads type words and their abbreviations, trying the whole name first', () => {
    expect(parseNameQuery('p. ngoc ha').map((a) => a.key)).toEqual(['p ngoc ha', 'ngoc ha']);
    expect(parseNameQuery('p. ngoc ha')[1]).toMatchObject({ type: 'phường', levels: ['COMMUNE'] });
    expect(parseNameQuery('TP.Hồ Chí Minh')[1]).toMatchObject({ key: 'ho chi minh', type: 'thành phố' });
    expect(parseNameQuery('TX. Sơn Tây')[1]).toMatchObject({ key: 'son tay', type: 'thị xã' });
    expect(parseNameQuery('Phường 01')[1]).toMatchObject({ key: '1', type: 'phường' });
    // A name that starts like a type word keeps its whole form as the first attempt.
    expect(parseNameQuery('Tĩnh Gia')[0]).toEqual({ key: 'tinh gia', type: null, levels: null });
  });
});

describe('relation notes of the conversion table', () => {
  it.each([
    ['Nhập toàn bộ', 'WHOLE'],
    ['Nhập toàn bộ diện tích', 'WHOLE'],
    ['Nhập một phần', 'PART'],
    ['Nhâp một phần diện tích', 'PART'],
    ['Nhập một phần diện tích, toàn bộ dân số', 'PART'],
    ['Phần còn lại sau khi tách một phần vào xã Canh Vinh', 'PART'],
    ['Đổi tên từ một phần Phường 15', 'PART'],
    ['Giữ nguyên', 'UNCHANGED'],
    ['Đổi tên', 'RENAMED'],
    ['Đổi loại hình', 'RETYPED'],
    ['Sắp xếp toàn bộ huyện Côn Đảo thành đặc khu Côn Đảo', 'WHOLE'],
  ])('%s → %s', (note, relation) => {
    expect(relationFromNote(note)).toBe(relation);
  });

  it('refuses a note it does not know', () => {
    expect(relationFromNote('Chuyển về tỉnh khác')).toBeNull();
  });
});
