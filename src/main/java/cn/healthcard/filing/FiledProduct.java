package cn.healthcard.filing;

import java.time.LocalDate;

/** A product in the catalogue: filed and within its validity period. */
public record FiledProduct(String filingNo, ProductType productType, String model, String productVersion,
                           String manufacturerName, String manufacturerCreditCode, LocalDate validUntil) {
}
