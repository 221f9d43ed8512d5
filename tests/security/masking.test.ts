import { describe, expect, it } from 'vitest';
import { maskValue } from '../../src/security/masking.js';
import { maskRawPayload } from '../../src/security/raw-payload.js';

describe('masking rules', () => {
  it('national IDs keep the first and last 4 of a 12-digit CCCD, the last 2 of a 9-digit CMND', () => {
    expect(maskValue('NATIONAL_ID', '001088001234')).toBe('0010****1234');
    expect(maskValue('NATIONAL_ID', '038190000123')).toBe('0381****0123');
    expect(maskValue('NATIONAL_ID', '012345678')).toBe('*******78');
    expect(maskValue('NATIONAL_ID', '1234')).toBe('****');
  });

  it('names keep the family name and initials, NFC or NFD alike', () => {
    expect(maskValue('NAME', 'Nguyễn Văn An')).toBe('Nguyễn V*** A***');
    expect(maskValue('NAME', 'Lê Thị Ánh Tuyết'.normalize('NFD'))).toBe('Lê T*** Á*** T***');
    expect(maskValue('NAME', 'Hùng')).toBe('H***');
  });

  it('birth dates keep the year and the format', () => {
    expect(maskValue('BIRTH_DATE', '1985-03-15')).toBe('1985-**-**');
    expect(maskValue('BIRTH_DATE', '15/03/1985')).toBe('**/**/1985');
    expect(maskValue('BIRTH_DATE', '1985-03-14T17:00:00.000+0000')).toBe('1985-**-**T**:**:**.***+****');
    expect(maskValue('BIRTH_DATE', '31121')).toBe('*****');
  });

  it('phones keep the last 3 digits; addresses keep their administrative part; e-mails their domain', () => {
    expect(maskValue('PHONE', '0912345678')).toBe('*******678');
    expect(maskValue('ADDRESS', 'Số 12 ngõ 34, Phường Ngọc Hà, Hà Nội')).toBe('***, Phường Ngọc Hà, Hà Nội');
    expect(maskValue('ADDRESS', 'Thôn 3')).toBe('***');
    expect(maskValue('EMAIL', 'an.nguyen@example.vn')).toBe('a***@example.vn');
  });

  it('leaves absence as it is', () => {
    expect(maskValue('NATIONAL_ID', null)).toBeNull();
    expect(maskValue('NAME', '')).toBe('');
    expect(maskValue('PHONE', undefined)).toBeUndefined();
  });
});

describe('raw payload masking', () => {
  it('masks the personal fields of a DVCQG record, nested identity documents included (SOURCES.md dvcqg)', () => {
    const raw = {
      MaHoSo: '000.00.14.H56-250703-0001',
      ChuHoSo: 'Trần Thị Bình',
      SoGiayToChuHoSo: '038190000123',
      DinhDanhCHS: [{ LoaiDinhDanh: '1', SoDinhDanh: '038190000123' }],
      LoaiDoiTuong: '1',
      TrichYeuHoSo: 'Cấp bản sao trích lục khai sinh',
    };
    expect(maskRawPayload(raw)).toEqual({
      MaHoSo: '000.00.14.H56-250703-0001',
      ChuHoSo: 'Trần T*** B***',
      SoGiayToChuHoSo: '0381****0123',
      DinhDanhCHS: [{ LoaiDinhDanh: '1', SoDinhDanh: '0381****0123' }],
      LoaiDoiTuong: '1',
      TrichYeuHoSo: 'Cấp bản sao trích lục khai sinh',
    });
    // The input is not changed.
    expect(raw.ChuHoSo).toBe('Trần Thị Bình');
  });

  it("masks iGate's applicant data and the cadre list's Vietnamese headers", () => {
    expect(
      maskRawPayload({
        applicant: {
          data: {
            ownerFullname: 'Phạm Minh Châu',
            birthday: '1990-01-01T17:00:00.000+0000',
            identityNumber: '001090012345',
            phoneNumber: '0987654321',
            address: 'Xóm 2, Xã Hòa Bình, Tỉnh Phú Thọ',
          },
        },
        code: 'G22.99-250801-0002',
      }),
    ).toEqual({
      applicant: {
        data: {
          ownerFullname: 'Phạm M*** C***',
          birthday: '1990-**-**T**:**:**.***+****',
          identityNumber: '0010****2345',
          phoneNumber: '*******321',
          address: '***, Xã Hòa Bình, Tỉnh Phú Thọ',
        },
      },
      code: 'G22.99-250801-0002',
    });
    expect(
      maskRawPayload({
        STT: 3,
        'Họ và tên': 'Đỗ Văn Đức',
        'Số định danh cá nhân': 38085001122,
        'Ngày sinh': '02/09/1985',
      }),
    ).toEqual({
      STT: 3,
      'Họ và tên': 'Đỗ V*** Đ***',
      'Số định danh cá nhân': '3808***1122',
      'Ngày sinh': '**/**/1985',
    });
  });

  it('masks personal elements inside the XML a hotich record carries in a JSON string (SOURCES.md hotich)', () => {
    const masked = maskRawPayload({
      maHoSoLT: 'KS-1',
      data: '<hoSo><nksHoTen>Vũ Gia Bảo</nksHoTen><nksGioiTinh>1</nksGioiTinh><nksNgaySinh>05/06/2025</nksNgaySinh></hoSo>',
    }) as { data: string };
    expect(masked.data).toBe(
      '<hoSo><nksHoTen>Vũ G*** B***</nksHoTen><nksGioiTinh>1</nksGioiTinh><nksNgaySinh>**/**/2025</nksNgaySinh></hoSo>',
    );
  });
});
