// Vai trò — the roles an enrolment code gives a device (glossary). Data only, first-load safe.

/** Vai trò — what a device token may do. */
export type Role = 'collector' | 'officer' | 'chair' | 'reviewer';

/**
 * Người thu thập (collector, possibly limited to some villages), cán bộ phụ trách (officer),
 * chủ tịch (chair), người thẩm định của tỉnh (reviewer, every commune of its province).
 */
export const ROLES: readonly Role[] = ['collector', 'officer', 'chair', 'reviewer'];
