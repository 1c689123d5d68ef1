package cn.healthcard.filing;

/**
 * The catalogue's filters, all optional: product type, status, a part of the model, of the manufacturer's name or of
 * the filing number.
 */
public record CatalogueFilter(ProductType productType, FilingStatus status, String model, String manufacturer,
                              String filingNo) {

    public static CatalogueFilter all() {
        return new CatalogueFilter(null, null, null, null, null);
    }
}
