import { registerEnumType } from 'type-graphql';

/** The national 1–10 status vocabulary (SOURCES.md "Shared vocabularies"; schema/canonical/vocabulary.ts). */
export enum DossierStatus {
  SUBMITTED = 'SUBMITTED',
  ACCEPTED = 'ACCEPTED',
  REFUSED = 'REFUSED',
  PROCESSING = 'PROCESSING',
  SUPPLEMENT_REQUESTED = 'SUPPLEMENT_REQUESTED',
  AWAITING_PAYMENT = 'AWAITING_PAYMENT',
  WITHDRAWN = 'WITHDRAWN',
  STOPPED = 'STOPPED',
  RESOLVED = 'RESOLVED',
  RETURNED = 'RETURNED',
}
registerEnumType(DossierStatus, {
  name: 'DossierStatus',
  description: 'Canonical dossier status: the national 1–10 vocabulary (trạng thái hồ sơ).',
  valuesConfig: {
    SUBMITTED: { description: '1 — submitted, not yet accepted (mới đăng ký).' },
    ACCEPTED: { description: '2 — accepted (đã tiếp nhận).' },
    REFUSED: { description: '3 — refused at acceptance (không được tiếp nhận).' },
    PROCESSING: { description: '4 — being processed (đang xử lý).' },
    SUPPLEMENT_REQUESTED: { description: '5 — supplement requested from the applicant (yêu cầu bổ sung).' },
    AWAITING_PAYMENT: { description: '6 — awaiting payment (chờ thực hiện nghĩa vụ tài chính).' },
    WITHDRAWN: { description: '7 — withdrawn by the applicant (công dân yêu cầu rút hồ sơ).' },
    STOPPED: { description: '8 — processing stopped (dừng xử lý).' },
    RESOLVED: { description: '9 — resolved (đã xử lý xong).' },
    RETURNED: { description: '10 — result returned to the applicant (đã trả kết quả).' },
  },
});

export enum DossierChannel {
  IN_PERSON = 'IN_PERSON',
  ONLINE = 'ONLINE',
  POSTAL = 'POSTAL',
}
registerEnumType(DossierChannel, {
  name: 'DossierChannel',
  description: 'How the dossier was filed (kênh thực hiện).',
  valuesConfig: {
    IN_PERSON: { description: 'At the one-stop desk (trực tiếp).' },
    ONLINE: { description: 'Online (trực tuyến).' },
    POSTAL: { description: 'By post (dịch vụ bưu chính công ích).' },
  },
});

export enum ApplicantType {
  CITIZEN = 'CITIZEN',
  BUSINESS = 'BUSINESS',
  STATE_AGENCY = 'STATE_AGENCY',
  OTHER_ORGANISATION = 'OTHER_ORGANISATION',
}
registerEnumType(ApplicantType, {
  name: 'ApplicantType',
  description: 'Who filed the dossier (loại đối tượng).',
  valuesConfig: {
    CITIZEN: { description: 'A citizen (công dân).' },
    BUSINESS: { description: 'A business (doanh nghiệp).' },
    STATE_AGENCY: { description: 'A state organisation (tổ chức nhà nước).' },
    OTHER_ORGANISATION: { description: 'Another organisation (tổ chức khác).' },
  },
});

export enum PauseKind {
  SUPPLEMENT = 'SUPPLEMENT',
  PAYMENT = 'PAYMENT',
  STOPPED = 'STOPPED',
}
registerEnumType(PauseKind, {
  name: 'PauseKind',
  description: 'Why the processing clock was paused (tạm dừng).',
  valuesConfig: {
    SUPPLEMENT: {
      description: 'Waiting for the applicant’s supplement (bổ sung hồ sơ): moves the due time.',
    },
    PAYMENT: { description: 'Waiting for payment (nghĩa vụ tài chính).' },
    STOPPED: { description: 'Processing stopped (dừng xử lý).' },
  },
});

export enum DueRevisionReason {
  ORIGINAL = 'ORIGINAL',
  DERIVED = 'DERIVED',
  SUPPLEMENT = 'SUPPLEMENT',
  OTHER = 'OTHER',
}
registerEnumType(DueRevisionReason, {
  name: 'DueRevisionReason',
  description: 'Why a due time (hạn trả kết quả) was set or moved.',
  valuesConfig: {
    ORIGINAL: { description: 'The due time the sources first gave (ngày hẹn trả).' },
    DERIVED: {
      description:
        'No source gave one: received time + statutory duration on the working calendar (DESIGN.md §3).',
    },
    SUPPLEMENT: { description: 'Moved for a supplement round: excuses lateness (DESIGN.md §3).' },
    OTHER: { description: 'Re-set for another reason: does not excuse lateness.' },
  },
});
