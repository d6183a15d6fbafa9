/**
 * Fictitious people and employers seeded by `npm start` (and by tests that need a known world).
 * Every ID number and credit code carries a valid check digit; none belongs to a real person.
 */
export interface DemoPerson {
  readonly idType: 'RESIDENT_ID_CARD';
  readonly idNumber: string;
  readonly name: string;
  readonly gender: 'MALE' | 'FEMALE';
  readonly birthDate: string;
  readonly phone: string;
  readonly householdAddress: string;
  readonly residenceAddress: string;
  readonly ethnicity: string;
}

export interface DemoEmployer {
  readonly creditCode: string;
  readonly name: string;
  readonly regionCode: string;
  readonly kind: 'ENTERPRISE' | 'PUBLIC_INSTITUTION';
}

export const DEMO_EMPLOYERS = {
  software: { creditCode: '91320102MA1X2Y3W3M', name: '南京示例软件有限公司', regionCode: '320102', kind: 'ENTERPRISE' },
  hospital: { creditCode: '12320506466000125U', name: '苏州市吴中区示例医院', regionCode: '320506', kind: 'PUBLIC_INSTITUTION' },
  ceramics: { creditCode: '91360302MA7B8C9DXN', name: '萍乡示例陶瓷有限公司', regionCode: '360302', kind: 'ENTERPRISE' },
} as const satisfies Record<string, DemoEmployer>;

export const DEMO_PEOPLE = {
  /** Lost his job involuntarily after 9 years of contributions: the unemployment bundle's example. */
  zhangWei: {
    idType: 'RESIDENT_ID_CARD',
    idNumber: '320102198507150016',
    name: '张伟',
    gender: 'MALE',
    birthDate: '1985-07-15',
    phone: '13800000001',
    householdAddress: '江苏省南京市玄武区示例路1号',
    residenceAddress: '江苏省南京市玄武区示例路1号',
    ethnicity: '汉族',
  },
  /** Newly appointed at a public hospital (事业单位). */
  liNa: {
    idType: 'RESIDENT_ID_CARD',
    idNumber: '320506199003080028',
    name: '李娜',
    gender: 'FEMALE',
    birthDate: '1990-03-08',
    phone: '13800000002',
    householdAddress: '江苏省苏州市吴中区示例街2号',
    residenceAddress: '江苏省苏州市吴中区示例街2号',
    ethnicity: '汉族',
  },
  /** Resident pension contributor close to 60. */
  wangFang: {
    idType: 'RESIDENT_ID_CARD',
    idNumber: '360302196511200046',
    name: '王芳',
    gender: 'FEMALE',
    birthDate: '1965-11-20',
    phone: '13800000003',
    householdAddress: '江西省萍乡市安源区示例巷3号',
    residenceAddress: '江西省萍乡市安源区示例巷3号',
    ethnicity: '汉族',
  },
  /** A 2023 graduate with no insurance record yet. */
  liuYang: {
    idType: 'RESIDENT_ID_CARD',
    idNumber: '110105200106010039',
    name: '刘洋',
    gender: 'MALE',
    birthDate: '2001-06-01',
    phone: '13800000004',
    householdAddress: '北京市朝阳区示例大街4号',
    residenceAddress: '江苏省南京市玄武区示例公寓4号',
    ethnicity: '满族',
  },
  /** Flexible employment, insured as an individual. */
  chenJing: {
    idType: 'RESIDENT_ID_CARD',
    idNumber: '510107197802140067',
    name: '陈静',
    gender: 'FEMALE',
    birthDate: '1978-02-14',
    phone: '13800000005',
    householdAddress: '四川省成都市武侯区示例路5号',
    residenceAddress: '四川省成都市武侯区示例路5号',
    ethnicity: '汉族',
  },
} as const satisfies Record<string, DemoPerson>;

export type DemoPersonName = keyof typeof DEMO_PEOPLE;
