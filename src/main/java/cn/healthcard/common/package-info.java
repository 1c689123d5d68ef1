/**
 * Value objects with the standards' rules (ID number GB 11643, regions GB/T 2260, masking, code tables, person names,
 * image headers), domain exceptions, China time.
 *
 * <p>Value objects with the standards' rules: {@code IdNumber} (GB 11643), {@code RegionCode} (GB/T 2260, scoping),
 * {@code Masking}, code tables; domain exceptions; the clock
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "common 公共",
        allowedDependencies = {})
package cn.healthcard.common;
