// What the console shows for the schema's enum values: the staff read Chinese.

export const ITEM_STATUS: Record<string, string> = {
  WAITING: '待前项办结',
  PENDING: '待办理',
  COMPLETED: '已办结',
  ACCEPTED: '已受理',
  REJECTED: '不予受理',
  FAILED: '办理失败',
  SKIPPED: '未办理',
  REFERRED: '已转办',
};

export const SUBMISSION_STATUS: Record<string, string> = {
  IN_PROGRESS: '办理中',
  ACCEPTED: '已受理',
  COMPLETED: '已办结',
  PARTIALLY_REJECTED: '部分不予受理',
  REJECTED: '不予受理',
  FAILED: '办理失败',
};

export const SELECTION: Record<string, string> = {
  REQUIRED: '必选',
  OPTIONAL: '可选',
  PRESELECTED: '默认勾选',
  AUTOMATIC: '自动办理',
};

export const MODE: Record<string, string> = {
  PARALLEL: '并联办理',
  SERIAL: '串联办理',
  MERGED: '合并办理',
};

export const CHANNEL: Record<string, string> = {
  COUNTER: '窗口办',
  BANK_AGENT: '银行网点代办',
  POST_AGENT: '邮政网点代办',
  SELF_SERVICE_TERMINAL: '自助终端',
};

export const PRESENCE: Record<string, string> = {
  ID_CARD_READER: '读取居民身份证',
  SOCIAL_SECURITY_CARD: '读取社会保障卡',
};

export const ROLE: Record<string, string> = {
  clerk: '窗口人员',
  agent: '代办终端',
};

/** Submission statuses after which nothing changes any more. */
export const FINAL_SUBMISSION_STATUSES = new Set(['COMPLETED', 'PARTIALLY_REJECTED', 'REJECTED']);
