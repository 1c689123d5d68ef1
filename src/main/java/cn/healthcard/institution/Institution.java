package cn.healthcard.institution;

import cn.healthcard.common.RegionCode;

/** A registration centre or service institution, placed in a GB/T 2260 region. */
public record Institution(String code, String name, RegionCode region, InstitutionKind kind) {
}
