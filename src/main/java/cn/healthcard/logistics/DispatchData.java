package cn.healthcard.logistics;

import java.time.LocalDate;

/** The sender's dispatch: waybill number, courier or delivery person, expected delivery date (APP-11). */
public record DispatchData(String waybillNo, String carrier, LocalDate expectedDate) {
}
